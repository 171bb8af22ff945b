// GET /order/certificate/{order_id}: order info.
import { loadOrder, type ApiRequest, type ApiResponse } from "../api";
import { orderView } from "../present";

export function getOrder(req: ApiRequest): ApiResponse {
  const order = loadOrder(req, req.params[0]);
  return { status: 200, json: orderView(req.store, order, req.now) };
}
