// The one network boundary: every DigiCert request goes through send(). It
// owns the key, the rate gate, timeouts and the retry policy, and turns
// every failure into a DigiCertError. got's own retry is off: its rules would
// happily repeat a POST that timed out, and a repeated order POST is a second
// paid order.
import got, { type Got } from "got";
import { FRESH_CONNECTION, MAX_RESPONSE_BYTES, TOO_LARGE, classifyNetworkError, mib } from "./answer-reading";
import { type Asked, judgeAnswer } from "./answer-status";
import { buildPath, endpointName } from "./endpoints";
import { DigiCertError, DigiCertNetworkError, DigiCertOrderMayExistError, DigiCertRateLimitError } from "./errors";
import { type ProxyAgents, describeProxy, proxyAgents, proxyFor, proxySecrets, throughProxy } from "./proxy";
import { RateGate, type Refusals } from "./rate-gate";
import { defaultSleep } from "./rate-waits";
import { type Redactor, makeRedactor, sanitizedCause } from "./redact";
import { type Failure, type RetryPolicy, decideRetry } from "./retry";
import type { ServerClock } from "./server-clock";
import type { LogFn, LogLevel, SendResult, SendSpec, TransportOptions } from "./transport-types";
import { userAgent } from "./version";

export type { LogLevel, LogFn, TransportOptions, SendSpec, SendResult } from "./transport-types";
export { MAX_RESPONSE_BYTES } from "./answer-reading";
export { DEFAULT_RATE_LIMIT_WAIT_MS } from "./rate-waits";

export class Transport {
  readonly baseUrl: string;
  // Private fields: a Transport that ends up in util.inspect, a log or a
  // serialized closure shows neither the key nor the got instance holding it.
  readonly #got: Got;
  readonly #redact: Redactor;
  readonly #gate: RateGate;
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
    this.#log = opts.log;
    this.#gate = new RateGate(opts, (level, message) => this.#emit(level, message));
    this.#apiKeySetting = opts.apiKeySetting ?? "apiKey";
    this.#baseUrlSetting = opts.baseUrlSetting ?? "baseUrl";
    this.#retry = opts.retry;
    this.#timeoutMs = opts.timeoutMs;
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
    return this.#gate.wouldWait();
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
    const method = spec.endpoint.method;
    const path = buildPath(spec.endpoint, spec.params);
    const search = spec.query === undefined ? "" : new URLSearchParams(spec.query).toString();
    const url = this.baseUrl + path + (search ? `?${search}` : "");
    const label = `${method} ${path}`;
    const headers: Record<string, string> = { accept: spec.accept === "any" ? "*/*" : "application/json" };
    let body: string | undefined;
    if (spec.body !== undefined) {
      body = JSON.stringify(spec.body);
      headers["content-type"] = "application/json";
    }
    const asked: Asked = {
      method,
      path,
      endpoint: endpointName(spec.endpoint),
      baseUrl: this.baseUrl,
      attempt: 0,
      afterAmbiguousAttempt: false,
      billable: spec.billable,
      accept: spec.accept,
      redact: this.#redact,
      apiKeySetting: this.#apiKeySetting,
      baseUrlSetting: this.#baseUrlSetting,
    };
    const refusals: Refusals = { count: 0, waitedMs: 0 };
    let retries = 0;
    for (;;) {
      asked.attempt++;
      const settle = await this.#gate.enter(label);
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
        this.#emit("debug", `DigiCert ${label} -> ${res.statusCode} (${Date.now() - started} ms)`);
        this.#clock?.observe(res.headers.date);
        const verdict = judgeAnswer(res, asked);
        if (verdict.kind === "ok") return { status: res.statusCode, body: res.body, contentType: res.headers["content-type"] };
        if (verdict.kind === "final") throw verdict.error;
        if (verdict.kind === "refused") {
          if (await this.#gate.waitAfterRefusal(refusals, verdict.retryAfterMs, label)) continue;
          const { status, errors } = verdict.error;
          throw new DigiCertRateLimitError(
            { method, path, endpoint: asked.endpoint, status, errors, afterAmbiguousAttempt: asked.afterAmbiguousAttempt },
            refusals.waitedMs,
            this.#gate.waitLimitMs,
            this.#gate.waitSetting,
          );
        }
        const { status } = verdict.error;
        failure = { kind: "status", status, retryAfterMs: verdict.retryAfterMs };
        failureError = () => verdict.error;
        if (status === 500 || status === 502 || status === 504) asked.afterAmbiguousAttempt = true;
      } catch (err) {
        // Errors judged from an answer are final; only got's own (network) failures go on.
        if (err instanceof DigiCertError) throw err;
        const fail = this.#networkFailure(err, tooLarge, spec, asked, started);
        failure = fail.failure;
        failureError = fail.error;
      }

      const decision = decideRetry(this.#retry, method, retries, failure, this.#random);
      if (!decision.retry) throw failureError();
      retries++;
      const why = failure.kind === "status" ? `HTTP ${failure.status}` : failure.code;
      this.#emit("warn", `DigiCert ${label} failed (${why}); retry ${retries}/${this.#retry.limit} in ${decision.delayMs} ms`);
      await this.#sleep(decision.delayMs);
    }
  }

  /** A request that got no whole answer: throws what cannot be retried, else the failure for the retry policy. */
  #networkFailure(err: unknown, tooLarge: boolean, spec: SendSpec, asked: Asked, started: number): { failure: Failure; error: () => Error } {
    const { method, path, endpoint, attempt } = asked;
    if (tooLarge) {
      // DigiCert was answering, so the request reached it; the same request would
      // only bring the same answer again: not retried.
      this.#emit("debug", `DigiCert ${method} ${path} failed: ${TOO_LARGE} (${Date.now() - started} ms)`);
      const reason = `the answer's body exceeds the ${mib(this.#maxResponseBytes)} cap on DigiCert answers (${TOO_LARGE}), reading stopped`;
      const init = { method, path, endpoint, code: TOO_LARGE, reason, ambiguous: method !== "GET", attempts: attempt };
      if (method === "POST" && spec.billable !== undefined) throw new DigiCertOrderMayExistError(init, spec.billable);
      throw new DigiCertNetworkError(init);
    }
    const { code, sent } = classifyNetworkError(err, this.#isHttps);
    this.#emit("debug", `DigiCert ${method} ${path} failed: ${code} (${Date.now() - started} ms)`);
    const cause = sanitizedCause(err, this.#redact);
    const init = {
      method,
      path,
      endpoint,
      code,
      ambiguous: sent,
      attempts: attempt,
      cause,
      ...(this.#proxyShown !== undefined ? { reason: throughProxy(code, this.#proxyShown, cause.message) } : {}),
    };
    if (method === "POST" && sent && spec.billable !== undefined) throw new DigiCertOrderMayExistError(init, spec.billable);
    const ambiguous = sent || asked.afterAmbiguousAttempt;
    if (sent) asked.afterAmbiguousAttempt = true;
    return { failure: { kind: "network", code, sent }, error: () => new DigiCertNetworkError({ ...init, ambiguous }) };
  }
}
