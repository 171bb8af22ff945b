// The one network boundary: every DigiCert request goes through send(). It
// owns the key, the rate limiter, timeouts and the retry policy, and turns
// every failure into a DigiCertError. got's own retry is off: its rules would
// happily repeat a POST that timed out, and a repeated order POST is a second
// paid order.
import http from "node:http";
import https from "node:https";
import got, { type Got } from "got";
import { buildPath, endpointName, type Endpoint } from "./endpoints";
import { parseErrorEnvelope } from "./error-envelope";
import {
  DigiCertApiError,
  DigiCertNetworkError,
  DigiCertOrderMayExistError,
  type BillableOperation,
} from "./errors";
import { DEFAULT_RATE_LIMITS, sharedRateLimiter, type RateLimiter, type RateWindow } from "./rate-limiter";
import { makeRedactor, sanitizedCause, type Redactor } from "./redact";
import type { ServerClock } from "./server-clock";
import { decideRetry, parseRetryAfter, type Failure, type RetryPolicy } from "./retry";
import { userAgent } from "./version";

export type LogLevel = "debug" | "info" | "warn";
export type LogFn = (level: LogLevel, message: string) => void;

export interface TransportOptions {
  apiKey: string;
  /** Already validated, no trailing slash. */
  baseUrl: string;
  timeoutMs: number;
  retry: RetryPolicy;
  rateLimits?: readonly RateWindow[];
  log?: LogFn;
  /** Told every answer's Date header: DigiCert's clock. */
  clock?: ServerClock;
  /** Test seams; default Math.random and setTimeout. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface SendSpec {
  endpoint: Endpoint;
  params: Readonly<Record<string, string | number>>;
  /** Query parameters (list endpoints). Not part of `path` in logs and errors, which name the endpoint. */
  query?: Readonly<Record<string, string>>;
  /** Sent as JSON when present. */
  body?: unknown;
  /** "json" (default) or anything DigiCert may send for downloads. */
  accept?: "json" | "any";
  /** Set for order/reissue POSTs: an ambiguous failure then says where to find the order. */
  billable?: BillableOperation;
}

export interface SendResult {
  status: number;
  body: string;
  contentType: string | undefined;
}

// Codes that prove the TCP connection never existed, so no byte of the body left.
const NEVER_CONNECTED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "EADDRNOTAVAIL"]);

// POSTs get a fresh connection: a pooled keep-alive socket the server has just
// closed fails with ECONNRESET, which for a POST is indistinguishable from a
// reset after processing and would report a possible duplicate order.
const FRESH_CONNECTION = {
  http: new http.Agent({ keepAlive: false }),
  https: new https.Agent({ keepAlive: false }),
};

interface Timings {
  connect?: number;
  secureConnect?: number;
}

function classifyNetworkError(err: unknown, isHttps: boolean): { code: string; sent: boolean } {
  const e = err as { code?: unknown; name?: unknown; timings?: Timings };
  const code = typeof e.code === "string" ? e.code : e.name === "TimeoutError" ? "ETIMEDOUT" : "UNKNOWN";
  if (NEVER_CONNECTED.has(code)) return { code, sent: false };
  const t = e.timings;
  // No timings: got failed before creating the request. No connect (or, for
  // https, no finished handshake): no request byte can have been written.
  if (t === undefined || t.connect === undefined) return { code, sent: false };
  if (isHttps && t.secureConnect === undefined) return { code, sent: false };
  return { code, sent: true };
}

function snippet(body: string, redact: Redactor): string | undefined {
  const text = body.replace(/\s+/g, " ").trim();
  if (!text) return undefined;
  return redact(text.length > 200 ? `${text.slice(0, 200)}...` : text);
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class Transport {
  readonly baseUrl: string;
  // Private fields: a Transport that ends up in util.inspect, a log or a
  // serialized closure shows neither the key nor the got instance holding it.
  readonly #got: Got;
  readonly #redact: Redactor;
  readonly #limiter: RateLimiter;
  readonly #windows: readonly RateWindow[];
  readonly #shortestWindowMs: number;
  readonly #retry: RetryPolicy;
  readonly #timeoutMs: number;
  readonly #log: LogFn | undefined;
  readonly #random: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #isHttps: boolean;
  readonly #clock: ServerClock | undefined;

  constructor(opts: TransportOptions) {
    this.baseUrl = opts.baseUrl;
    this.#redact = makeRedactor(opts.apiKey);
    this.#limiter = sharedRateLimiter(opts.baseUrl, opts.apiKey);
    this.#windows = opts.rateLimits ?? DEFAULT_RATE_LIMITS;
    this.#shortestWindowMs = Math.min(...this.#windows.map((w) => w.windowMs), 60_000);
    this.#retry = opts.retry;
    this.#timeoutMs = opts.timeoutMs;
    this.#log = opts.log;
    this.#random = opts.random ?? Math.random;
    this.#sleep = opts.sleep ?? defaultSleep;
    this.#isHttps = opts.baseUrl.startsWith("https:");
    this.#clock = opts.clock;
    this.#got = got.extend({
      headers: { "x-dc-devkey": opts.apiKey, "user-agent": userAgent() },
      retry: { limit: 0 },
      throwHttpErrors: false,
      followRedirect: false,
      responseType: "text",
    });
  }

  /** Whether a request sent now would wait for CertCentral's rate limits (see RateLimiter.wouldWait). */
  wouldWait(): boolean {
    return this.#limiter.wouldWait(this.#windows);
  }

  #emit(level: LogLevel, message: string): void {
    if (this.#log === undefined) return;
    try {
      this.#log(level, this.#redact(message));
    } catch {
      // A failing logger must not turn a successful request into a failure.
    }
  }

  async send(spec: SendSpec): Promise<SendResult> {
    const { endpoint } = spec;
    const method = endpoint.method;
    const path = buildPath(endpoint, spec.params);
    const search = spec.query === undefined ? "" : new URLSearchParams(spec.query).toString();
    const url = this.baseUrl + path + (search ? `?${search}` : "");
    const name = endpointName(endpoint);
    const headers: Record<string, string> = { accept: spec.accept === "any" ? "*/*" : "application/json" };
    let body: string | undefined;
    if (spec.body !== undefined) {
      body = JSON.stringify(spec.body);
      headers["content-type"] = "application/json";
    }

    let ambiguousSeen = false;
    for (let attempt = 1; ; attempt++) {
      const queuedAt = Date.now();
      const grantedAt = await this.#limiter.acquire(this.#windows);
      const waited = Date.now() - queuedAt;
      if (waited > 0) this.#emit("debug", `DigiCert ${method} ${path}: waited ${waited} ms for the client-side rate limit`);

      let failure: Failure;
      let failureError: () => Error;
      const started = Date.now();
      try {
        const res = await this.#got(url, {
          method,
          headers,
          body,
          timeout: { request: this.#timeoutMs },
          agent: method === "POST" ? FRESH_CONNECTION : undefined,
        }).finally(() => this.#limiter.settle(grantedAt));
        this.#emit("debug", `DigiCert ${method} ${path} -> ${res.statusCode} (${Date.now() - started} ms)`);
        this.#clock?.observe(res.headers.date);
        if (res.statusCode >= 200 && res.statusCode < 300) {
          return { status: res.statusCode, body: res.body, contentType: res.headers["content-type"] };
        }
        const status = res.statusCode;
        let parsed: unknown;
        try {
          parsed = JSON.parse(res.body);
        } catch {
          parsed = undefined;
        }
        const apiError = new DigiCertApiError({
          method,
          path,
          endpoint: name,
          status,
          errors: parseErrorEnvelope(parsed).map((d) => ({ code: this.#redact(d.code), message: this.#redact(d.message) })),
          bodySnippet: snippet(res.body, this.#redact),
          afterAmbiguousAttempt: ambiguousSeen,
        });
        if (method === "POST" && spec.billable !== undefined && status >= 500) {
          // A gateway timeout or server error on an order POST says nothing
          // about whether the order went through.
          throw new DigiCertOrderMayExistError(
            { method, path, endpoint: name, code: `HTTP_${status}`, ambiguous: true, attempts: attempt, cause: apiError, status },
            spec.billable,
          );
        }
        failure = { kind: "status", status, retryAfterMs: parseRetryAfter(res.headers["retry-after"]) };
        failureError = () => apiError;
        if (status === 500 || status === 502 || status === 504) ambiguousSeen = true;
      } catch (err) {
        if (err instanceof DigiCertOrderMayExistError) throw err;
        const { code, sent } = classifyNetworkError(err, this.#isHttps);
        this.#emit("debug", `DigiCert ${method} ${path} failed: ${code} (${Date.now() - started} ms)`);
        const cause = sanitizedCause(err, this.#redact);
        const init = { method, path, endpoint: name, code, ambiguous: sent, attempts: attempt, cause };
        if (method === "POST" && sent && spec.billable !== undefined) {
          throw new DigiCertOrderMayExistError(init, spec.billable);
        }
        failure = { kind: "network", code, sent };
        failureError = () => new DigiCertNetworkError({ ...init, ambiguous: sent || ambiguousSeen });
        if (sent) ambiguousSeen = true;
      }

      const decision = decideRetry(this.#retry, method, attempt - 1, failure, this.#random);
      if (!decision.retry) throw failureError();
      if (failure.kind === "status" && failure.status === 429 && failure.retryAfterMs === undefined) {
        // DigiCert sends no Retry-After: its 429 means the key's rolling window is full,
        // possibly with another process's requests (each pulumi command runs its own
        // provider). A backoff shorter than the window only spends the retries inside it.
        decision.delayMs = Math.max(decision.delayMs, Math.floor(this.#shortestWindowMs * (0.5 + 0.5 * this.#random())));
      }
      const why = failure.kind === "status" ? `HTTP ${failure.status}` : failure.code;
      this.#emit(
        "warn",
        `DigiCert ${method} ${path} failed (${why}); retry ${attempt}/${this.#retry.limit} in ${decision.delayMs} ms`,
      );
      await this.#sleep(decision.delayMs);
    }
  }
}
