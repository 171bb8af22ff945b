// The one network boundary: every DigiCert request goes through send(). It
// owns the key, the rate limiter, timeouts and the retry policy, and turns
// every failure into a DigiCertError. got's own retry is off: its rules would
// happily repeat a POST that timed out, and a repeated order POST is a second
// paid order.
import got, { type Got } from "got";
import { FRESH_CONNECTION, MAX_RESPONSE_BYTES, TOO_LARGE, classifyNetworkError, mib, parsedJson, redirectTarget } from "./answer-reading";
import { answerSummary, bodySummary } from "./answer-summary";
import { buildPath, endpointName } from "./endpoints";
import { parseErrorEnvelope } from "./error-envelope";
import { DigiCertApiError, DigiCertKeyRefusedError, DigiCertNetworkError, DigiCertNotServicesApiError, DigiCertOrderMayExistError, DigiCertRateLimitError } from "./errors";
import { type ProxyAgents, describeProxy, proxyAgents, proxyFor, proxySecrets } from "./proxy";
import type { RateLedger } from "./rate-ledger";
import { DEFAULT_RATE_LIMITS, type RateLimiter, type RateWindow, sharedRateLimiter } from "./rate-limiter";
import { DEFAULT_RATE_LIMIT_WAIT_MS, defaultSleep, openLedger } from "./rate-waits";
import { type Redactor, makeRedactor, sanitizedCause } from "./redact";
import { type Failure, type RetryPolicy, decideRetry, parseRetryAfter } from "./retry";
import type { ServerClock } from "./server-clock";
import type { LogFn, LogLevel, SendResult, SendSpec, TransportOptions } from "./transport-types";
import { userAgent } from "./version";

export type { LogLevel, LogFn, TransportOptions, SendSpec, SendResult } from "./transport-types";
export { MAX_RESPONSE_BYTES } from "./answer-reading";
export { DEFAULT_RATE_LIMIT_WAIT_MS } from "./rate-waits";

/**
 * A network failure through a proxy, said so: behind a proxy, a bare code hides whether
 * the proxy or DigiCert failed. hpagent reports a refused tunnel as `Bad response: <status>`.
 */
function throughProxy(code: string, proxy: string, message: string): string {
  const refused = /^Bad response: (\d{3})$/.exec(message);
  if (refused === null) return `${code} through the proxy ${proxy} (${message})`;
  const status = refused[1];
  const hint = status === "407" ? ": it wants other credentials (the proxy URL's user and password)" : "";
  return `the proxy ${proxy} refused the tunnel to DigiCert with HTTP ${status}${hint}`;
}

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
  readonly #apiKeySetting: string;
  readonly #baseUrlSetting: string;
  readonly #retry: RetryPolicy;
  readonly #timeoutMs: number;
  readonly #log: LogFn | undefined;
  readonly #random: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #isHttps: boolean;
  readonly #clock: ServerClock | undefined;
  readonly #maxResponseBytes: number;
  /** Through the proxy, when one applies: pooled, and one connection per request (POSTs). */
  readonly #agents: { pooled: ProxyAgents; fresh: ProxyAgents } | undefined;
  /** The proxy as errors may name it (describeProxy: no credentials). */
  readonly #proxyShown: string | undefined;

  constructor(opts: TransportOptions) {
    this.baseUrl = opts.baseUrl;
    const proxy = proxyFor(opts.baseUrl, opts.proxyUrl, opts.env ?? process.env);
    this.#redact = makeRedactor(opts.apiKey, ...(proxy === undefined ? [] : proxySecrets(proxy)));
    this.#limiter = sharedRateLimiter(opts.baseUrl, opts.apiKey);
    this.#windows = opts.rateLimits ?? DEFAULT_RATE_LIMITS;
    this.#shortestWindowMs = Math.min(...this.#windows.map((w) => w.windowMs), 60_000);
    this.#longestWindowMs = Math.max(...this.#windows.map((w) => w.windowMs), this.#shortestWindowMs);
    this.#ledger = opts.rateLedgerDir === undefined ? undefined : openLedger(opts.rateLedgerDir, opts.baseUrl, opts.apiKey, opts.log);
    this.#rateLimitWaitMs = opts.rateLimitWaitMs ?? DEFAULT_RATE_LIMIT_WAIT_MS;
    this.#rateLimitWaitSetting = opts.rateLimitWaitSetting ?? "rateLimitWaitMs";
    this.#apiKeySetting = opts.apiKeySetting ?? "apiKey";
    this.#baseUrlSetting = opts.baseUrlSetting ?? "baseUrl";
    this.#retry = opts.retry;
    this.#timeoutMs = opts.timeoutMs;
    this.#log = opts.log;
    this.#random = opts.random ?? Math.random;
    this.#sleep = opts.sleep ?? defaultSleep;
    this.#isHttps = opts.baseUrl.startsWith("https:");
    this.#clock = opts.clock;
    this.#maxResponseBytes = opts.maxResponseBytes ?? MAX_RESPONSE_BYTES;
    this.#agents = proxy === undefined ? undefined : { pooled: proxyAgents(proxy, true), fresh: proxyAgents(proxy, false) };
    this.#proxyShown = proxy === undefined ? undefined : describeProxy(proxy);
    if (proxy !== undefined) this.#emit("debug", `DigiCert requests go through the proxy ${describeProxy(proxy)}`);
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
      // got 11 has no size limit of its own: the body is counted while it arrives and
      // the request cancelled past the cap (a Content-Length over it cancels at once),
      // so at most the cap and one chunk are ever held.
      let tooLarge = false;
      try {
        const pending = this.#got(url, {
          method,
          headers,
          body,
          timeout: { request: this.#timeoutMs },
          agent: this.#agents !== undefined
            ? method === "POST" ? this.#agents.fresh : this.#agents.pooled
            : method === "POST" ? FRESH_CONNECTION : undefined,
        });
        pending.on("downloadProgress", (p: { transferred: number; total?: number }) => {
          if (tooLarge) return;
          if (p.transferred > this.#maxResponseBytes || (p.total !== undefined && p.total > this.#maxResponseBytes)) {
            tooLarge = true;
            pending.cancel();
          }
        });
        const res = await pending.finally(settle);
        this.#emit("debug", `DigiCert ${method} ${path} -> ${res.statusCode} (${Date.now() - started} ms)`);
        this.#clock?.observe(res.headers.date);
        const status = res.statusCode;
        const contentType = res.headers["content-type"];
        const notServicesApi = (): DigiCertNotServicesApiError =>
          new DigiCertNotServicesApiError(
            {
              method,
              path,
              endpoint: name,
              baseUrl: this.baseUrl,
              status,
              answer: answerSummary(status, contentType, res.body, this.#redact) + redirectTarget(res.headers.location, this.#redact),
            },
            this.#baseUrlSetting,
          );
        if (status >= 200 && status < 300) {
          // Where JSON is expected, a page that is not JSON comes from something else than the
          // API. Not for an order or reissue POST: something in between may have replaced the
          // answer of one that was placed, and that case is the caller's (never said "nothing placed").
          if (spec.accept !== "any" && spec.billable === undefined && res.body.trim() !== "" && parsedJson(res.body) === undefined) {
            throw notServicesApi();
          }
          return { status, body: res.body, contentType };
        }
        const parsed = parsedJson(res.body);
        const apiError = new DigiCertApiError({
          method,
          path,
          endpoint: name,
          status,
          errors: parseErrorEnvelope(parsed).map((d) => ({ code: this.#redact(d.code), message: this.#redact(d.message) })),
          bodySnippet: bodySummary(contentType, res.body, this.#redact),
          afterAmbiguousAttempt: ambiguousSeen,
        });
        // DigiCert's own answers are JSON; a redirect, or a 4xx that is not JSON or is a 404
        // for the route itself, comes from a host or path that is not the Services API.
        if (
          (status >= 300 && status < 400) ||
          (status >= 400 && status < 500 && status !== 429 &&
            (parsed === undefined || (status === 404 && (apiError.errors.length === 0 || apiError.hasCode("not_found|route")))))
        ) {
          throw notServicesApi();
        }
        if (status === 401 || status === 403) {
          throw new DigiCertKeyRefusedError(
            { method, path, endpoint: name, status, errors: apiError.errors, afterAmbiguousAttempt: ambiguousSeen },
            this.#apiKeySetting,
          );
        }
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
        if (
          err instanceof DigiCertOrderMayExistError ||
          err instanceof DigiCertRateLimitError ||
          err instanceof DigiCertKeyRefusedError ||
          err instanceof DigiCertNotServicesApiError
        ) {
          throw err;
        }
        if (tooLarge) {
          // DigiCert was answering, so the request reached it; the same request would
          // only bring the same answer again: not retried.
          this.#emit("debug", `DigiCert ${method} ${path} failed: ${TOO_LARGE} (${Date.now() - started} ms)`);
          const reason = `the answer's body exceeds the ${mib(this.#maxResponseBytes)} cap on DigiCert answers (${TOO_LARGE}), reading stopped`;
          const init = { method, path, endpoint: name, code: TOO_LARGE, reason, ambiguous: method !== "GET", attempts: attempt };
          if (method === "POST" && spec.billable !== undefined) throw new DigiCertOrderMayExistError(init, spec.billable);
          throw new DigiCertNetworkError(init);
        }
        const { code, sent } = classifyNetworkError(err, this.#isHttps);
        this.#emit("debug", `DigiCert ${method} ${path} failed: ${code} (${Date.now() - started} ms)`);
        const cause = sanitizedCause(err, this.#redact);
        const init = {
          method,
          path,
          endpoint: name,
          code,
          ambiguous: sent,
          attempts: attempt,
          cause,
          ...(this.#proxyShown !== undefined ? { reason: throughProxy(code, this.#proxyShown, cause.message) } : {}),
        };
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
