// Order reads shared for a short while. A refresh reads every order twice in a row:
// once for the order and once for its CT status (and a reissue reads it again), and
// each read spends one request of CertCentral's budget (100 per 5 s). Within one
// process, a read that asks for it shares a read of the same order still in flight,
// or one answered at most `maxAgeMs` ago; any write through the same client drops
// every shared answer, so nothing stale survives a change this process made.

interface Entry<T> {
  readonly value: Promise<T>;
  /** When the answer arrived; undefined while the read is in flight. */
  answeredAt?: number;
}

export class RecentReads<T> {
  readonly #entries = new Map<number, Entry<T>>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** A read of `id` in flight, or answered at most `maxAgeMs` ago, else a new read. */
  get(id: number, maxAgeMs: number, load: () => Promise<T>): Promise<T> {
    const hit = this.#entries.get(id);
    // In flight counts as fresh: a read queued behind the rate limiter is no older
    // than one sent now.
    if (hit !== undefined && (hit.answeredAt === undefined || this.#now() - hit.answeredAt <= maxAgeMs)) return hit.value;
    const entry: Entry<T> = { value: load() };
    this.#entries.set(id, entry);
    entry.value.then(
      () => {
        entry.answeredAt = this.#now();
      },
      // A failed read is not shared after it failed.
      () => {
        if (this.#entries.get(id) === entry) this.#entries.delete(id);
      },
    );
    return entry.value;
  }

  /** A write is being sent, or was: no earlier answer may be shared any more. */
  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}
