// POST /order/certificate/{order_id}/reissue: replace the order's certificate with a new one.
import { loadOrder, type ApiRequest, type ApiResponse } from "../api";
import { parseReissueBody } from "../bodies";
import { approveReissue, newRequest, requireStatus } from "../lifecycle";
import type { CertificateDetails } from "../state";

export function reissueCertificate(req: ApiRequest): ApiResponse {
  const order = loadOrder(req, req.params[0]);
  const body = parseReissueBody(req.body);
  // DigiCert keeps an order whose only certificate was revoked active and reissuable.
  requireStatus(order, ["issued", "revoked"], "reissue");

  const current = order.certificateId === undefined ? undefined : req.store.certificates.get(order.certificateId);
  const details: CertificateDetails = {
    ...body.certificate,
    emails: body.certificate.emails ?? current?.emails ?? order.requested.emails,
    organizationUnits: body.certificate.organizationUnits ?? current?.organizationUnits ?? order.requested.organizationUnits,
  };
  const request = newRequest(req, order, "reissue", body.skipApproval ? "approved" : "pending", {
    reissue: details,
    statusBefore: order.status,
    ...(body.comments !== undefined ? { comments: body.comments } : {}),
  });

  if (body.skipApproval) {
    const cert = approveReissue(req, order, request);
    return { status: 201, json: { id: order.id, certificate_id: cert.id } };
  }
  order.status = "reissue_pending";
  return { status: 201, json: { id: order.id, requests: [{ id: request.id }] } };
}
