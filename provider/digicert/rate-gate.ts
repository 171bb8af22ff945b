// The gate every request passes for CertCentral's rate limits: this process's own count
// (rate-limiter.ts), the machine's shared ledger (rate-ledger.ts), and the patience with
// a 429 (waited out, up to rateLimitWaitMs in all, before the request fails).
import type { RateLedger } from "./rate-ledger";
import { DEFAULT_RATE_LIMITS, type RateLimiter, type RateWindow, sharedRateLimiter } from "./rate-limiter";
import { DEFAULT_RATE_LIMIT_WAIT_MS, defaultSleep, openLedger } from "./rate-waits";
import type { LogLevel, TransportOptions } from "./transport-types";

/** One request's 429s so far: they do not count as retries, and their waits add up. */
export interface Refusals {
  count: number;
  waitedMs: number;
}

type Emit = (level: LogLevel, message: string) => void;

export class RateGate {
  readonly #limiter: RateLimiter;
  readonly #windows: readonly RateWindow[];
  readonly #shortestWindowMs: number;
  readonly #longestWindowMs: number;
  readonly #ledger: RateLedger | undefined;
  /** How long one request may wait after 429s in all; 0: it fails at the first. */
  readonly waitLimitMs: number;
  /** How a user changes waitLimitMs, named when the wait runs out. */
  readonly waitSetting: string;
  readonly #random: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #emit: Emit;

  constructor(opts: TransportOptions, emit: Emit) {
    this.#limiter = sharedRateLimiter(opts.baseUrl, opts.apiKey);
    this.#windows = opts.rateLimits ?? DEFAULT_RATE_LIMITS;
    this.#shortestWindowMs = Math.min(...this.#windows.map((w) => w.windowMs), 60_000);
    this.#longestWindowMs = Math.max(...this.#windows.map((w) => w.windowMs), this.#shortestWindowMs);
    this.#ledger = opts.rateLedgerDir === undefined ? undefined : openLedger(opts.rateLedgerDir, opts.baseUrl, opts.apiKey, opts.log);
    this.waitLimitMs = opts.rateLimitWaitMs ?? DEFAULT_RATE_LIMIT_WAIT_MS;
    this.waitSetting = opts.rateLimitWaitSetting ?? "rateLimitWaitMs";
    this.#random = opts.random ?? Math.random;
    this.#sleep = opts.sleep ?? defaultSleep;
    this.#emit = emit;
  }

  /** Whether a request sent now would wait for CertCentral's rate limits (see RateLimiter.wouldWait). */
  wouldWait(): boolean {
    return this.#limiter.wouldWait(this.#windows) || (this.#ledger?.wouldWait(this.#windows) ?? false);
  }

  /** Resolves when a request may be sent; call the returned function once it is answered (or failed). */
  async enter(label: string): Promise<() => void> {
    const queuedAt = Date.now();
    const grantedAt = await this.#limiter.acquire(this.#windows);
    // A ledger that cannot be read or written (a full disk) leaves this process's own count.
    const ledgerGrant = await this.#ledger?.acquire(this.#windows).catch(() => undefined);
    const waited = Date.now() - queuedAt;
    if (waited > 0) this.#emit("debug", `DigiCert ${label}: waited ${waited} ms for the client-side rate limit`);
    return () => {
      this.#limiter.settle(grantedAt);
      if (ledgerGrant !== undefined) this.#ledger?.settle(ledgerGrant).catch(() => undefined);
    };
  }

  /**
   * After a 429: waits until the key's window may take the request again and resolves
   * true, or resolves false when the request has waited all it may.
   */
  async waitAfterRefusal(refusals: Refusals, retryAfterMs: number | undefined, label: string): Promise<boolean> {
    const remainingMs = this.waitLimitMs - refusals.waitedMs;
    if (remainingMs <= 0) return false;
    const delayMs = Math.min(remainingMs, this.#refusedDelay(++refusals.count, retryAfterMs));
    refusals.waitedMs += delayMs;
    // Every process here holds back too: they would only be refused as well.
    await this.#ledger?.spend(Date.now() + delayMs).catch(() => undefined);
    this.#emit(
      "warn",
      `DigiCert ${label}: the key's rate limit is spent, as other stacks using the same key may have spent it; ` +
        `waiting ${Math.round(delayMs / 1000)} s (${Math.round(refusals.waitedMs / 1000)} s of at most ${Math.round(this.waitLimitMs / 1000)} s)`,
    );
    await this.#sleep(delayMs);
    return true;
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
}
