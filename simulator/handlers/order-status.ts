// PUT /order/certificate/{order_id}/status: cancel an order, or its pending reissue.
import { loadOrder, type ApiRequest, type ApiResponse } from "../api";
import { badRequest } from "../errors";
import { dropReissue, pendingRequest, requireStatus } from "../lifecycle";
import { asBody, Check } from "../validate";

const CANCELABLE = ["needs_approval", "pending", "processing", "waiting_pickup", "reissue_pending"] as const;

export function updateOrderStatus(req: ApiRequest): ApiResponse {
  const order = loadOrder(req, req.params[0]);
  const c = new Check();
  const body = asBody(req.body);
  c.oneOf(body, "status", "status", ["canceled"] as const, true);
  c.str(body, "note", "note", true);
  c.done();
  requireStatus(order, CANCELABLE, "cancel");

  if (order.status === "reissue_pending") {
    const reissue = pendingRequest(req, order, "reissue");
    if (!reissue) {
      throw badRequest("invalid_order_status", `order ${order.id}: the reissue is already approved and can no longer be canceled`);
    }
    dropReissue(req, order, reissue);
    return { status: 204 };
  }

  order.status = "canceled";
  const waiting = pendingRequest(req, order, "new_request");
  if (waiting) waiting.status = "rejected";
  const cert = order.certificateId === undefined ? undefined : req.store.certificates.get(order.certificateId);
  if (cert?.status === "pending") cert.status = "canceled";
  req.store.touch();
  return { status: 204 };
}
