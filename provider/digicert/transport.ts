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
  DigiCertRateLimitError,
  type BillableOperation,
} from "./errors";
import { sharedRateLedger, type RateLedger } from "./rate-ledger";
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
  /** How long a request refused with 429 waits for the key's rate limit in all; 0: fail at once. */
  rateLimitWaitMs?: number;
  /** How a user changes rateLimitWaitMs, named in the error when the wait runs out. */
  rateLimitWaitSetting?: string;
  /** Folder of the ledger that shares the key's budget among this machine's processes; none: this process only. */
  rateLedgerDir?: string;
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

/** Long enough for CertCentral's 3-minute window to free a slot, with room to spare. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 300_000;

/** The machine's ledger, or none when its folder cannot be made (read-only home): this process then counts alone. */
function openLedger(dir: string, baseUrl: string, apiKey: string, log: LogFn | undefined): RateLedger | undefined {
  try {
    return sharedRateLedger(dir, baseUrl, apiKey);
  } catch (err) {
    try {
      log?.("warn", `the rate-limit ledger in ${dir} cannot be used (${(err as { code?: unknown }).code ?? "error"}): this process counts its own requests only`);
    } catch {
      // A failing logger must not stop the client.
    }
    return undefined;
  }
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
  readonly #longestWindowMs: number;
  readonly #ledger: RateLedger | undefined;
  readonly #rateLimitWaitMs: number;
  readonly #rateLimitWaitSetting: string;
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
    this.#longestWindowMs = Math.max(...this.#windows.map((w) => w.windowMs), this.#shortestWindowMs);
    this.#ledger = opts.rateLedgerDir === undefined ? undefined : openLedger(opts.rateLedgerDir, opts.baseUrl, opts.apiKey, opts.log);
    this.#rateLimitWaitMs = opts.rateLimitWaitMs ?? DEFAULT_RATE_LIMIT_WAIT_MS;
    this.#rateLimitWaitSetting = opts.rateLimitWaitSetting ?? "rateLimitWaitMs";
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
    return this.#limiter.wouldWait(this.#windows) || (this.#ledger?.wouldWait(this.#windows) ?? false);
  }

  #emit(level: LogLevel, message: string): void {
    if (this.#log === undefined) return;
    try {
      this.#log(level, this.#redact(message));
    } catch {
      // A failing logger must not turn a successful request into a failure.
    }
  }

  /**
   * How long to wait after the n-th 429 in a row. CertCentral sends no Retry-After (its
   * pages name none; one is honoured if present). A full short window frees within it;
   * a full long window (the 3-minute one) can take up to all of it, and nobody here
   * knows which is full when other machines use the key: the wait starts at about the
   * short window and doubles with each refusal, up to a sixth of the long window, so a
   * long block costs a few requests and ends at most that late.
   */
  #refusedDelay(n: number, retryAfterMs: number | undefined): number {
    if (retryAfterMs !== undefined) return retryAfterMs;
    const ceiling = Math.max(this.#shortestWindowMs, this.#longestWindowMs / 6);
    const base = Math.min(ceiling, this.#shortestWindowMs * 2 ** (n - 1));
    return Math.floor(base * (0.5 + 0.5 * this.#random()));
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
    // Time spent waiting after 429s, and how many in a row: they do not count as retries.
    let refusedWaitMs = 0;
    let refusals = 0;
    let retries = 0;
    for (let attempt = 1; ; attempt++) {
      const queuedAt = Date.now();
      const grantedAt = await this.#limiter.acquire(this.#windows);
      // A ledger that cannot be read or written (a full disk) leaves this process's own count.
      const ledgerGrant = await this.#ledger?.acquire(this.#windows).catch(() => undefined);
      const waited = Date.now() - queuedAt;
      if (waited > 0) this.#emit("debug", `DigiCert ${method} ${path}: waited ${waited} ms for the client-side rate limit`);
      const settle = (): void => {
        this.#limiter.settle(grantedAt);
        if (ledgerGrant !== undefined) this.#ledger?.settle(ledgerGrant).catch(() => undefined);
      };

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
        }).finally(settle);
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
        const retryAfterMs = parseRetryAfter(res.headers["retry-after"]);
        if (status === 429) {
          // Refused at the gate: CertCentral's rate-limit page says that once a limit is
          // exceeded "API access is temporarily blocked, and all requests return a 429"
          // (dev.digicert.com/en/certcentral-apis/services-api/rate-limits.html), so the
          // request was not processed and resending it, even an order POST, places nothing twice.
          const remainingMs = this.#rateLimitWaitMs - refusedWaitMs;
          if (remainingMs <= 0) {
            throw new DigiCertRateLimitError(
              { method, path, endpoint: name, status, errors: apiError.errors, afterAmbiguousAttempt: ambiguousSeen },
              refusedWaitMs,
              this.#rateLimitWaitMs,
              this.#rateLimitWaitSetting,
            );
          }
          const delayMs = Math.min(remainingMs, this.#refusedDelay(++refusals, retryAfterMs));
          refusedWaitMs += delayMs;
          // Every process here holds back too: they would only be refused as well.
          await this.#ledger?.spend(Date.now() + delayMs).catch(() => undefined);
          this.#emit(
            "warn",
            `DigiCert ${method} ${path}: the key's rate limit is spent, as other stacks using the same key may have spent it; ` +
              `waiting ${Math.round(delayMs / 1000)} s (${Math.round(refusedWaitMs / 1000)} s of at most ${Math.round(this.#rateLimitWaitMs / 1000)} s)`,
          );
          await this.#sleep(delayMs);
          continue;
        }
        failure = { kind: "status", status, retryAfterMs };
        failureError = () => apiError;
        if (status === 500 || status === 502 || status === 504) ambiguousSeen = true;
      } catch (err) {
        if (err instanceof DigiCertOrderMayExistError || err instanceof DigiCertRateLimitError) throw err;
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

      const decision = decideRetry(this.#retry, method, retries, failure, this.#random);
      if (!decision.retry) throw failureError();
      retries++;
      const why = failure.kind === "status" ? `HTTP ${failure.status}` : failure.code;
      this.#emit(
        "warn",
        `DigiCert ${method} ${path} failed (${why}); retry ${retries}/${this.#retry.limit} in ${decision.delayMs} ms`,
      );
      await this.#sleep(decision.delayMs);
    }
  }
}
