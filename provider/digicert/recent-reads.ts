// Order reads shared for a short while. A refresh reads every order twice in a row:
// once for the order and once for its CT status (and a reissue reads it again), and
// each read spends one request of CertCentral's budget (100 per 5 s). Within one
// process, a read that asks for it shares a read of the same order still in flight,
// or one answered at most `maxAgeMs` ago. A write through the same client drops the
// answers it may change (the order it names, or all of them when it cannot tell), so
// nothing stale survives a change this process made; a write to one order leaves the
// others' answers shared (a destroy restores CT statuses while its orders' reads wait).

interface Entry<T> {
  readonly value: Promise<T>;
  /** When the answer arrived, and the answer; undefined while the read is in flight. */
  answered?: { readonly at: number; readonly value: T };
}

export class RecentReads<T> {
  readonly #entries = new Map<number, Entry<T>>();
  readonly #now: () => number;

  // Date.now read at each call, not captured: a test that moves the clock moves it here too.
  constructor(now: () => number = () => Date.now()) {
    this.#now = now;
  }

  /** A read of `id` in flight, or answered at most `maxAgeMs` ago, else a new read. */
  get(id: number, maxAgeMs: number, load: () => Promise<T>): Promise<T> {
    const hit = this.#entries.get(id);
    // In flight counts as fresh: a read queued behind the rate limiter is no older
    // than one sent now.
    if (hit !== undefined && this.has(id, maxAgeMs)) return hit.value;
    const entry: Entry<T> = { value: load() };
    this.#entries.set(id, entry);
    entry.value.then(
      (value) => {
        entry.answered = { at: this.#now(), value };
      },
      // A failed read is not shared after it failed.
      () => {
        if (this.#entries.get(id) === entry) this.#entries.delete(id);
      },
    );
    return entry.value;
  }

  /** Whether a read of `id` is in flight, or was answered at most `maxAgeMs` ago. */
  has(id: number, maxAgeMs: number): boolean {
    const hit = this.#entries.get(id);
    return hit !== undefined && (hit.answered === undefined || this.#now() - hit.answered.at <= maxAgeMs);
  }

  /** A write that may change any order is being sent, or was: no earlier answer may be shared any more. */
  clear(): void {
    this.#entries.clear();
  }

  /** A write to order `id` is being sent, or was: its earlier answer (or read in flight) is not shared any more. */
  forget(id: number): void {
    this.#entries.delete(id);
  }

  get size(): number {
    return this.#entries.size;
  }
}
