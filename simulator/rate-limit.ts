// CertCentral's limits are per API key over rolling windows with no fixed reset.
// Only requests that were let through count, so a client that backs off recovers.
export interface RateLimit {
  limit: number;
  windowMs: number;
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
