// The one sequence every paid POST follows (an order, a renewal's order, a reissue):
// this machine's journal is read for an earlier run's POST of this very request; what
// that POST placed is taken when DigiCert shows it; otherwise DigiCert's recent orders
// are looked at (the look-back), and only then is the record written, flushed, and the
// POST sent. Its answer, or what recovery after a lost answer found, is recorded; a
// definite refusal forgets the record, since nothing was placed.
import type { Journal, JournalEntry } from "./journal";

export interface PaidPost<T> {
  /** The journal and the record's owner: none when the SDK did not name the resource. */
  readonly journal: Journal | undefined;
  readonly owner: string | undefined;
  /** What the record says was posted (`what`, `fingerprint`, and the order a reissue is on). */
  readonly request: Pick<JournalEntry, "what" | "fingerprint" | "orderId">;
  /** What an earlier run's POST of this request placed, when DigiCert shows it; undefined to post. */
  resume(entry: JournalEntry): Promise<T | undefined>;
  /** Stops the POST when DigiCert shows an unheld order that may be this request's. */
  lookBack(): Promise<void>;
  /** The POST itself, with recovery after a lost answer: never posts twice. */
  post(startedAt: number): Promise<T>;
  /** What the record keeps of the answer (the order or request id); undefined keeps the record as it is. */
  answer(value: T): Pick<JournalEntry, "orderId" | "requestId"> | undefined;
  /** Whether an error the POST threw means DigiCert placed nothing (a definite refusal). */
  placedNothing(err: unknown): boolean;
}

/** What the POST gave, and whether it was an earlier run's placement taken instead of posting. */
export interface Posted<T> {
  readonly value: T;
  readonly resumed: boolean;
}

export async function journaledPost<T>(p: PaidPost<T>): Promise<Posted<T>> {
  const { journal, owner } = p;
  // Only a record of a POST that DigiCert shows placed nothing settles the question;
  // with no record, or a record whose placement is taken elsewhere or ended, DigiCert's
  // recent orders are looked at too.
  let settled = false;
  if (journal !== undefined && owner !== undefined) {
    const entry = journal.read(owner);
    if (entry !== undefined && sameRequest(entry, p.request)) {
      settled = entry.state === "posting";
      const resumed = await p.resume(entry);
      if (resumed !== undefined) {
        const answer = p.answer(resumed);
        if (answer !== undefined) journal.write({ ...entry, state: "answered", ...answer });
        return { value: resumed, resumed: true };
      }
    }
  }
  if (!settled) await p.lookBack();
  const startedAt = Date.now();
  const record: JournalEntry | undefined = owner === undefined ? undefined : { owner, ...p.request, startedAt, state: "posting" };
  // On disk before the POST leaves: a kill from here on leaves a record to resume from.
  if (record !== undefined) journal?.write(record);
  let value: T;
  try {
    value = await p.post(startedAt);
  } catch (err) {
    if (record !== undefined && p.placedNothing(err)) journal?.forget(record.owner, (e) => e.startedAt === startedAt);
    throw err;
  }
  const answer = p.answer(value);
  if (record !== undefined) journal?.write({ ...record, state: "answered", ...(answer ?? {}) });
  return { value, resumed: false };
}

function sameRequest(entry: JournalEntry, request: PaidPost<unknown>["request"]): boolean {
  return entry.what === request.what && entry.fingerprint === request.fingerprint && (request.orderId === undefined || entry.orderId === request.orderId);
}
