// The one sequence every paid POST follows (an order, a renewal's order, a reissue):
// this machine's journal is read for an earlier run's POST of this very request; what
// that POST placed is taken when DigiCert shows it; otherwise DigiCert's recent orders
// are looked at (the look-back), and only then is the record written, flushed, and the
// POST sent. Its answer, or what recovery after a lost answer found, is recorded; a
// definite refusal forgets the record, since nothing was placed.
import { JournalFolderError, type Journal, type JournalEntry } from "./journal";

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
  /** The POST itself, with recovery after a lost answer: never posts twice. `startedAt` is on DigiCert's clock. */
  post(startedAt: number): Promise<T>;
  /** DigiCert's time now (the client's serverNow): the record's startedAt is compared with DigiCert's timestamps. */
  now(): number;
  /** What the record keeps of the answer (the order or request id); undefined keeps the record as it is. */
  answer(value: T): Pick<JournalEntry, "orderId" | "requestId"> | undefined;
  /** Whether an error the POST threw means DigiCert placed nothing (a definite refusal). */
  placedNothing(err: unknown): boolean;
  /** What was placed, for messages: `order 10000001`, `reissue request 7 on order 10000001`. */
  placed(value: T): string;
  /** How to take what was placed into the stack should it be lost (adoptOrderId, pulumi import). */
  adoptHint(value: T): string;
  /** Where a warning goes (the record after the POST could not be written). */
  warn(message: string): void;
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
  const startedAt = p.now();
  const record: JournalEntry | undefined = owner === undefined ? undefined : { owner, ...p.request, startedAt, state: "posting" };
  // On disk before the POST leaves: a kill from here on leaves a record to resume from.
  if (record !== undefined && journal !== undefined) {
    try {
      journal.write(record);
    } catch (err) {
      if (err instanceof JournalFolderError) throw err;
      throw new JournalFolderError(
        `recording the ${p.request.what} POST in the journal (${journal.dir}) failed (${codeOf(err)}) before it was sent: nothing was ordered. ` +
          "Make the folder writable by you alone, or name another with digicert:journalDir (DIGICERT_JOURNAL_DIR), then run `pulumi up` again.",
        { cause: err },
      );
    }
  }
  let value: T;
  try {
    value = await p.post(startedAt);
  } catch (err) {
    if (record !== undefined && p.placedNothing(err)) {
      try {
        journal?.forget(record.owner, (e) => e.startedAt === startedAt);
      } catch {
        // A record left behind of a POST that placed nothing: the next run finds nothing for it and posts.
      }
    }
    throw err;
  }
  const answer = p.answer(value);
  if (record !== undefined && journal !== undefined) {
    try {
      journal.write({ ...record, state: "answered", ...(answer ?? {}) });
    } catch (err) {
      // What was placed goes to the engine all the same (failing now would leave it out of
      // the stack); the record of the POST stays as it was, "posting", and says where to look.
      p.warn(
        `${p.placed(value)} was placed, but recording DigiCert's answer in the journal (${journal.dir}) failed (${codeOf(err)}). ` +
          `The stack records it now; should this run not finish, ${p.adoptHint(value)} instead of ordering again. Fix the folder (writable by you alone) or set digicert:journalDir.`,
      );
    }
  }
  return { value, resumed: false };
}

function sameRequest(entry: JournalEntry, request: PaidPost<unknown>["request"]): boolean {
  return entry.what === request.what && entry.fingerprint === request.fingerprint && (request.orderId === undefined || entry.orderId === request.orderId);
}

function codeOf(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === "string" ? code : err instanceof Error ? err.message : String(err);
}
