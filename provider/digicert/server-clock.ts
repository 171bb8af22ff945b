// DigiCert's clock, as its answers' Date header tells it. Every window that compares
// with DigiCert's timestamps (an order's date_created, a request's date) is measured on
// DigiCert's clock, not this machine's: a CI runner minutes off would otherwise miss the
// order its own lost POST placed, or take one placed before it, and pay twice.

/** The Date header has whole seconds, cut down: DigiCert's time was within the second after it. */
const HALF_SECOND = 500;

export class ServerClock {
  #offsetMs: number | undefined;

  /** Records the offset an answer's Date header shows; an absent or unreadable header changes nothing. */
  observe(dateHeader: string | undefined, receivedAt: number = Date.now()): void {
    if (dateHeader === undefined) return;
    const at = Date.parse(dateHeader);
    if (Number.isNaN(at)) return;
    this.#offsetMs = at + HALF_SECOND - receivedAt;
  }

  /** How far DigiCert's clock is ahead of this machine's (negative: behind), once an answer showed it. */
  offsetMs(): number | undefined {
    return this.#offsetMs;
  }

  /** DigiCert's time now: this machine's time with the last measured offset (none measured: this machine's). */
  now(): number {
    return this.at(Date.now());
  }

  /** DigiCert's time at a moment of this machine's clock. */
  at(localMs: number): number {
    return localMs + (this.#offsetMs ?? 0);
  }
}

const CLOCKS = new Map<string, ServerClock>();

/** One clock per DigiCert API (base URL) and process: every client of the process shares what any answer showed. */
export function sharedServerClock(baseUrl: string): ServerClock {
  let clock = CLOCKS.get(baseUrl);
  if (clock === undefined) {
    clock = new ServerClock();
    CLOCKS.set(baseUrl, clock);
  }
  return clock;
}
