// The rate-limit floor: the least time a step's requests take when nothing but
// CertCentral's windows spaces them (no engine, no latency beyond one request's):
// request i can go no earlier than request i - limit plus that window, for every
// window. 1000 GETs under 100 per 5 s take 45 s; 2000 under 1000 per 3 min as well
// take 225 s, because the second thousand waits for the first's window.
import type { RateWindow } from "../provider/digicert/rate-limiter";

export function rateLimitFloorSeconds(requests: number, windows: readonly RateWindow[], latencyMs = 0): number {
  if (requests <= 0) return 0;
  // A median of two runs' counts can be a half: compute each run's floor from its own count, then take the median.
  if (!Number.isInteger(requests)) throw new RangeError(`a step's request count is a whole number, got ${requests}`);
  const sent = new Float64Array(requests);
  for (let i = 0; i < requests; i++) {
    let t = 0;
    for (const w of windows) {
      const earlier = i - w.limit;
      // CertCentral counts a request when it arrives and the limiter from its answer:
      // the earlier request's latency is part of the wait either way.
      if (earlier >= 0) t = Math.max(t, (sent[earlier] as number) + latencyMs + w.windowMs);
    }
    sent[i] = t;
  }
  return ((sent[requests - 1] as number) + latencyMs) / 1000;
}
