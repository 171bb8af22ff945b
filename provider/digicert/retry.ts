// The retry policy is plain data and the decision a pure function, so the
// rules (especially "never repeat a POST that may have been processed") are
// testable without a network and readable in one screen.
import { DigiCertConfigError } from "./errors";

export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE";
/** POST is excluded by type and at runtime: an order POST costs money. */
export type RetryableMethod = Exclude<HttpMethod, "POST">;

export interface RetryPolicy {
  /** Retries after the first attempt. */
  limit: number;
  /** Methods retried on `statusCodes` and `errorCodes`. */
  methods: RetryableMethod[];
  statusCodes: number[];
  /** Connection-level error codes retried for `methods`. */
  errorCodes: string[];
  /** Full-jitter exponential backoff: delay = random(0, min(max, base * 2^retry)). */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** A Retry-After longer than this is not waited for: the error is returned instead. */
  maxRetryAfterMs: number;
}

// Four retries with backoff from 1 s span a burst of errors or a restart of several
// seconds (about 15 s at most), so one blip does not fail a step of a large stack.
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze<RetryPolicy>({
  limit: 4,
  methods: ["GET", "PUT"],
  statusCodes: [429, 500, 502, 503, 504],
  errorCodes: ["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "EAI_AGAIN"],
  backoffBaseMs: 1_000,
  backoffMaxMs: 15_000,
  maxRetryAfterMs: 60_000,
});

function nonNegative(name: string, v: number): void {
  if (!Number.isFinite(v) || v < 0) throw new DigiCertConfigError(`retry.${name} must be a finite number >= 0`);
}

export function resolveRetryPolicy(partial: Partial<RetryPolicy> | undefined): RetryPolicy {
  const p: RetryPolicy = {
    ...DEFAULT_RETRY_POLICY,
    ...partial,
    methods: [...(partial?.methods ?? DEFAULT_RETRY_POLICY.methods)],
    statusCodes: [...(partial?.statusCodes ?? DEFAULT_RETRY_POLICY.statusCodes)],
    errorCodes: [...(partial?.errorCodes ?? DEFAULT_RETRY_POLICY.errorCodes)],
  };
  if (!Number.isInteger(p.limit) || p.limit < 0) throw new DigiCertConfigError("retry.limit must be an integer >= 0");
  nonNegative("backoffBaseMs", p.backoffBaseMs);
  nonNegative("backoffMaxMs", p.backoffMaxMs);
  nonNegative("maxRetryAfterMs", p.maxRetryAfterMs);
  if ((p.methods as string[]).includes("POST")) {
    throw new DigiCertConfigError(
      "retry.methods must not include POST: a POST that may have been processed is never repeated (it could order twice)",
    );
  }
  return p;
}

export function backoffDelay(policy: RetryPolicy, retryIndex: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** retryIndex);
  return Math.floor(random() * ceiling);
}

/** Retry-After as delta-seconds or an HTTP date, in ms from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every HTTP-date form starts with a day name; Date.parse alone would read "-3" as a year.
  if (!/^[A-Za-z]{3}/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

export type Failure =
  | { kind: "status"; status: number; retryAfterMs?: number }
  /** `sent`: the request may have reached the server (connection established). */
  | { kind: "network"; code: string; sent: boolean };

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

/**
 * @param retriesDone retries already made for this request (0 after the first attempt).
 */
export function decideRetry(
  policy: RetryPolicy,
  method: HttpMethod,
  retriesDone: number,
  failure: Failure,
  random: () => number = Math.random,
): RetryDecision {
  if (retriesDone >= policy.limit) return { retry: false };
  const idempotent = method !== "POST" && (policy.methods as string[]).includes(method);
  const backoff = (): RetryDecision => ({ retry: true, delayMs: backoffDelay(policy, retriesDone, random) });

  if (failure.kind === "status") {
    if (!policy.statusCodes.includes(failure.status)) return { retry: false };
    // A 429 proves the request was refused, not processed: safe even for POST.
    if (!idempotent && failure.status !== 429) return { retry: false };
    if (failure.retryAfterMs === undefined) return backoff();
    if (failure.retryAfterMs > policy.maxRetryAfterMs) return { retry: false };
    return { retry: true, delayMs: failure.retryAfterMs };
  }

  if (!policy.errorCodes.includes(failure.code)) return { retry: false };
  // A connection that was never established (ECONNREFUSED, DNS) carried no
  // body; anything later may have been processed, so POST stops there.
  if (!idempotent && failure.sent) return { retry: false };
  return backoff();
}
