// The journal's folder read whole once and kept while unchanged (Journal.all): what
// another process writes or removes afterwards is seen at the next call, also when it
// lands right after the read.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import { join } from "node:path";
import { Journal, type JournalEntry } from "../../provider/exactly-once/journal";

const entry = (owner: string, orderId: number): JournalEntry => ({ owner, what: "order", fingerprint: `f-${owner}`, startedAt: Date.now(), state: "answered", orderId });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let dir: string;
beforeEach(() => {
  dir = join(fs.mkdtempSync(join(os.tmpdir(), "journal-snapshot-")), "journal");
  fs.mkdirSync(dir, { mode: 0o700 });
});
afterEach(() => fs.rmSync(join(dir, ".."), { recursive: true, force: true }));

/** Another process writing a record through its own Journal: nothing shared in memory. */
function writeFromAnotherProcess(e: JournalEntry): void {
  const script = `const { Journal } = require(${JSON.stringify(join(__dirname, "..", "..", "provider", "exactly-once", "journal.ts"))}); new Journal(${JSON.stringify(dir)}).write(${JSON.stringify(e)});`;
  const r = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], { cwd: join(__dirname, "..", ".."), encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
}

const ids = (j: Journal) => j.all().map((e) => e.orderId).sort();

test("a record another process writes after the folder was read is seen at the next read", async () => {
  const j = new Journal(dir);
  j.write(entry("p/s/ClientCertificateOrder/a", 1));
  await sleep(150);
  expect(ids(j)).toEqual([1]);
  expect(ids(j)).toEqual([1]);
  writeFromAnotherProcess(entry("p/s/ClientCertificateOrder/b", 2));
  expect(ids(j)).toEqual([1, 2]);
});

test("reads right after each write, and a removal through another Journal, see every change", () => {
  const j = new Journal(dir);
  for (let i = 1; i <= 20; i++) {
    // Read right after a write, then write again at once (within a clock tick where its timestamps are coarse).
    expect(ids(j)).toHaveLength(i - 1);
    j.write(entry(`p/s/ClientCertificateOrder/r${i}`, i));
  }
  expect(ids(j)).toHaveLength(20);
  new Journal(dir).forget("p/s/ClientCertificateOrder/r7");
  expect(ids(j)).not.toContain(7);
  expect(ids(j)).toHaveLength(19);
});
