// DigiCert (or what answers in its place) answered, and the answer is a failure or unreadable.
import { DigiCertError, type DigiCertErrorDetail, type FieldIssue, formatIssues } from "./base";

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
