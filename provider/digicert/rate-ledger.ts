// One rate budget per machine. CertCentral counts a key's requests over rolling windows
// whoever sends them; each `pulumi up` runs its own provider process, so three stacks
// run at once from one runner, each limiting itself to the key's whole budget, send
// three times it. This ledger is a small file per key and base URL that every process on
// the machine reads and writes under a lock: the grant times of the key's requests over
// its longest window, and until when CertCentral has said the key is spent. Across
// machines nothing is shared; a 429 is then waited out (transport.ts).
//
// The file is named by a hash of the base URL and key, never the key, and holds only
// times. The clock is the wall clock (processes share no other); a jump of it can open
// or close a window early, which at worst costs a 429 that is waited out.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { LOCK_RETRY_MS, withFileLock } from "./file-lock";
import type { RateWindow } from "./rate-limiter";

const LedgerSchema = z.object({
  /** When answered requests were answered (ms since the epoch), ascending, within the longest window. */
  stamps: z.array(z.number()),
  /** Grant times of requests sent and not yet answered. */
  open: z.array(z.number()).optional(),
  /** CertCentral answered 429: no process here sends before this time. */
  spentUntil: z.number().optional(),
});
type LedgerState = z.infer<typeof LedgerSchema>;

// A request still unanswered this long after its grant belongs to a process that died
// (the client's timeout is 30 s per attempt): it no longer counts.
const OPEN_MAX_MS = 90_000;

/** The ledger's file name: base URL and key hashed together, so neither is on disk. */
export function ledgerFileName(baseUrl: string, apiKey: string): string {
  const keyDigest = createHash("sha256").update(apiKey, "utf8").digest("hex");
  const digest = createHash("sha256").update(`${baseUrl.replace(/\/+$/, "")}\n${keyDigest}`, "utf8").digest("hex");
  return `${digest.slice(0, 32)}.json`;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class RateLedger {
  readonly file: string;
  readonly #lock: string;
  readonly #now: () => number;
  // One request of this process at a time asks the file, in arrival order: the others
  // wait in memory rather than all polling the lock.
  #turn: Promise<unknown> = Promise.resolve();
  // What the file said at the last look: enough for wouldWait, which must not do I/O.
  #seen: LedgerState = { stamps: [] };

  constructor(dir: string, baseUrl: string, apiKey: string, now: () => number = Date.now) {
    this.file = path.join(dir, ledgerFileName(baseUrl, apiKey));
    this.#lock = `${this.file}.lock`;
    this.#now = now;
    fs.mkdirSync(dir, { recursive: true });
  }

  /**
   * Resolves, with its grant time, when a request may be sent under every window as
   * counted by every process on this machine, and no 429 said the key is spent. The
   * grant is written to the ledger before it resolves.
   */
  acquire(windows: readonly RateWindow[], onWait?: (ms: number, why: "window" | "spent") => void): Promise<number> {
    const run = this.#turn.then(() => this.#acquire(windows, onWait));
    this.#turn = run.catch(() => undefined);
    return run;
  }

  async #acquire(windows: readonly RateWindow[], onWait?: (ms: number, why: "window" | "spent") => void): Promise<number> {
    const horizon = Math.max(0, ...windows.map((w) => w.windowMs));
    for (;;) {
      let granted: number | undefined;
      let wait = 0;
      let why = "window" as "window" | "spent";
      await this.#locked((state) => {
        const now = this.#now();
        state.stamps = state.stamps.filter((t) => t > now - horizon);
        state.open = (state.open ?? []).filter((t) => t > now - OPEN_MAX_MS);
        const spent = (state.spentUntil ?? 0) - now;
        const full = delay(counted(state, now), windows, now);
        wait = Math.max(spent, full);
        why = spent >= full ? "spent" : "window";
        if (wait <= 0) {
          state.open.push(now);
          granted = now;
        }
        return true;
      });
      if (granted !== undefined) return granted;
      onWait?.(wait, why);
      // Requests in flight free their slots when answered, sooner than a whole window:
      // look again after a fraction of the shortest one. A little jitter, so that
      // processes woken by one freed slot do not all meet at the lock.
      const shortest = Math.min(...windows.map((w) => w.windowMs));
      const nap = why === "spent" ? wait : Math.min(wait, Math.max(5, shortest / 8));
      await sleep(Math.ceil(nap) + Math.floor(Math.random() * LOCK_RETRY_MS * 5));
    }
  }

  /**
   * Moves a grant to when its answer came, as RateLimiter.settle does in memory: the
   * server counted the request somewhere between the two, and counting it from the
   * grant lets a later request reach the server inside the window.
   */
  async settle(grantedAt: number): Promise<void> {
    await this.#locked((state) => {
      const open = state.open ?? [];
      const i = open.lastIndexOf(grantedAt);
      if (i < 0) return false;
      open.splice(i, 1);
      state.open = open;
      insertSorted(state.stamps, Math.max(this.#now(), grantedAt));
      return true;
    });
  }

  /** CertCentral answered 429: every process here holds its requests until `until`. */
  async spend(until: number): Promise<void> {
    await this.#locked((state) => {
      if ((state.spentUntil ?? 0) >= until) return false;
      state.spentUntil = until;
      return true;
    });
  }

  /** From the last look at the file, without I/O: whether a request asking now would wait. */
  wouldWait(windows: readonly RateWindow[]): boolean {
    const now = this.#now();
    return (this.#seen.spentUntil ?? 0) > now || delay(counted(this.#seen, now), windows, now) > 0;
  }

  /** Runs `change` on the ledger under the lock; writes it back when `change` says it changed. */
  async #locked(change: (state: LedgerState) => boolean): Promise<void> {
    await withFileLock(this.#lock, () => {
      const state = this.#read();
      if (change(state)) this.#write(state);
      this.#seen = state;
    });
  }

  #read(): LedgerState {
    let text: string;
    try {
      text = fs.readFileSync(this.file, "utf8");
    } catch {
      return { stamps: [] };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { stamps: [] };
    }
    const parsed = LedgerSchema.safeParse(json);
    return parsed.success ? { ...parsed.data, stamps: [...parsed.data.stamps].sort((a, b) => a - b) } : { stamps: [] };
  }

  // Written aside and renamed into place: a process killed mid-write leaves the old file whole.
  #write(state: LedgerState): void {
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(state));
    fs.renameSync(tmp, this.file);
  }
}

/**
 * The times each window counts: answered requests at their answer, and requests still in
 * flight as if answered now, since CertCentral counts them from when they arrive, which
 * may be any time until the answer.
 */
function counted(state: LedgerState, now: number): number[] {
  const open = (state.open ?? []).filter((t) => t > now - OPEN_MAX_MS);
  return open.length === 0 ? state.stamps : [...state.stamps, ...open.map(() => now)];
}

/** How long until a request fits under every window, given the times counted (ascending). */
function delay(stamps: readonly number[], windows: readonly RateWindow[], now: number): number {
  let wait = 0;
  for (const w of windows) {
    const inWindow = stamps.filter((t) => t > now - w.windowMs).length;
    if (inWindow >= w.limit) {
      const blocking = stamps[stamps.length - w.limit] ?? now;
      wait = Math.max(wait, blocking + w.windowMs - now);
    }
  }
  return wait;
}

function insertSorted(stamps: number[], t: number): void {
  let i = stamps.length;
  while (i > 0 && (stamps[i - 1] ?? 0) > t) i--;
  stamps.splice(i, 0, t);
}

const REGISTRY = Symbol.for("pulumi-digicert.rate-ledgers.v1");

/** The process-wide ledger for this folder, base URL and key (one queue per file). */
export function sharedRateLedger(dir: string, baseUrl: string, apiKey: string): RateLedger {
  const g = globalThis as typeof globalThis & { [REGISTRY]?: Map<string, RateLedger> };
  const map = (g[REGISTRY] ??= new Map());
  const id = path.join(path.resolve(dir), ledgerFileName(baseUrl, apiKey));
  let ledger = map.get(id);
  if (ledger === undefined) {
    ledger = new RateLedger(dir, baseUrl, apiKey);
    map.set(id, ledger);
  }
  return ledger;
}
