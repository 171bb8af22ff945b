// GET /order/certificate/{order_id}/email-validation: "Email validation status" (dev.digicert.com,
// certcentral-apis/services-api/orders/email-validation-status): each email of a client
// certificate order and whether it is validated. An order of a product that is not S/MIME lists none.
import { loadOrder, type ApiRequest, type ApiResponse } from "../api";
import { emailValidationView } from "../present";

export function getEmailValidation(req: ApiRequest): ApiResponse {
  const order = loadOrder(req, req.params[0]);
  return { status: 200, json: emailValidationView(order) };
}
