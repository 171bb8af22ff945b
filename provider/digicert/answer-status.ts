// What an answer's status means: a 2xx that is not the Services API's, and for every
// other status the error it is, and whether it ends the request, is a 429 to wait out,
// or a failure the retry policy decides on.
import { parsedJson, redirectTarget } from "./answer-reading";
import { answerSummary, bodySummary } from "./answer-summary";
import { parseErrorEnvelope } from "./error-envelope";
import { DigiCertApiError, DigiCertKeyRefusedError, DigiCertNotServicesApiError, DigiCertOrderMayExistError, type BillableOperation } from "./errors";
import type { Redactor } from "./redact";
import { parseRetryAfter } from "./retry";

export interface Answer {
  statusCode: number;
  headers: { "content-type"?: string; location?: string; "retry-after"?: string | string[] };
  body: string;
}

/** The request the answer belongs to, and what errors name. */
export interface Asked {
  method: string;
  path: string;
  endpoint: string;
  baseUrl: string;
  attempt: number;
  afterAmbiguousAttempt: boolean;
  billable: BillableOperation | undefined;
  /** Where JSON is expected ("json") or any download. */
  accept: "json" | "any" | undefined;
  redact: Redactor;
  apiKeySetting: string;
  baseUrlSetting: string;
}

export type Verdict =
  | { kind: "ok" }
  /** Thrown as is: no retry or wait can change it. */
  | { kind: "final"; error: Error }
  /** 429: refused before anything was done; waited out. */
  | { kind: "refused"; error: DigiCertApiError; retryAfterMs: number | undefined }
  /** For the retry policy. */
  | { kind: "failed"; error: DigiCertApiError; retryAfterMs: number | undefined };

export function judgeAnswer(res: Answer, q: Asked): Verdict {
  const status = res.statusCode;
  const contentType = res.headers["content-type"];
  const { method, path, endpoint } = q;
  const notServicesApi = (): DigiCertNotServicesApiError =>
    new DigiCertNotServicesApiError(
      {
        method,
        path,
        endpoint,
        baseUrl: q.baseUrl,
        status,
        answer: answerSummary(status, contentType, res.body, q.redact) + redirectTarget(res.headers.location, q.redact),
      },
      q.baseUrlSetting,
    );
  if (status >= 200 && status < 300) {
    // Where JSON is expected, a page that is not JSON comes from something else than the
    // API. Not for an order or reissue POST: something in between may have replaced the
    // answer of one that was placed, and that case is the caller's (never said "nothing placed").
    if (q.accept !== "any" && q.billable === undefined && res.body.trim() !== "" && parsedJson(res.body) === undefined) {
      return { kind: "final", error: notServicesApi() };
    }
    return { kind: "ok" };
  }
  const parsed = parsedJson(res.body);
  const apiError = new DigiCertApiError({
    method,
    path,
    endpoint,
    status,
    errors: parseErrorEnvelope(parsed).map((d) => ({ code: q.redact(d.code), message: q.redact(d.message) })),
    bodySnippet: bodySummary(contentType, res.body, q.redact),
    afterAmbiguousAttempt: q.afterAmbiguousAttempt,
  });
  // DigiCert's own answers are JSON; a redirect, or a 4xx that is not JSON or is a 404
  // for the route itself, comes from a host or path that is not the Services API.
  if (
    (status >= 300 && status < 400) ||
    (status >= 400 && status < 500 && status !== 429 &&
      (parsed === undefined || (status === 404 && (apiError.errors.length === 0 || apiError.hasCode("not_found|route")))))
  ) {
    return { kind: "final", error: notServicesApi() };
  }
  if (status === 401 || status === 403) {
    return {
      kind: "final",
      error: new DigiCertKeyRefusedError(
        { method, path, endpoint, status, errors: apiError.errors, afterAmbiguousAttempt: q.afterAmbiguousAttempt },
        q.apiKeySetting,
      ),
    };
  }
  if (method === "POST" && q.billable !== undefined && status >= 500) {
    // A gateway timeout or server error on an order POST says nothing
    // about whether the order went through.
    return {
      kind: "final",
      error: new DigiCertOrderMayExistError(
        { method, path, endpoint, code: `HTTP_${status}`, ambiguous: true, attempts: q.attempt, cause: apiError, status },
        q.billable,
      ),
    };
  }
  const retryAfterMs = parseRetryAfter(res.headers["retry-after"]);
  // Refused at the gate: CertCentral's rate-limit page says that once a limit is
  // exceeded "API access is temporarily blocked, and all requests return a 429"
  // (dev.digicert.com/en/certcentral-apis/services-api/rate-limits.html), so the
  // request was not processed and resending it, even an order POST, places nothing twice.
  if (status === 429) return { kind: "refused", error: apiError, retryAfterMs };
  return { kind: "failed", error: apiError, retryAfterMs };
}
