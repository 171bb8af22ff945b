// A record, on this machine's disk, of every order or reissue POST: written (and
// flushed) before the POST and again after its answer, keyed by the resource it is for
// (the SDK's hidden owner input: project/stack/kind/name). If the engine dies in
// between (kill -9, a cancelled CI job), its pending create is dropped by
// `pulumi refresh --clear-pending-creates`, and the next create of that resource finds
// here what the lost one placed instead of ordering again. On another machine there is
// no record: keep the folder (`digicert:journalDir`) on storage the next run sees.
import { createHash, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { z } from "zod";

export const JournalEntrySchema = z.object({
  /** The resource (the SDK's owner input) and the DigiCert API it orders from: `<baseUrl> <project/stack/kind/name>`. */
  owner: z.string(),
  /** What was posted: an order, or a reissue of an order. */
  what: z.enum(["order", "reissue"]),
  /** The request body as posted (and the order, for a reissue): the same resource declaring something else is a new request. */
  fingerprint: z.string(),
  /** When the POST was sent, ms since the epoch. */
  startedAt: z.number(),
  /** `posting`: sent, no answer recorded (it may or may not have reached DigiCert). */
  state: z.enum(["posting", "answered"]),
  /** The order id (order) or the order the reissue is on. */
  orderId: z.number().optional(),
  /** The reissue request DigiCert answered with. */
  requestId: z.number().optional(),
});
export type JournalEntry = z.infer<typeof JournalEntrySchema>;

/** The journal's folder when no setting names one: beside the engine's own state. */
export function defaultJournalDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = env["PULUMI_HOME"] !== undefined && env["PULUMI_HOME"] !== "" ? env["PULUMI_HOME"] : path.join(os.homedir(), ".pulumi");
  return path.join(home, "digicert-journal");
}

/** The journal the settings name (`digicert:journalDir`), or the default folder. */
export function journalFor(settings: { readonly journalDir?: string | undefined }): Journal {
  return new Journal(settings.journalDir ?? defaultJournalDir());
}

/** The journal's folder cannot be trusted with records that decide whether to order again. */
export class JournalFolderError extends Error {
  override name = "JournalFolderError";
}

const { O_WRONLY, O_CREAT, O_EXCL } = fs.constants;
// Not on Windows, where links in a private profile folder are not the concern.
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

export interface JournalOptions {
  /** The temporary file's random part (test seam): default 16 random hex characters. */
  readonly tmpSuffix?: () => string;
}

export class Journal {
  readonly #tmpSuffix: () => string;

  constructor(
    readonly dir: string,
    opts: JournalOptions = {},
  ) {
    this.#tmpSuffix = opts.tmpSuffix ?? (() => randomBytes(8).toString("hex"));
  }

  /**
   * Refuses a folder another user owns or others can write to: they could replace a
   * record (and make a create take their order, or order again) or plant links. None
   * yet: nothing to read, and write makes it private.
   */
  #checkFolder(): boolean {
    let st: fs.Stats;
    try {
      st = fs.statSync(this.dir);
    } catch (err) {
      if ((err as { code?: unknown }).code === "ENOENT") return false;
      throw err;
    }
    const uid = typeof process.getuid === "function" ? process.getuid() : undefined;
    const fix = `Make it private (\`chmod 700 ${this.dir}\`, owned by you) or name another folder with digicert:journalDir (DIGICERT_JOURNAL_DIR).`;
    if (!st.isDirectory()) throw new JournalFolderError(`the journal folder ${this.dir} is not a folder. ${fix}`);
    if (uid !== undefined && st.uid !== uid) {
      throw new JournalFolderError(`the journal folder ${this.dir} belongs to another user (uid ${st.uid}): its records decide whether an order is placed again, so it must be yours. ${fix}`);
    }
    if (process.platform !== "win32" && (st.mode & 0o022) !== 0) {
      throw new JournalFolderError(
        `the journal folder ${this.dir} can be written by other users (mode ${(st.mode & 0o777).toString(8)}): they could replace its records or plant links, and make a create order twice or take their order. ${fix}`,
      );
    }
    return true;
  }

  private file(owner: string): string {
    return path.join(this.dir, `${createHash("sha256").update(owner).digest("hex").slice(0, 40)}.json`);
  }

  read(owner: string): JournalEntry | undefined {
    if (!this.#checkFolder()) return undefined;
    let text: string;
    try {
      text = fs.readFileSync(this.file(owner), "utf8");
    } catch {
      return undefined;
    }
    const parsed = JournalEntrySchema.safeParse(safeJson(text));
    return parsed.success && parsed.data.owner === owner ? parsed.data : undefined;
  }

  /**
   * Written to a temporary file, flushed, then renamed: a kill leaves the old record or
   * the new, never half of one. The temporary name is random and the file is created
   * exclusively, never through a link: nothing planted in the folder is written through.
   */
  write(entry: JournalEntry): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    this.#checkFolder();
    const target = this.file(entry.owner);
    const tmp = `${target}.${this.#tmpSuffix()}.tmp`;
    const fd = fs.openSync(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600);
    try {
      fs.writeSync(fd, JSON.stringify(entry));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    try {
      fs.renameSync(tmp, target);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      throw err;
    }
  }

  /** Forgets the owner's record, if it is still the one given (the engine holds what it recorded). */
  forget(owner: string, matches: (e: JournalEntry) => boolean = () => true): void {
    const e = this.read(owner);
    if (e !== undefined && matches(e)) fs.rmSync(this.file(owner), { force: true });
  }

  /**
   * Every record: for the records of an order being deleted, and the orders a create's
   * look-back must leave to their owners. Read whole once and kept while the folder is
   * unchanged: every create and delete asks, and reading each record each time made a
   * stack's `up` cost records x resources file reads (4.7 ms a call at 151 records).
   */
  all(): JournalEntry[] {
    if (!this.#checkFolder()) return [];
    let folder: fs.Stats;
    try {
      folder = fs.statSync(this.dir);
    } catch {
      return [];
    }
    const kept = snapshots.get(this.dir);
    // Every change to the folder (a record renamed into place, a temp file, a removal)
    // moves its mtime. A snapshot taken within RACY_MS of the last change may have missed
    // a second change in the same clock tick, so it is not trusted (as git's racy index).
    if (kept !== undefined && kept.mtimeMs === folder.mtimeMs && kept.readAt - folder.mtimeMs > RACY_MS) return [...kept.entries];
    const readAt = Date.now();
    let names: string[];
    try {
      names = fs.readdirSync(this.dir).filter((n) => n.endsWith(".json"));
    } catch {
      return [];
    }
    const out: JournalEntry[] = [];
    for (const n of names) {
      let text = "";
      try {
        text = fs.readFileSync(path.join(this.dir, n), "utf8");
      } catch {
        continue;
      }
      const parsed = JournalEntrySchema.safeParse(safeJson(text));
      if (parsed.success) out.push(parsed.data);
    }
    snapshots.set(this.dir, { mtimeMs: folder.mtimeMs, readAt, entries: out });
    return [...out];
  }
}

/** A folder's records as last read whole, with its mtime then (Journal.all). */
const snapshots = new Map<string, { mtimeMs: number; readAt: number; entries: JournalEntry[] }>();
// Folder timestamps advance by the kernel's clock tick (a few ms): two changes within
// one tick leave one mtime. Larger than any tick, so a snapshot taken after it is whole.
const RACY_MS = 100;

/** The orders (or reissue requests) these records name: each one is its owner's. */
export function recordedIds(entries: readonly JournalEntry[], what: JournalEntry["what"]): Set<number> {
  const ids = new Set<number>();
  for (const e of entries) {
    const id = what === "order" ? e.orderId : e.requestId;
    if (e.what === what && id !== undefined) ids.add(id);
  }
  return ids;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
