// GET /order/certificate/{order_id}/duplicate: the order's duplicate certificates.
import { loadOrder, type ApiRequest, type ApiResponse } from "../api";
import { duplicateView } from "../present";

export function listDuplicates(req: ApiRequest): ApiResponse {
  const order = loadOrder(req, req.params[0]);
  const certificates = order.duplicateIds.flatMap((id) => {
    const cert = req.store.certificates.get(id);
    return cert ? [duplicateView(cert, req.now, order.reportedStatuses?.certificate)] : [];
  });
  return { status: 200, json: { certificates } };
}
