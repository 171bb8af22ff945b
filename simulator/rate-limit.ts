// CertCentral's limits are per API key over rolling windows with no fixed reset.
// Only requests that were let through count, so a client that backs off recovers.
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** CertCentral's published limits per key: 1000 per 3 minutes and 100 per 5 seconds. */
export const DIGICERT_RATE_LIMITS: readonly RateLimit[] = Object.freeze([
  Object.freeze({ limit: 1000, windowMs: 180_000 }),
  Object.freeze({ limit: 100, windowMs: 5_000 }),
]);

/**
 * DigiCert's limits with every window scaled by `factor` and the counts kept, so that a
 * test sees the same shape (a short burst window inside a long one, 10 short windows'
 * worth of requests per long window... ) in less time: 0.1 gives 100 per 0.5 s and
 * 1000 per 18 s.
 */
export function scaledRateLimits(factor: number): RateLimit[] {
  if (!Number.isFinite(factor) || factor <= 0) throw new RangeError("the rate-limit scale must be a number > 0");
  return DIGICERT_RATE_LIMITS.map((l) => ({ limit: l.limit, windowMs: Math.max(1, Math.round(l.windowMs * factor)) }));
}

export class RateLimiter {
  private readonly accepted = new Map<string, number[]>();

  /** Records the request and returns true when it is within every limit. */
  admit(key: string, limits: readonly RateLimit[], now: number): boolean {
    const longest = Math.max(0, ...limits.map((l) => l.windowMs));
    const times = (this.accepted.get(key) ?? []).filter((t) => t > now - longest);
    const over = limits.some((l) => times.filter((t) => t > now - l.windowMs).length >= l.limit);
    if (!over) times.push(now);
    this.accepted.set(key, times);
    return !over;
  }

  clear(): void {
    this.accepted.clear();
  }
}
