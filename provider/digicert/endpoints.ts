// The DigiCert endpoints this client calls, as data: errors name an endpoint
// by its method and path template, never by a path that contains user values.
import type { HttpMethod } from "./retry";

export interface Endpoint {
  readonly method: HttpMethod;
  /** Path after the base URL, `{name}` for parameters. */
  readonly template: string;
}

export const ENDPOINTS = {
  orderClientCertificate: { method: "POST", template: "/order/certificate/{client_certificate_id}" },
  reissueCertificate: { method: "POST", template: "/order/certificate/{order_id}/reissue" },
  setCtStatus: { method: "PUT", template: "/order/certificate/{order_id}/ct-status" },
  getEmailValidation: { method: "GET", template: "/order/certificate/{order_id}/email-validation" },
  listDuplicates: { method: "GET", template: "/order/certificate/{order_id}/duplicate" },
  revokeCertificate: { method: "PUT", template: "/certificate/{certificate_id}/revoke" },
  revokeOrder: { method: "PUT", template: "/order/certificate/{order_id}/revoke" },
  getOrder: { method: "GET", template: "/order/certificate/{order_id}" },
  listOrders: { method: "GET", template: "/order/certificate" },
  updateRequestStatus: { method: "PUT", template: "/request/{request_id}/status" },
  cancelOrder: { method: "PUT", template: "/order/certificate/{order_id}/status" },
  downloadCertificate: { method: "GET", template: "/certificate/{certificate_id}/download/format/{format}" },
} as const satisfies Record<string, Endpoint>;

export function endpointName(e: Endpoint): string {
  return `${e.method} ${e.template}`;
}

export function buildPath(e: Endpoint, params: Readonly<Record<string, string | number>>): string {
  return e.template.replace(/\{([a-z_]+)\}/g, (_m, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`internal: missing path parameter ${name} for ${endpointName(e)}`);
    return encodeURIComponent(String(v));
  });
}
