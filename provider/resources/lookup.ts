// The shared loop of create's recovery after an order or reissue POST failed without a
// definite answer: look for what it may have placed until exactly one candidate shows
// up, several do, or the time runs out. DigiCert may still be processing such a POST
// (a gateway timeout says nothing about the backend), so one look is not enough.

/** Allowance for DigiCert's clock being behind ours when comparing creation times. */
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
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const POLL_MS = 1_000;

export async function lookFor<T>(o: LookupOptions<T>): Promise<LookupOutcome<T>> {
  const sleep = o.sleep ?? defaultSleep;
  const deadline = Date.now() + o.seconds * 1000;
  let lastError: Error | undefined;
  let looked = false;
  for (;;) {
    try {
      const found = await o.look();
      looked = true;
      lastError = undefined;
      if (found.length === 1) return { kind: "one", found: found[0] as T };
      if (found.length > 1) return { kind: "several", found };
    } catch (err) {
      lastError = err instanceof Error ? err : new Error(String(err));
    }
    const left = deadline - Date.now();
    if (left <= 0) break;
    await sleep(Math.min(POLL_MS, left));
  }
  // A failed last look proves nothing: report the failure, not an absence.
  if (lastError !== undefined || !looked) return { kind: "failed", error: lastError ?? new Error("no lookup completed") };
  return { kind: "none" };
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
