// POST /order/certificate/{product_id}: order a client certificate.
import type { ApiRequest, ApiResponse } from "../api";
import { parseOrderBody } from "../bodies";
import { certificatePem } from "../certificate-authority";
import { isoTimestamp, ymd } from "../dates";
import { badRequest, notFound } from "../errors";
import { approveNewRequest, newRequest } from "../lifecycle";
import { isSmime, PRODUCTS } from "../products";
import type { OrderRecord } from "../state";

export function orderCertificate(req: ApiRequest): ApiResponse {
  const productId = req.params[0] ?? "";
  const product = Object.hasOwn(PRODUCTS, productId) ? PRODUCTS[productId] : undefined;
  if (!product) throw notFound("product", `product ${productId} not found: client certificate products are ${Object.keys(PRODUCTS).join(", ")}`);
  const body = parseOrderBody(req.body, req.now, productId, product);
  const { store } = req;

  const renewed = body.renewalOfOrderId === undefined ? undefined : store.orders.get(body.renewalOfOrderId);
  if (body.renewalOfOrderId !== undefined && !renewed) {
    throw badRequest("invalid_value", `renewal_of_order_id: order ${body.renewalOfOrderId} does not exist`);
  }
  const createdOrganization = body.organization.id === undefined;
  const organizationId = body.organization.id ?? store.nextId("organization");

  const order: OrderRecord = {
    id: store.nextId("order"),
    productId,
    status: "needs_approval",
    dateCreated: isoTimestamp(req.now),
    organizationId,
    ...(body.containerId !== undefined ? { containerId: body.containerId } : {}),
    paymentMethod: body.paymentMethod,
    disableCt: false,
    autoRenew: body.autoRenew,
    ...(body.renewalOfOrderId !== undefined ? { renewalOfOrderId: body.renewalOfOrderId } : {}),
    isRenewed: false,
    customFields: body.customFields,
    validity: body.validity,
    requested: body.certificate,
    certificateIds: [],
    duplicateIds: [],
    requestIds: [],
    ...(isSmime(product)
      ? {
          subject: body.subject,
          // The validation emails go out with the order; the reference pages' products knew no such step.
          emailValidations: body.certificate.emails.map((email) => ({
            email,
            status: product.validatesEmails ? ("unvalidated" as const) : ("validated" as const),
            dateEmailed: ymd(req.now),
          })),
        }
      : {}),
    ...(Object.keys(req.settings.reportedStatuses).length > 0 ? { reportedStatuses: { ...req.settings.reportedStatuses } } : {}),
  };
  store.orders.set(order.id, order);
  if (renewed) renewed.isRenewed = true;

  const request = newRequest(req, order, "new_request", req.settings.newRequestStatus);
  const cert = body.skipApproval || req.settings.autoApprove ? approveNewRequest(req, order, request) : undefined;
  return {
    status: 201,
    json: {
      id: order.id,
      ...(createdOrganization ? { organization: { id: organizationId } } : {}),
      requests: [{ id: request.id, status: request.status }],
      ...(cert ? { certificate_id: cert.id } : {}),
      // Issued at once: the certificate comes along, leaf first, as pem_all lists it.
      ...(cert?.der !== undefined
        ? {
            certificate_chain: [
              { subject_common_name: cert.commonName, pem: certificatePem(cert.der) },
              ...store.ca.chain().map((c) => ({ subject_common_name: c.subjectCommonName, pem: c.pem })),
            ],
          }
        : {}),
    },
  };
}
