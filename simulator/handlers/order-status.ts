// PUT /order/certificate/{order_id}/status: cancel an order, or its pending reissue.
// Update order status page (current layout): "the order status must be `pending` or
// `waiting_pickup`", or `reissue_pending` for a reissue. An order that waits for an
// administrator (`needs_approval`) is not canceled here: its request is rejected
// (PUT /request/{id}/status). Any other status is refused with a 400 whose code is
// invented: DigiCert documents none for it.
import { loadOrder, type ApiRequest, type ApiResponse } from "../api";
import { badRequest } from "../errors";
import { dropReissue, pendingRequest, requireStatus } from "../lifecycle";
import { asBody, Check } from "../validate";

const CANCELABLE = ["pending", "waiting_pickup", "reissue_pending"] as const;

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
