// CertCentral writes timestamps as "2016-02-10T17:06:15+00:00" and validity dates
// as yyyy-MM-dd, always UTC.

const DAY_MS = 86_400_000;

export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

export function ymd(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Parses a strict yyyy-MM-dd calendar date (UTC midnight); undefined when malformed or impossible. */
export function parseYmd(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return ymd(ms) === value ? ms : undefined;
}

export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

export function daysBetween(fromMs: number, toMs: number): number {
  return Math.round((startOfUtcDay(toMs) - startOfUtcDay(fromMs)) / DAY_MS);
}

export function addYears(ms: number, years: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate());
}

export function daysRemaining(validTill: string, now: number): number {
  const till = parseYmd(validTill);
  return till === undefined ? 0 : Math.max(0, daysBetween(now, till));
}
