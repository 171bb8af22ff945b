// PUT /certificate/{certificate_id}/revoke: revoke one certificate, and
// PUT /order/certificate/{order_id}/revoke: revoke every certificate of an order.
// Both file a revoke request an administrator approves (201, the request), unless the
// body says `skip_approval: true`, which an administrator's key may (204, empty; no
// request is kept). The simulator's keys are all administrators'.
// Pages: Revoke certificate, Revoke order certificates (dev.digicert.com, current layout).
import { loadCertificate, loadOrder, type ApiRequest, type ApiResponse } from "../api";
import { badRequest } from "../errors";
import { approveRevoke, newRequest, pendingRequest, revokeOrder } from "../lifecycle";
import { REQUESTER } from "../present";
import type { OrderRecord, RequestRecord } from "../state";
import { asBody, Check } from "../validate";

const REASONS = ["unspecified", "keyCompromise", "affiliationChanged", "superseded", "cessationOfOperation"] as const;

function requestAnswer(request: RequestRecord, comments: string | undefined): ApiResponse {
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

function refuseWhileReissuePending(req: ApiRequest, order: OrderRecord, what: string): void {
  if (order.status !== "reissue_pending") return;
  const reissue = pendingRequest(req, order, "reissue");
  throw badRequest(
    "reissue_pending",
    `${what} cannot be revoked while order ${order.id} has a pending reissue` +
      `${reissue ? ` (request ${reissue.id})` : ""}: cancel the reissue or revoke after it completes`,
  );
}

export function revokeCertificate(req: ApiRequest): ApiResponse {
  const { cert, order } = loadCertificate(req, req.params[0]);
  const c = new Check();
  const body = asBody(req.body);
  const comments = c.str(body, "comments", "comments", false);
  const skipApproval = c.bool(body, "skip_approval", "skip_approval", false);
  c.done();

  if (cert.status === "revoked") {
    throw badRequest("certificate_already_revoked", `certificate ${cert.id} is already revoked`);
  }
  refuseWhileReissuePending(req, order, `certificate ${cert.id}`);
  const waiting = pendingRequest(req, order, "revoke", cert.id) ?? orderRevokeWaiting(req, order);
  if (waiting) {
    throw badRequest(
      "revoke_request_pending",
      `revoke request ${waiting.id} for certificate ${cert.id} already waits for approval`,
    );
  }
  if (cert.status !== "issued") {
    throw badRequest("invalid_certificate_status", `certificate ${cert.id} is ${cert.status}: only an issued certificate can be revoked`);
  }

  if (skipApproval === true) {
    approveRevoke(req, { id: 0, orderId: order.id, type: "revoke", status: "pending", date: "", certificateId: cert.id });
    return { status: 204 };
  }
  const request = newRequest(req, order, "revoke", "pending", {
    certificateId: cert.id,
    ...(comments !== undefined ? { comments } : {}),
  });
  if (req.settings.autoApproveRevoke) approveRevoke(req, request);
  return requestAnswer(request, comments);
}

/** A revoke request of the whole order (no certificate named) that waits for approval. */
function orderRevokeWaiting(req: ApiRequest, order: OrderRecord): RequestRecord | undefined {
  for (const id of order.requestIds) {
    const r = req.store.requests.get(id);
    if (r?.type === "revoke" && r.certificateId === undefined && (r.status === "pending" || r.status === "submitted")) return r;
  }
  return undefined;
}

export function revokeOrderCertificates(req: ApiRequest): ApiResponse {
  const order = loadOrder(req, req.params[0]);
  const c = new Check();
  const body = asBody(req.body);
  // The page's table says `comment`, its examples send `comments`: both are taken.
  const comments = c.str(body, "comments", "comments", false) ?? c.str(body, "comment", "comment", false);
  c.oneOf(body, "revocation_reason", "revocation_reason", REASONS, false);
  const skipApproval = c.bool(body, "skip_approval", "skip_approval", false);
  c.done();

  if (order.status === "revoked") throw badRequest("order_already_revoked", `order ${order.id} is already revoked`);
  refuseWhileReissuePending(req, order, `order ${order.id}`);
  const waiting = orderRevokeWaiting(req, order);
  if (waiting) throw badRequest("revoke_request_pending", `revoke request ${waiting.id} for order ${order.id} already waits for approval`);
  if (order.status !== "issued") {
    throw badRequest("invalid_order_status", `order ${order.id} is ${order.status}: only an issued order's certificates can be revoked`);
  }

  if (skipApproval === true) {
    revokeOrder(req, order);
    return { status: 204 };
  }
  const request = newRequest(req, order, "revoke", "pending", comments !== undefined ? { comments } : {});
  if (req.settings.autoApproveRevoke) approveRevoke(req, request);
  return requestAnswer(request, comments);
}
