// PUT /certificate/{certificate_id}/revoke: ask for one certificate to be revoked.
// Like CertCentral, this only files a revoke request that an administrator approves.
import { loadCertificate, type ApiRequest, type ApiResponse } from "../api";
import { badRequest } from "../errors";
import { approveRevoke, newRequest, pendingRequest } from "../lifecycle";
import { REQUESTER } from "../present";
import { asBody, Check } from "../validate";

export function revokeCertificate(req: ApiRequest): ApiResponse {
  const { cert, order } = loadCertificate(req, req.params[0]);
  const c = new Check();
  const comments = c.str(asBody(req.body), "comments", "comments", false);
  c.done();

  if (cert.status === "revoked") {
    throw badRequest("certificate_already_revoked", `certificate ${cert.id} is already revoked`);
  }
  const reissue = pendingRequest(req, order, "reissue");
  if (order.status === "reissue_pending") {
    throw badRequest(
      "reissue_pending",
      `certificate ${cert.id} cannot be revoked while order ${order.id} has a pending reissue` +
        `${reissue ? ` (request ${reissue.id})` : ""}: cancel the reissue or revoke after it completes`,
    );
  }
  const waiting = pendingRequest(req, order, "revoke", cert.id);
  if (waiting) {
    throw badRequest(
      "revoke_request_pending",
      `revoke request ${waiting.id} for certificate ${cert.id} already waits for approval`,
    );
  }
  if (cert.status !== "issued") {
    throw badRequest("invalid_certificate_status", `certificate ${cert.id} is ${cert.status}: only an issued certificate can be revoked`);
  }

  const request = newRequest(req, order, "revoke", "pending", {
    certificateId: cert.id,
    ...(comments !== undefined ? { comments } : {}),
  });
  if (req.settings.autoApproveRevoke) approveRevoke(req, request);
  return {
    status: 201,
    json: {
      id: request.id,
      date: request.date,
      type: request.type,
      status: request.status,
      requester: REQUESTER,
      ...(comments !== undefined ? { comments } : {}),
    },
  };
}
