// What the recoveries of an order and of a reissue POST that failed without a definite
// answer share: the claims that keep two resources off one order or request, and the
// loop that looks for what the POST may have placed until exactly one candidate shows
// up, several do, or the time runs out. DigiCert may still be processing such a POST
// (a gateway timeout says nothing about the backend), so one look is not enough.

import type { DigiCertOrderMayExistError } from "../digicert";

/**
 * The interrupted run's process was gone before this one started: an order placed since
 * is this run's (another resource's, maybe with the same inputs), never the lost one.
 * On this machine's clock: compare it with DigiCert's timestamps through the client's
 * serverTimeAt.
 */
export const PROCESS_STARTED_AT = Date.now() - process.uptime() * 1000;

/**
 * Allowance when comparing a time on DigiCert's clock (measured from its Date header,
 * whole seconds, one answer's latency off) with DigiCert's own timestamps. The skew of
 * this machine's clock is not in it: every such time is taken on DigiCert's clock.
 */
export const CLOCK_SKEW_MS = 60_000;

export type LookupOutcome<T> =
  | { kind: "one"; found: T }
  | { kind: "several"; found: T[] }
  | { kind: "none" }
  | { kind: "failed"; error: Error };

export interface LookupOptions<T> {
  readonly seconds: number;
  /** One look at DigiCert: the candidates not yet claimed by another resource. */
  readonly look: () => Promise<T[]>;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const POLL_MS = 1_000;

export async function lookFor<T>(o: LookupOptions<T>): Promise<LookupOutcome<T>> {
  const sleep = o.sleep ?? defaultSleep;
  const now = o.now ?? Date.now;
  const deadline = now() + o.seconds * 1000;
  // A failed look proves nothing, so the verdict "none" needs a look that succeeded after
  // the window closed; failures past it are tried again for a while before giving up.
  const giveUp = deadline + Math.max(o.seconds * 1000, 10_000);
  for (;;) {
    let lastError: Error | undefined;
    try {
      const found = await o.look();
      if (found.length > 1) return { kind: "several", found };
      const [one] = found;
      if (one !== undefined) return { kind: "one", found: one };
      if (now() >= deadline) return { kind: "none" };
    } catch (err) {
      lastError = err instanceof Error ? err : new Error(String(err));
      if (now() >= giveUp) return { kind: "failed", error: lastError };
    }
    const left = (lastError === undefined ? deadline : giveUp) - now();
    await sleep(Math.max(0, Math.min(POLL_MS, left)));
  }
}

/** DigiCert's timestamp at or after `startedAt` (less the skew allowance); unreadable dates count as recent. */
export function createdSince(dateCreated: string | undefined, startedAt: number): boolean {
  if (dateCreated === undefined) return true;
  const t = Date.parse(dateCreated);
  return Number.isNaN(t) || t >= startedAt - CLOCK_SKEW_MS;
}

export function ymdUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;

/**
 * `filters[date_created]` for orders created from `fromMs` on: the range operator
 * `from...to` (yyyy-MM-dd, both ends inclusive), one of the two operators DigiCert's
 * pages and public clients show (the other is `>`); `>=` is documented nowhere. DigiCert
 * may read the dates in its own time zone (Keyfactor widens by 7 h for US Mountain
 * time), so the range is a day wider on both sides and the exact time is compared on
 * the answer's `date_created`.
 */
export function createdFromFilter(fromMs: number, nowMs: number = Date.now()): string {
  return `${ymdUtc(fromMs - DAY_MS)}...${ymdUtc(nowMs + DAY_MS)}`;
}

/**
 * Ids of orders or reissue requests this process placed or recovered, so that two
 * lookups never take the same one.
 */
export class ClaimSet {
  protected readonly claimed = new Set<number>();

  has(id: number): boolean {
    return this.claimed.has(id);
  }

  /** False when another resource claimed it first. */
  claim(id: number): boolean {
    if (this.claimed.has(id)) return false;
    this.claimed.add(id);
    return true;
  }
}

/** What the POST met instead of an answer, for messages: `HTTP 502` or `ECONNRESET`. */
export function lostWhy(e: DigiCertOrderMayExistError): string {
  if (e.status !== undefined) return `HTTP ${e.status}`;
  const unreadable = /^HTTP_(\d{3})_UNREADABLE$/.exec(e.code);
  return unreadable !== null ? `an HTTP ${unreadable[1]} answer that could not be read` : e.code;
}
