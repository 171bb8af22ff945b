// PUT /order/certificate/{order_id}/ct-status: keep the order's certificates out of (or in) public CT logs.
import { loadOrder, type ApiRequest, type ApiResponse } from "../api";
import { badRequest } from "../errors";
import { requireStatus } from "../lifecycle";
import { asBody, Check } from "../validate";

const OPEN = ["needs_approval", "pending", "processing", "waiting_pickup", "issued", "reissue_pending"] as const;

export function setCtStatus(req: ApiRequest): ApiResponse {
  const order = loadOrder(req, req.params[0]);
  const c = new Check();
  const disableCt = c.bool(asBody(req.body), "disable_ct", "disable_ct", true);
  c.done();
  if (!req.settings.ctLoggingEnabled) {
    throw badRequest(
      "cert_transparency_turned_off_for_account",
      "CT logging is turned off for this account: the per-certificate CT option cannot be changed",
    );
  }
  requireStatus(order, OPEN, "changing the CT status");
  order.disableCt = disableCt ?? false;
  req.store.touch();
  return { status: 204 };
}
