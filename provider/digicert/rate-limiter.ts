// Client-side rolling-window limiter. CertCentral counts requests per API key
// over rolling windows and answers 429 to everything once a window is full, so
// every client in the process that uses the same key and host must draw from
// one shared history. The registry lives on globalThis so that even two copies
// of this module (Pulumi's dynamic-provider host can load one per serialized
// closure) share it. It is keyed by a hash of the key, never the key.
import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import { DigiCertConfigError } from "./errors";

export interface RateWindow {
  limit: number;
  windowMs: number;
}

/** CertCentral's published limits: 1000 requests per 3 minutes and 100 per 5 seconds, per key. */
export const DEFAULT_RATE_LIMITS: readonly RateWindow[] = Object.freeze([
  Object.freeze({ limit: 1000, windowMs: 180_000 }),
  Object.freeze({ limit: 100, windowMs: 5_000 }),
]);

export function validateRateWindows(windows: readonly RateWindow[]): RateWindow[] {
  return windows.map((w, i) => {
    if (!Number.isInteger(w.limit) || w.limit < 1) throw new DigiCertConfigError(`rateLimits[${i}].limit must be an integer >= 1`);
    if (!Number.isFinite(w.windowMs) || w.windowMs <= 0) throw new DigiCertConfigError(`rateLimits[${i}].windowMs must be > 0`);
    return { limit: w.limit, windowMs: w.windowMs };
  });
}

interface Waiter {
  windows: readonly RateWindow[];
  resolve: (grantedAt: number) => void;
}

export class RateLimiter {
  // Grant times, ascending, on a monotonic clock (wall-clock jumps must not
  // open or close windows).
  readonly #stamps: number[] = [];
  readonly #queue: Waiter[] = [];
  #timer: NodeJS.Timeout | undefined;
  #horizonMs = 0;
  readonly #now: () => number;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  /**
   * Resolves when a request may be sent under every window, with the grant
   * time on this limiter's clock. Resolves at once (no timer) while no window
   * is full; otherwise waits its turn, first come first served. Each caller's
   * windows are checked against the shared history.
   */
  acquire(windows: readonly RateWindow[] = DEFAULT_RATE_LIMITS): Promise<number> {
    if (this.#queue.length === 0) {
      const now = this.#now();
      if (this.#delay(windows, now) === 0) {
        this.#grant(windows, now);
        return Promise.resolve(now);
      }
    }
    return new Promise((resolve) => {
      this.#queue.push({ windows, resolve });
      if (this.#timer === undefined) this.#pump();
    });
  }

  /**
   * Moves a granted request's stamp from its grant to now, when its answer came.
   * The server counts a request when it receives it, somewhere between the grant
   * and the answer; counting it from the grant lets a request sent one window later
   * reach the server inside its window (a connection set up for the first request
   * but not the later one is enough), and each such 429 costs a retry and a slot.
   * Counted from the answer, it has left the server's window too. A stamp already
   * pruned or settled is left alone.
   */
  settle(grantedAt: number): void {
    const i = this.#firstAtOrAfter(grantedAt);
    if (this.#stamps[i] !== grantedAt) return;
    this.#stamps.splice(i, 1);
    // The clock is monotonic, so the stamps stay sorted. A waiter's timer may now
    // fire early; #pump then measures again and waits the rest.
    this.#stamps.push(Math.max(this.#now(), grantedAt));
  }

  /**
   * Whether a request asking now would have to wait: others already wait, or a window
   * is full. A read ahead of need asks this first and stays unsent when it is true, so
   * that it never takes a slot a waiting request gets next.
   */
  wouldWait(windows: readonly RateWindow[] = DEFAULT_RATE_LIMITS): boolean {
    return this.#queue.length > 0 || this.#delay(windows, this.#now()) > 0;
  }

  /** Requests waiting for a slot. */
  get pending(): number {
    return this.#queue.length;
  }

  #delay(windows: readonly RateWindow[], now: number): number {
    let wait = 0;
    for (const w of windows) {
      const inWindow = this.#stamps.length - this.#firstAfter(now - w.windowMs);
      if (inWindow >= w.limit) {
        // The limit-th most recent grant must leave the window first.
        const blocking = this.#stamps[this.#stamps.length - w.limit] ?? now;
        wait = Math.max(wait, blocking + w.windowMs - now);
      }
    }
    return wait;
  }

  // Index of the first stamp strictly after `t` (binary search; stamps sorted).
  #firstAfter(t: number): number {
    let lo = 0;
    let hi = this.#stamps.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#stamps[mid] ?? Infinity) > t) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  #firstAtOrAfter(t: number): number {
    let lo = 0;
    let hi = this.#stamps.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#stamps[mid] ?? Infinity) >= t) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  #grant(windows: readonly RateWindow[], now: number): void {
    for (const w of windows) this.#horizonMs = Math.max(this.#horizonMs, w.windowMs);
    this.#stamps.push(now);
    const expired = this.#firstAfter(now - this.#horizonMs);
    if (expired > 0) this.#stamps.splice(0, expired);
  }

  #pump(): void {
    this.#timer = undefined;
    for (;;) {
      const head = this.#queue[0];
      if (head === undefined) return;
      const now = this.#now();
      const wait = this.#delay(head.windows, now);
      if (wait > 0) {
        // Not unref'd: a request waiting for a slot is work a caller awaits. With
        // nothing else pending (every earlier request answered), an unref'd timer let
        // Node exit mid-await, silently and with code 0, dropping the waiting requests.
        this.#timer = setTimeout(() => this.#pump(), Math.ceil(wait));
        return;
      }
      this.#queue.shift();
      this.#grant(head.windows, now);
      head.resolve(now);
    }
  }
}

const REGISTRY = Symbol.for("pulumi-digicert.rate-limiters.v1");

function registry(): Map<string, RateLimiter> {
  const g = globalThis as typeof globalThis & { [REGISTRY]?: Map<string, RateLimiter> };
  g[REGISTRY] ??= new Map();
  return g[REGISTRY];
}

/** Registry key: base URL plus a truncated SHA-256 of the key (never the key). */
export function rateLimiterKey(baseUrl: string, apiKey: string): string {
  const digest = createHash("sha256").update(apiKey, "utf8").digest("hex").slice(0, 16);
  return `${baseUrl.replace(/\/+$/, "")}#${digest}`;
}

/** The process-wide limiter for this base URL and key. */
export function sharedRateLimiter(baseUrl: string, apiKey: string): RateLimiter {
  const key = rateLimiterKey(baseUrl, apiKey);
  const map = registry();
  let limiter = map.get(key);
  if (limiter === undefined) {
    limiter = new RateLimiter();
    map.set(key, limiter);
  }
  return limiter;
}
