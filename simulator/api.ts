// What every endpoint handler receives and returns, plus id lookups shared by them.
import { notFound } from "./errors";
import { refresh, type Ctx } from "./lifecycle";
import type { CertificateRecord, OrderRecord, RequestRecord } from "./state";

export interface ApiRequest extends Ctx {
  /** Path parameters captured by the route, in order. */
  params: string[];
  /** The URL's query (list endpoints' filters, sort, offset, limit). */
  query: URLSearchParams;
  body: unknown;
}

export interface ApiResponse {
  status: number;
  /** JSON body; absent for 204. */
  json?: unknown;
  /** Non-JSON body (downloads). */
  text?: string;
  contentType?: string;
}

export type Handler = (req: ApiRequest) => ApiResponse;

function parseId(raw: string | undefined): number | undefined {
  return raw !== undefined && /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : undefined;
}

export function loadOrder(ctx: Ctx, raw: string | undefined): OrderRecord {
  const id = parseId(raw);
  const order = id === undefined ? undefined : ctx.store.orders.get(id);
  if (!order) throw notFound("order", `order ${raw ?? ""} not found`);
  return refresh(ctx, order);
}

export function loadCertificate(ctx: Ctx, raw: string | undefined): { cert: CertificateRecord; order: OrderRecord } {
  const id = parseId(raw);
  const cert = id === undefined ? undefined : ctx.store.certificates.get(id);
  const order = cert && ctx.store.orders.get(cert.orderId);
  if (!cert || !order) throw notFound("certificate", `certificate ${raw ?? ""} not found`);
  refresh(ctx, order);
  return { cert, order };
}

export function loadRequest(ctx: Ctx, raw: string | undefined): { request: RequestRecord; order: OrderRecord } {
  const id = parseId(raw);
  const request = id === undefined ? undefined : ctx.store.requests.get(id);
  const order = request && ctx.store.orders.get(request.orderId);
  if (!request || !order) throw notFound("request", `request ${raw ?? ""} not found`);
  refresh(ctx, order);
  return { request, order };
}
