// The CertCentral endpoints the simulator serves, as paths after /services/v2.
import type { Handler } from "./api";
import { notFound } from "./errors";
import { setCtStatus } from "./handlers/ct-status";
import { downloadCertificate, downloadOrderCertificate } from "./handlers/download";
import { listDuplicates } from "./handlers/duplicates";
import { getEmailValidation } from "./handlers/email-validation";
import { orderCertificate } from "./handlers/order";
import { listOrders } from "./handlers/list-orders";
import { getOrder } from "./handlers/order-info";
import { updateOrderStatus } from "./handlers/order-status";
import { reissueCertificate } from "./handlers/reissue";
import { updateRequestStatus } from "./handlers/request-status";
import { revokeCertificate, revokeOrderCertificates } from "./handlers/revoke";

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

const SEG = "([^/]+)";
const route = (method: string, path: string, handler: Handler): Route => ({
  method,
  pattern: new RegExp(`^${path.replace(/\{\w+\}/g, SEG)}/?$`),
  handler,
});

const ROUTES: Route[] = [
  route("GET", "/order/certificate", listOrders),
  route("POST", "/order/certificate/{product_id}", orderCertificate),
  route("GET", "/order/certificate/{order_id}", getOrder),
  route("POST", "/order/certificate/{order_id}/reissue", reissueCertificate),
  route("PUT", "/order/certificate/{order_id}/ct-status", setCtStatus),
  route("GET", "/order/certificate/{order_id}/duplicate", listDuplicates),
  route("GET", "/order/certificate/{order_id}/email-validation", getEmailValidation),
  route("PUT", "/order/certificate/{order_id}/status", updateOrderStatus),
  route("PUT", "/order/certificate/{order_id}/revoke", revokeOrderCertificates),
  route("PUT", "/certificate/{certificate_id}/revoke", revokeCertificate),
  route("PUT", "/request/{request_id}/status", updateRequestStatus),
  route("GET", "/certificate/{certificate_id}/download/format/{format}", downloadCertificate),
  route("GET", "/certificate/download/order/{order_id}/format/{format}", downloadOrderCertificate),
];

// A malformed escape stays as written and then simply names nothing.
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function findRoute(method: string, path: string): { handler: Handler; params: string[] } {
  for (const r of ROUTES) {
    if (r.method !== method) continue;
    const m = r.pattern.exec(path);
    if (m) return { handler: r.handler, params: m.slice(1).map((p) => safeDecode(p ?? "")) };
  }
  throw notFound("route", `no route for ${method} ${path}`);
}
