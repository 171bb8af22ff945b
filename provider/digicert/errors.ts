// Every error the client throws is a DigiCertError. Subclasses say what kind of
// failure it was, so callers branch on `instanceof`, never on message text.
// None of them ever holds got's options/request/response objects: those carry
// the X-DC-DEVKEY header, and errors end up in logs and Pulumi diagnostics.

export interface DigiCertErrorDetail {
  code: string;
  message: string;
}

export interface FieldIssue {
  /** Dotted field path as on the wire, e.g. `requests[0].status`; empty for the whole body. */
  path: string;
  message: string;
}

export class DigiCertError extends Error {
  override name = "DigiCertError";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }

  // Own enumerable fields plus name/message, so JSON.stringify gives something
  // useful to log without reaching into the cause.
  toJSON(): Record<string, unknown> {
    const { cause: _cause, ...own } = { ...this } as Record<string, unknown>;
    return { ...own, name: this.name, message: this.message };
  }
}

/** The client was configured wrongly (bad base URL, empty key, impossible retry policy...). */
export class DigiCertConfigError extends DigiCertError {
  override name = "DigiCertConfigError";
}

/** The base URL is plain http to a host that is not loopback, and that was not allowed. */
export class DigiCertInsecureUrlError extends DigiCertConfigError {
  override name = "DigiCertInsecureUrlError";

  /** The URL's origin and path: never its user-info or query. */
  constructor(readonly url: string) {
    super(
      `baseUrl ${url} uses plain http to a non-loopback host: the API key would travel in clear text. ` +
        "Use https, or set allowInsecureHttp: true if you really mean it.",
    );
  }
}

/** The base URL's path is not the Services API's (`/services/v2`): every route would answer 404 or a web page. */
export class DigiCertServicesPathError extends DigiCertConfigError {
  override name = "DigiCertServicesPathError";

  /** The URL's origin and path: never its user-info or query. */
  constructor(
    readonly url: string,
    setting = "baseUrl",
  ) {
    super(
      `${setting} ${url} is not CertCentral's Services API: its path must end in /services/v2 ` +
        "(https://www.digicert.com/services/v2; EU accounts: https://certcentral.digicert.eu/services/v2)",
    );
  }
}

/** An argument failed validation before anything was sent to DigiCert. */
export class DigiCertInvalidInputError extends DigiCertError {
  override name = "DigiCertInvalidInputError";
  readonly issues: FieldIssue[];

  constructor(what: string, issues: FieldIssue[]) {
    super(`invalid ${what}: ${formatIssues(issues)}`);
    this.issues = issues;
  }
}

export interface ApiErrorInit {
  method: string;
  /** The request path after the base URL, e.g. `/order/certificate/123`. */
  path: string;
  /** Method and path template, e.g. `GET /order/certificate/{order_id}`. */
  endpoint: string;
  status: number;
  errors: DigiCertErrorDetail[];
  /** Shown when DigiCert's body carried no error list (proxies answer HTML). */
  bodySnippet?: string;
  /** An earlier attempt of this same request failed after it may have been processed. */
  afterAmbiguousAttempt?: boolean;
}

/** DigiCert answered with a non-2xx status. */
export class DigiCertApiError extends DigiCertError {
  override name = "DigiCertApiError";
  readonly status: number;
  readonly errors: DigiCertErrorDetail[];
  readonly method: string;
  readonly path: string;
  readonly endpoint: string;
  /**
   * True when this answer came from a retry and an earlier attempt failed in a
   * way that may have let DigiCert process it: a 4xx such as
   * `revoke_request_pending` may then mean the first attempt succeeded.
   */
  readonly afterAmbiguousAttempt: boolean;

  constructor(init: ApiErrorInit) {
    const detail =
      init.errors.length > 0
        ? init.errors.map((e) => (e.code ? `${e.code}: ${e.message}` : e.message)).join("; ")
        : init.bodySnippet
          ? init.bodySnippet
          : "no error details in the response body";
    super(`DigiCert ${init.method} ${init.path} failed (${init.status}): ${detail}`);
    this.status = init.status;
    this.errors = init.errors;
    this.method = init.method;
    this.path = init.path;
    this.endpoint = init.endpoint;
    this.afterAmbiguousAttempt = init.afterAmbiguousAttempt ?? false;
  }

  /**
   * True when DigiCert reported this code. A code without `|` also matches its
   * qualified forms: `hasCode("not_found")` matches `not_found|order`.
   */
  hasCode(code: string): boolean {
    return this.errors.some((e) => e.code === code || (!code.includes("|") && e.code.startsWith(`${code}|`)));
  }
}

/**
 * DigiCert refused the API key (401 or 403): a wrong or revoked key, a key of another
 * account or region, or one whose user lacks the permission. Said first, naming the
 * setting that holds the key, whatever step met it: nothing was done by the request.
 */
export class DigiCertKeyRefusedError extends DigiCertApiError {
  override name = "DigiCertKeyRefusedError";

  constructor(init: ApiErrorInit, setting: string) {
    super(init);
    const detail = init.errors.map((e) => (e.code ? `${e.code}: ${e.message}` : e.message)).join("; ");
    this.message =
      `DigiCert refused the API key (${init.status}${detail ? ` ${detail}` : ""}, answering ${init.method} ${init.path}). ` +
      `Check ${setting}: it must be an API key of the CertCentral account, made in that account's region ` +
      "(a US key for https://www.digicert.com, an EU key for https://certcentral.digicert.eu), and not revoked; " +
      "a key whose user lacks the permission for this request is refused the same way. Nothing was done by this request.";
  }
}

export interface NotServicesApiInit {
  method: string;
  path: string;
  endpoint: string;
  /** The base URL: origin and path only. */
  baseUrl: string;
  status: number;
  /** The answer in one line: status, content type, and the body summed up (an HTML page by its title). */
  answer: string;
}

/**
 * What answered is not CertCentral's Services API: a 404 for a route DigiCert serves, a
 * redirect, or a page that is not JSON. Not a DigiCertApiError: a 404 here says nothing
 * about the order asked for, and must never be read as "that order does not exist".
 */
export class DigiCertNotServicesApiError extends DigiCertError {
  override name = "DigiCertNotServicesApiError";
  readonly method: string;
  readonly path: string;
  readonly endpoint: string;
  readonly baseUrl: string;
  readonly status: number;

  constructor(init: NotServicesApiInit, setting: string) {
    super(
      `the base URL ${init.baseUrl} does not look like CertCentral's Services API: ${init.method} ${init.path} answered ${init.answer}. ` +
        `Check ${setting}: CertCentral's is https://www.digicert.com/services/v2 (EU accounts: https://certcentral.digicert.eu/services/v2).`,
    );
    this.method = init.method;
    this.path = init.path;
    this.endpoint = init.endpoint;
    this.baseUrl = init.baseUrl;
    this.status = init.status;
  }
}

/**
 * CertCentral kept answering 429 `request_limit_exceeded` for longer than the client
 * was told to wait. A 429 is refused at the gate, so nothing was placed or changed.
 */
export class DigiCertRateLimitError extends DigiCertApiError {
  override name = "DigiCertRateLimitError";
  /** How long the request waited for the key's rate limit, in ms. */
  readonly waitedMs: number;

  constructor(init: ApiErrorInit, waitedMs: number, limitMs: number, setting: string) {
    super(init);
    this.waitedMs = waitedMs;
    const waited =
      limitMs === 0
        ? `it was not waited for (${setting} is 0)`
        : `it stayed spent for the ${Math.round(waitedMs / 1000)} s this request waited (${setting} allows ${Math.round(limitMs / 1000)} s)`;
    this.message =
      `DigiCert ${init.method} ${init.path} was refused with 429 request_limit_exceeded: the API key's rate limit ` +
      `(CertCentral: 1000 requests per 3 minutes and 100 per 5 seconds, per key) is spent, and ${waited}. ` +
      "A 429 is refused before anything is done, so nothing was placed or changed by it. " +
      `Raise ${setting}, or run fewer stacks or other CertCentral clients with this key at once; running it again resumes where it stopped.`;
  }
}

/** DigiCert answered 2xx but the body is not what the endpoint documents. */
export class DigiCertResponseError extends DigiCertError {
  override name = "DigiCertResponseError";
  readonly endpoint: string;
  readonly status: number;
  readonly issues: FieldIssue[];

  constructor(endpoint: string, status: number, issues: FieldIssue[]) {
    super(`DigiCert ${endpoint} answered ${status} with an unexpected body: ${formatIssues(issues)}`);
    this.endpoint = endpoint;
    this.status = status;
    this.issues = issues;
  }
}

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

export function formatIssues(issues: FieldIssue[]): string {
  if (issues.length === 0) return "(no details)";
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
}
