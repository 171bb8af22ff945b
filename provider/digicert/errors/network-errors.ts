// No usable answer at all, and the paid request whose answer was lost.
import { DigiCertError } from "./base";

export interface NetworkErrorInit {
  method: string;
  path: string;
  endpoint: string;
  /** Node/got error code, e.g. ECONNRESET, ETIMEDOUT. */
  code: string;
  /** The request may have reached DigiCert and been processed. */
  ambiguous: boolean;
  attempts: number;
  cause?: unknown;
  /** Said in the message instead of the bare code, when the code alone would not explain it. */
  reason?: string;
}

/** No usable HTTP answer: connection refused or reset, timeout, DNS failure... */
export class DigiCertNetworkError extends DigiCertError {
  override name = "DigiCertNetworkError";
  readonly method: string;
  readonly path: string;
  readonly endpoint: string;
  readonly code: string;
  readonly ambiguous: boolean;
  readonly attempts: number;

  constructor(init: NetworkErrorInit, message?: string) {
    super(
      message ??
        `DigiCert ${init.method} ${init.path} failed: ${init.reason ?? init.code}` +
          (init.attempts > 1 ? ` (after ${init.attempts} attempts)` : "") +
          (init.ambiguous ? "; the request may have been processed" : ""),
      { cause: init.cause },
    );
    this.method = init.method;
    this.path = init.path;
    this.endpoint = init.endpoint;
    this.code = init.code;
    this.ambiguous = init.ambiguous;
    this.attempts = init.attempts;
  }
}

export type BillableOperation =
  | { operation: "order"; productId: string; commonName?: string }
  | { operation: "reissue"; orderId: number };

/**
 * An order or reissue POST failed after its body may have reached DigiCert
 * (timeout, reset, 5xx). It is never retried: a second POST may pay twice.
 */
export class DigiCertOrderMayExistError extends DigiCertNetworkError {
  override name = "DigiCertOrderMayExistError";
  readonly operation: "order" | "reissue";
  /** The order being reissued (reissue only). */
  readonly orderId: number | undefined;
  readonly productId: string | undefined;
  /** The HTTP status when DigiCert answered 5xx; undefined for transport failures. */
  readonly status: number | undefined;

  constructor(init: NetworkErrorInit & { status?: number }, op: BillableOperation) {
    const what = init.status !== undefined ? `answered ${init.status}` : `failed (${init.reason ?? init.code})`;
    const head = `DigiCert ${init.method} ${init.path} ${what} after the request may have reached DigiCert`;
    const message =
      op.operation === "order"
        ? `${head}: the ${op.productId} order may have been placed. It was not retried, so that it is not paid for twice. ` +
          `Look for it in CertCentral's orders list (or GET /order/certificate?${orderQuery(op)}), ` +
          "then adopt it with the provider's `adoptOrderId` input instead of ordering again."
        : `${head}: a reissue of order ${op.orderId} may have been requested. It was not retried. ` +
          `Check the order in CertCentral (or GET /order/certificate/${op.orderId}: status reissue_pending, or a reissue request) before reissuing again.`;
    super({ ...init, ambiguous: true }, message);
    this.operation = op.operation;
    this.orderId = op.operation === "reissue" ? op.orderId : undefined;
    this.productId = op.operation === "order" ? op.productId : undefined;
    this.status = init.status;
  }
}

function orderQuery(op: { productId: string; commonName?: string }): string {
  const q = [`filters[product_name_id]=${encodeURIComponent(op.productId)}`];
  if (op.commonName) q.push(`filters[common_name]=${encodeURIComponent(op.commonName)}`);
  q.push("sort=-date_created");
  return q.join("&");
}
