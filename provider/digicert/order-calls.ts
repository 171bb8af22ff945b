// The client's calls on orders: place, reissue, read, list, CT status, email validation,
// duplicates, cancel and revoke. Each validates its input, encodes it to the wire, sends
// it through the client's requests and decodes the answer.
import { encode } from "./codec";
import { ENDPOINTS, endpointName } from "./endpoints";
import { DigiCertInvalidInputError } from "./errors";
import { CLIENT_PRODUCT_IDS, isClientProductId, type ClientProductId } from "./ids";
import { mustName, positiveId, toWire } from "./client-input";
import type { GetOrderOptions } from "./client-options";
import type { ClientRequests } from "./client-requests";
import { parseJsonBody } from "./response";
import {
  CancelOrderRequestSchema,
  CtStatusRequestSchema,
  ListOrdersQuerySchema,
  RevokeOrderRequestSchema,
  WireCancelOrderRequest,
  WireCtStatusRequest,
  WireEmailValidationResponse,
  WireListDuplicatesResponse,
  WireListOrdersQuery,
  WireListOrdersResponse,
  WireOrderClientCertificateRequest,
  WireOrderClientCertificateResponse,
  WireOrderInfo,
  WireReissueRequest,
  WireReissueResponse,
  WireRevokeOrderRequest,
  type DuplicateCertificate,
  type EmailValidationResponse,
  type ListOrdersPage,
  type ListOrdersQuery,
  type OrderClientCertificateRequest,
  type OrderClientCertificateResponse,
  type OrderInfo,
  type ReissueRequest,
  type ReissueResponse,
  type RevokeResponse,
} from "./schemas";
import type { SendSpec } from "./transport";

export async function orderClientCertificate(
  r: ClientRequests,
  productId: ClientProductId,
  req: OrderClientCertificateRequest,
): Promise<OrderClientCertificateResponse> {
  if (!isClientProductId(productId)) {
    throw new DigiCertInvalidInputError("productId", [
      { path: "", message: `must be one of ${CLIENT_PRODUCT_IDS.join(", ")}` },
    ]);
  }
  // The body was validated once, by the resource's inputs schema, on its way here:
  // the client encodes it to the wire, it does not judge it again.
  const body = encode(WireOrderClientCertificateRequest, req);
  return r.paidJson(
    {
      endpoint: ENDPOINTS.orderClientCertificate,
      params: { client_certificate_id: productId },
      body,
      billable: { operation: "order", productId, commonName: body.certificate.common_name ?? body.certificate.emails[0] ?? "" },
    },
    WireOrderClientCertificateResponse,
  );
}

export async function reissueCertificate(r: ClientRequests, orderId: number, req: ReissueRequest): Promise<ReissueResponse> {
  const id = positiveId("orderId", orderId);
  const body = encode(WireReissueRequest, req);
  return r.paidJson(
    {
      endpoint: ENDPOINTS.reissueCertificate,
      params: { order_id: id },
      body,
      billable: { operation: "reissue", orderId: id },
    },
    WireReissueResponse,
    // An answer naming another order does not say what was filed on this one: "may exist".
    { changes: { orderId: id }, check: (res) => mustName("reissue", endpointName(ENDPOINTS.reissueCertificate), id, res.id) },
  );
}

export async function setCtStatus(r: ClientRequests, orderId: number, disableCt: boolean): Promise<void> {
  const id = positiveId("orderId", orderId);
  const body = toWire("CT status", CtStatusRequestSchema, WireCtStatusRequest, { disableCt });
  await r.noContent(ENDPOINTS.setCtStatus, { order_id: id }, body, { orderId: id });
}

export async function getEmailValidation(r: ClientRequests, orderId: number): Promise<EmailValidationResponse> {
  const id = positiveId("orderId", orderId);
  return r.json({ endpoint: ENDPOINTS.getEmailValidation, params: { order_id: id } }, WireEmailValidationResponse);
}

export async function listDuplicates(r: ClientRequests, orderId: number): Promise<DuplicateCertificate[]> {
  const id = positiveId("orderId", orderId);
  const spec: SendSpec = { endpoint: ENDPOINTS.listDuplicates, params: { order_id: id } };
  const res = await r.send(spec);
  const name = endpointName(spec.endpoint);
  const json = parseJsonBody(name, res.status, res.body);
  // Public clients report CertCentral sending `[]` for an empty list where an object is documented.
  if (Array.isArray(json) && json.length === 0) return [];
  return r.decode(name, res.status, json, WireListDuplicatesResponse).certificates;
}

export async function revokeOrder(
  r: ClientRequests,
  orderId: number,
  opts: { readonly comments?: string | undefined; readonly skipApproval?: boolean | undefined },
): Promise<RevokeResponse | undefined> {
  const id = positiveId("orderId", orderId);
  const body = toWire("revoke order request", RevokeOrderRequestSchema, WireRevokeOrderRequest, {
    comments: opts.comments,
    skipApproval: opts.skipApproval === true ? true : undefined,
  });
  return r.maybeRequest({ endpoint: ENDPOINTS.revokeOrder, params: { order_id: id }, body }, { orderId: id });
}

export async function getOrder(r: ClientRequests, orderId: number, opts: GetOrderOptions): Promise<OrderInfo> {
  const id = positiveId("orderId", orderId);
  const read = async (): Promise<OrderInfo> => {
    const info = await r.json({ endpoint: ENDPOINTS.getOrder, params: { order_id: id } }, WireOrderInfo);
    // A cache or proxy answering with another order's body must not make delete revoke that order.
    mustName("order", endpointName(ENDPOINTS.getOrder), id, info.id);
    return info;
  };
  const maxAgeMs = opts.maxAgeMs ?? 0;
  // Each caller gets its own copy of a shared answer.
  return maxAgeMs > 0 ? r.orders.get(id, maxAgeMs, read).then((info) => structuredClone(info)) : read();
}

export async function listOrders(r: ClientRequests, query: ListOrdersQuery): Promise<ListOrdersPage> {
  const wire = toWire("list orders query", ListOrdersQuerySchema, WireListOrdersQuery, query);
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(wire.filters ?? {})) if (v !== undefined) params[`filters[${k}]`] = String(v);
  if (wire.sort !== undefined) params["sort"] = wire.sort;
  if (wire.offset !== undefined) params["offset"] = String(wire.offset);
  if (wire.limit !== undefined) params["limit"] = String(wire.limit);
  const spec: SendSpec = { endpoint: ENDPOINTS.listOrders, params: {}, query: params };
  const res = await r.send(spec);
  const name = endpointName(spec.endpoint);
  const json = parseJsonBody(name, res.status, res.body);
  const offset = wire.offset ?? 0;
  // As for duplicates: an empty list may arrive as `[]` where an object is documented.
  if (Array.isArray(json) && json.length === 0) return { orders: [], page: { total: 0, limit: wire.limit ?? 0, offset } };
  const page = r.decode(name, res.status, json, WireListOrdersResponse);
  const orders = page.orders ?? [];
  return { orders, page: page.page ?? { total: offset + orders.length, limit: wire.limit ?? orders.length, offset } };
}

export async function cancelOrder(r: ClientRequests, orderId: number, note: string): Promise<void> {
  const id = positiveId("orderId", orderId);
  const body = toWire("cancel request", CancelOrderRequestSchema, WireCancelOrderRequest, { status: "canceled", note });
  await r.noContent(ENDPOINTS.cancelOrder, { order_id: id }, body, { orderId: id });
}
