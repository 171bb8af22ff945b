// The engine killed (kill -9 of its process group) at seeded random points of an `up`
// of 12 orders, an `up` of reissues and a `destroy`, several times each, every kill
// followed by the recovery docs/interrupted-runs.md tells users to run:
//     pulumi cancel (when the stack is locked); pulumi refresh --clear-pending-creates --yes
// then the operation again; and, when a command of it says `failed to load checkpoint:
// EOF` (the local backend's metadata sidecar left empty by the kill: sidecars.ts), the
// removal of the empty sidecars that page documents, then that command again.
// DigiCert's state (the simulator's) is audited against `pulumi stack export` after each
// operation: nothing placed twice, nothing orphaned, no pending operation left. The
// figures are printed as the table in the docs.
import * as path from "node:path";
import type { FaultSpec } from "../../../simulator/types";
import { pulumiPath } from "../../../engine/engine-env";
import { EngineFixture, ROOT, typescriptProgram, type OrderInfo, type TestSimulator } from "../support/fixture";
import { killAll, run, start, type Run } from "../support/processes";
import { EMPTY_SIDECAR, removeEmptySidecars } from "../support/sidecars";

jest.setTimeout(9 * 60_000);

// The CLI `make engine` recorded, run directly: a process the test can kill.
const PULUMI = pulumiPath(ROOT);
const KEY = "crash-suite-key";
// The suite's own reads of the simulator use a key of their own: CertCentral's limits are
// per key, so they neither spend the provider's budget nor get a 429 when a run has spent it.
const INSPECT_KEY = "crash-suite-inspector";
const COUNT = 12;
const KILLS = 3;
const SEED = Number(process.env["CRASH_SEED"] ?? 1313);
const CSR = path.join(ROOT, "test/fixtures/csr/lock-cole.csr.pem");
const ORDER_POST = /^\/order\/certificate\/client_premium_sha2$/;
const REISSUE_POST = /^\/order\/certificate\/\d+\/reissue$/;
const REVOKE_PUT = /^\/certificate\/\d+\/revoke$/;
/** Latency of every request during an interrupted destroy, ms. */
const PACE_MS = 300;
const ENDED = new Set(["revoked", "canceled", "rejected", "expired"]);

/** mulberry32: the same kill points on every run of a seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(SEED);
const pick = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

const PROGRAM = `
import * as fs from "fs";
import * as digicert from "pulumi-digicert";
const count = Number(process.env.CRASH_COUNT);
const reissue = process.env.CRASH_REISSUE === "1";
const csr = fs.readFileSync(process.env.CRASH_CSR!, "utf8");
for (let i = 0; i < count; i++) {
  const commonName = "Crash User " + i;
  const order = new digicert.ClientCertificateOrder("user-" + i, {
    productId: "client_premium_sha2",
    certificate: { commonName, emails: ["user" + i + "@example.com"], signatureHash: "sha256" },
    organizationId: 112233,
    validityYears: 1,
    skipApproval: true,
    paymentMethod: "balance",
    revocationComments: "crash suite",
  });
  if (reissue) {
    new digicert.CertificateReissue("user-" + i + "-rotation", {
      orderId: order.orderId,
      certificate: { commonName, csr, signatureHash: "sha256" },
      comments: "key rotation",
      skipApproval: true,
    });
  }
}
`;

interface Row {
  operation: string;
  kills: number;
  placed: number;
  held: number;
  twice: number;
  orphaned: number;
  pendingLeft: number;
  recoverySteps: number;
  /** Empty stack-file sidecars removed (each after `failed to load checkpoint: EOF`), and which. */
  sidecars: string[][];
}

const fx = new EngineFixture();
let sim: TestSimulator;
let backendDir: string;
let workDir: string;
let env: Record<string, string>;
const rows: Row[] = [];

beforeAll(async () => {
  sim = await fx.simulator({ apiKeys: [KEY, INSPECT_KEY], readKey: INSPECT_KEY, settings: { autoApprove: true, autoApproveRevoke: false, issueDelayMs: 1500 } });
  // The stack is only made here; every command after is the CLI itself, run detached so that it can be killed.
  const es = await fx.stack({
    name: "dev",
    program: typescriptProgram("crash", PROGRAM),
    passphrase: "crash",
    env: {
      DIGICERT_API_KEY: KEY,
      DIGICERT_BASE_URL: sim.baseUrl,
      DIGICERT_JOURNAL_DIR: path.join(fx.tempDir("crash-journal"), "journal"),
      DIGICERT_WAIT_FOR_ISSUANCE_SECONDS: "20",
      DIGICERT_ORDER_LOOKUP_SECONDS: "5",
      CRASH_COUNT: String(COUNT),
      CRASH_REISSUE: "0",
      CRASH_CSR: CSR,
    },
  });
  ({ workDir, backendDir, env } = es);
});

afterAll(async () => {
  await fx.close();
  // eslint-disable-next-line no-console
  console.log(`crash suite (seed ${SEED}):\n${table(rows)}`);
});

function pulumi(args: string[]) {
  return run(PULUMI, args, workDir, env);
}

interface Counter {
  steps: number;
  /** The empty sidecars each `failed to load checkpoint: EOF` was met with, removed as documented. */
  sidecars: string[][];
}

/**
 * A command of the recovery, with the steps docs/interrupted-runs.md adds when it fails
 * for the reasons a kill leaves behind: a stack file's sidecar cut to nothing (remove
 * the empty sidecars) and a locked stack (`pulumi cancel`), each then the command again.
 */
async function step(args: string[], counter: Counter): Promise<{ code: number | null; out: string }> {
  counter.steps++;
  let r = await readable(args, counter);
  if (r.code !== 0 && /locked/i.test(r.out)) {
    counter.steps++;
    const c = await readable(["cancel", "--yes", "--non-interactive"], counter);
    if (c.code !== 0) throw new Error(`pulumi cancel failed:\n${c.out}`);
    r = await readable(args, counter);
  }
  return r;
}

/** The command; when it cannot read the stack because a sidecar is empty, the documented removal, then the command again. */
async function readable(args: string[], counter: Counter): Promise<{ code: number | null; out: string }> {
  const r = await pulumi(args);
  if (r.code === 0 || !EMPTY_SIDECAR.test(r.out)) return r;
  // The documented step applies only when there is an empty sidecar: otherwise it is another failure.
  const removed = removeEmptySidecars(backendDir);
  if (removed.length === 0) throw new Error(`pulumi ${args.join(" ")} failed, and no empty sidecar explains it:\n${r.out}`);
  counter.steps++;
  counter.sidecars.push(removed);
  return pulumi(args);
}

/** How far a run got: a count that grows as it goes, from the simulator or from the engine's own output. */
type Progress = (run: Run, requestsBefore: number) => Promise<number>;

/** Requests matching `method` and `what` that reached DigiCert during the run (its answer sent, or lost). */
const requestsOf =
  (method: string, what: RegExp): Progress =>
  async (_run, before) =>
    (await sim.admin.requests()).slice(before).filter((q) => q.method === method && what.test(q.path)).length;

/** Deletes the engine started during the run (" -  <type> <name> deleting (0s)"), each resource once. */
const deletesStarted: Progress = async (run) => new Set([...run.output().matchAll(/^ -\s+(\S+ \S+) deleting \(/gm)].map((m) => m[1])).size;

/**
 * Starts the operation and kills the engine's process group once its progress reached
 * `seen`, plus a delay. True when the kill found the run still going (a kill that came
 * after the run ended is not counted).
 */
async function killedRun(args: string[], progress: Progress, seen: number, delayMs: number): Promise<boolean> {
  const before = (await sim.admin.requests()).length;
  const r = start(PULUMI, [...args, "--yes", "--skip-preview", "--non-interactive"], workDir, env);
  let finished = false;
  void r.done.then(() => (finished = true));
  for (;;) {
    if (finished) break;
    if ((await progress(r, before)) >= seen) break;
    await new Promise((res) => setTimeout(res, 25));
  }
  await new Promise((res) => setTimeout(res, delayMs));
  const killed = !finished;
  await killAll(r, workDir);
  return killed;
}

async function simOrders(): Promise<OrderInfo[]> {
  // An empty List orders page has no `orders` key, as DigiCert answers it.
  const list = await sim.api<{ orders?: { id: number }[] }>("GET", "/order/certificate?limit=1000");
  return Promise.all((list.orders ?? []).map((o) => sim.order(o.id)));
}

interface Exported {
  deployment: { resources?: { type: string; id?: string; outputs?: Record<string, unknown> }[]; pending_operations?: unknown[] };
}

async function exported(): Promise<Exported> {
  const r = await pulumi(["stack", "export"]);
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as Exported;
}

const ofType = (e: Exported, kind: string) => (e.deployment.resources ?? []).filter((r) => r.type === `pulumi-nodejs:dynamic/digicert:${kind}`);

/** What an operation's kills aim at. */
interface Aim {
  /** The DigiCert request whose answer the second kill's run loses (it reaches DigiCert; the provider looks for what it did). */
  lost: { method: string; what: RegExp };
  /** How far a run got, and how far the operation has still to go (`seen` is picked in 1..left). */
  progress: Progress;
  left: () => Promise<number>;
  /** The longest delay after `seen` before the kill, ms. */
  maxDelayMs: number;
  /** Faults that slow the killed runs down, so that kills land between resources and while requests are in flight. */
  pace?: FaultSpec[];
}

/** One operation: `kills` interrupted runs, each followed by the recovery, then the operation run to its end. */
async function interrupted(args: string[], aim: Aim, counter: Counter): Promise<number> {
  let kills = 0;
  for (let k = 0; k < KILLS; k++) {
    // Among the progress still to come, so that each kill lands inside the run.
    const left = await aim.left();
    const seen = left > 0 ? pick(1, left) : 0;
    const lostAnswer = k === 1;
    const faults: FaultSpec[] = [];
    if (lostAnswer) {
      // DigiCert does it, the answer never comes: the kill lands while the provider looks for it.
      faults.push({ method: aim.lost.method, path: aim.lost.what.source, kind: "reset", when: "after", times: 1 });
      faults.push({ method: "GET", path: "^/order/certificate$", kind: "latency", latencyMs: 2000, times: 3 });
    }
    faults.push(...(aim.pace ?? []));
    if (faults.length > 0) await sim.admin.addFaults(faults);
    if (await killedRun(args, aim.progress, seen, pick(0, aim.maxDelayMs))) kills++;
    if (faults.length > 0) await sim.admin.clearFaults();
    const r = await step(["refresh", "--clear-pending-creates", "--yes", "--skip-preview", "--non-interactive"], counter);
    if (r.code !== 0) throw new Error(`pulumi refresh --clear-pending-creates after kill ${k + 1} failed:\n${r.out}`);
  }
  const last = await step([...args, "--yes", "--skip-preview", "--non-interactive"], counter);
  if (last.code !== 0) throw new Error(`the operation after the recovery failed:\n${last.out}`);
  return kills;
}

test("up of 12 orders, killed at seeded points: each order placed once, all held", async () => {
  const counter: Counter = { steps: 0, sidecars: [] };
  const kills = await interrupted(
    ["up"],
    { lost: { method: "POST", what: ORDER_POST }, progress: requestsOf("POST", ORDER_POST), left: async () => COUNT - (await simOrders()).length, maxDelayMs: 1500 },
    counter,
  );
  const state = await exported();
  const orders = await simOrders();
  const held = new Set(ofType(state, "ClientCertificateOrder").map((r) => Number(r.id)));
  const perName = new Map<string, number>();
  for (const o of orders) perName.set(o.certificate.common_name ?? "", (perName.get(o.certificate.common_name ?? "") ?? 0) + 1);
  const row: Row = {
    operation: `up (${COUNT} orders)`,
    kills,
    placed: orders.length,
    held: held.size,
    twice: [...perName.values()].reduce((n, c) => n + Math.max(0, c - 1), 0),
    orphaned: orders.filter((o) => !held.has(o.id) && !ENDED.has(o.status)).length,
    pendingLeft: state.deployment.pending_operations?.length ?? 0,
    recoverySteps: counter.steps,
    sidecars: counter.sidecars,
  };
  rows.push(row);
  expect(row).toMatchObject({ placed: COUNT, held: COUNT, twice: 0, orphaned: 0, pendingLeft: 0 });
  expect(kills).toBeGreaterThanOrEqual(2);
});

test("up of reissues, killed at seeded points: each order reissued once", async () => {
  env = { ...env, CRASH_REISSUE: "1" };
  const counter: Counter = { steps: 0, sidecars: [] };
  const reissued = async () => (await simOrders()).filter((o) => o.requests.some((q) => q.type === "reissue")).length;
  const kills = await interrupted(
    ["up"],
    { lost: { method: "POST", what: REISSUE_POST }, progress: requestsOf("POST", REISSUE_POST), left: async () => COUNT - (await reissued()), maxDelayMs: 1500 },
    counter,
  );
  const state = await exported();
  const orders = await simOrders();
  const reissues = ofType(state, "CertificateReissue");
  const perOrder = orders.map((o) => o.requests.filter((q) => q.type === "reissue").length);
  const row: Row = {
    operation: `up (${COUNT} reissues)`,
    kills,
    placed: perOrder.reduce((a, b) => a + b, 0),
    held: reissues.length,
    twice: perOrder.reduce((n, c) => n + Math.max(0, c - 1), 0),
    orphaned: orders.filter((o) => !reissues.some((r) => Number(r.id) === o.id) && o.requests.some((q) => q.type === "reissue")).length,
    pendingLeft: state.deployment.pending_operations?.length ?? 0,
    recoverySteps: counter.steps,
    sidecars: counter.sidecars,
  };
  rows.push(row);
  expect(row).toMatchObject({ placed: COUNT, held: COUNT, twice: 0, orphaned: 0, pendingLeft: 0 });
  expect(kills).toBeGreaterThanOrEqual(2);
});

test("destroy, killed at seeded points: every certificate's revoke requested once, nothing left", async () => {
  const counter: Counter = { steps: 0, sidecars: [] };
  // Aimed at the engine's deletes, not at the revokes: 8 deletes run at once, so the
  // first interrupted destroy has sent nearly every revoke, and the next ones only read
  // orders (their revokes are pending) before the engine drops them from the stack.
  // Every request answers PACE_MS late and the kill comes within PACE_MS of the seen-th
  // delete's start: while deletes are in flight, some done and some not begun.
  const inState = async () => {
    const e = await exported();
    return ofType(e, "ClientCertificateOrder").length + ofType(e, "CertificateReissue").length;
  };
  const kills = await interrupted(
    ["destroy"],
    {
      lost: { method: "PUT", what: REVOKE_PUT },
      progress: deletesStarted,
      left: inState,
      maxDelayMs: PACE_MS,
      pace: [{ kind: "latency", latencyMs: PACE_MS, times: -1 }],
    },
    counter,
  );
  const state = await exported();
  const orders = await simOrders();
  const revokes = orders.map((o) => o.requests.filter((q) => q.type === "revoke").length);
  const row: Row = {
    operation: `destroy (${COUNT} orders, ${COUNT} reissues)`,
    kills,
    placed: revokes.reduce((a, b) => a + b, 0),
    held: ofType(state, "ClientCertificateOrder").length,
    twice: revokes.reduce((n, c) => n + Math.max(0, c - 1), 0),
    // An order left without a revoke (or ended) when no resource holds it any more.
    orphaned: orders.filter((o, i) => revokes[i] === 0 && !ENDED.has(o.status)).length,
    pendingLeft: state.deployment.pending_operations?.length ?? 0,
    recoverySteps: counter.steps,
    sidecars: counter.sidecars,
  };
  rows.push(row);
  expect(row).toMatchObject({ placed: COUNT, held: 0, twice: 0, orphaned: 0, pendingLeft: 0 });
  expect(kills).toBeGreaterThanOrEqual(2);
});

function table(rs: Row[]): string {
  const head = "| operation | kills | orders/requests placed | held in state | placed twice | orphaned | pending operations left | recovery steps | empty sidecars removed |";
  const sep = "| --- | --: | --: | --: | --: | --: | --: | --: | --: |";
  const line = (r: Row) =>
    `| ${r.operation} | ${r.kills} | ${r.placed} | ${r.held} | ${r.twice} | ${r.orphaned} | ${r.pendingLeft} | ${r.recoverySteps} | ${r.sidecars.length} |`;
  const removed = rs.flatMap((r) => r.sidecars.map((files) => `${r.operation}: removed ${files.join(", ")}`));
  return [head, sep, ...rs.map(line), ...removed].join("\n");
}
