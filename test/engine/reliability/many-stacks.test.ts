// Many stacks, one API key (#33): three stacks of N orders, each with its OrderCtStatus,
// all configured with the same key, run at once through the real engine against one
// simulator, as three pipelines on one runner do: the same journal folder, so their
// provider processes share the key's budget through the ledger beside it. The
// simulator's windows are DigiCert's scaled by 0.1 (100 per 0.5 s, 1000 per 18 s) and
// the providers count the same (DIGICERT_TEST_RATE_LIMITS). Every up and destroy must
// succeed, DigiCert must hold exactly 3N orders, each revoked on destroy, none placed
// twice, and any 429 must have been waited out.
import * as path from "path";
import { rateLimitFloorSeconds } from "../../../bench/rate-limit-floor";
import { scaledRateLimits, type RecordedRequest } from "../../../simulator";
import { publish } from "../../support/figures";
import { EngineFixture, type EngineStack, type OpRecord, type TestSimulator } from "../support/fixture";
import { RELIABILITY_PROGRAM } from "../support/reliability-program";

// DigiCert's windows × SCALE: 0.1 in `make test` (100 per 0.5 s, 1000 per 18 s); 1, the
// real windows, in `make bench-many-stacks` (MANY_STACKS_SCALE=1), where the 3-minute
// window binds and the run takes about as long as its rate-limit floor.
const SCALE = Number(process.env["MANY_STACKS_SCALE"] ?? "0.1");
if (!(SCALE > 0 && SCALE <= 1)) throw new Error(`MANY_STACKS_SCALE must be a number in (0, 1], got ${process.env["MANY_STACKS_SCALE"]}`);
// Three stacks of 300 resources each, twice over, through three engines on two cores;
// with the real windows, each 1000 requests beyond the first cost 3 minutes more.
jest.setTimeout((SCALE < 1 ? 25 : 60) * 60_000);

const KEY = "many-stacks-key-7c2f90";
const STACKS = 3;
// The figure: three stacks of 150 orders, each with its CT status.
const ORDERS = 150;
const WINDOWS = scaledRateLimits(SCALE);
const CLIENT_WINDOWS = WINDOWS.map((w) => `${w.limit}/${w.windowMs}`).join(",");

/** The most requests any rolling window of `windowMs` admitted. */
function busiestWindow(log: readonly RecordedRequest[], windowMs: number): number {
  const at = log.map((r) => r.at).sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < at.length; end++) {
    while (at[end]! - at[start]! >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

interface Phase {
  ops: OpRecord[];
  seconds: number;
  log: RecordedRequest[];
}

const fx = new EngineFixture();
let sim: TestSimulator;
const stacks: { es: EngineStack; tag: string }[] = [];
let up: Phase;
let destroy: Phase;

/** The operation on every stack at once; its wall time and the requests the simulator saw meanwhile. */
async function atOnce(kind: "up" | "destroy"): Promise<Phase> {
  await sim.admin.clearRequests();
  const started = Date.now();
  const ops = await Promise.all(stacks.map((s) => s.es.run(kind)));
  const seconds = (Date.now() - started) / 1000;
  return { ops, seconds, log: await sim.admin.requests() };
}

beforeAll(async () => {
  sim = await fx.simulator({ apiKeys: [KEY], settings: { rateLimits: WINDOWS } });
  // One runner: one journal folder for the three, so one rate-limit ledger beside it.
  const runner = fx.tempDir("runner");
  for (let i = 0; i < STACKS; i++) {
    const tag = `M${i}`;
    const es = await fx.stack({
      name: `many${i}`,
      program: RELIABILITY_PROGRAM,
      sim,
      config: {
        "digicert:journalDir": { value: path.join(runner, "digicert-journal") },
        orders: { value: String(ORDERS) },
        tag: { value: tag },
      },
      env: { DIGICERT_TEST_RATE_LIMITS: CLIENT_WINDOWS },
    });
    stacks.push({ es, tag });
  }
  up = await atOnce("up");
  destroy = await atOnce("destroy");
});

afterAll(async () => {
  await fx.close();
  if (!up || !destroy) return;
  const row = (name: string, p: Phase) => {
    const admitted = p.log.filter((r) => r.status !== 429);
    const floor = rateLimitFloorSeconds(admitted.length, WINDOWS);
    return {
      operation: `${STACKS} × ${name} at once, ${ORDERS} orders + CT status each`,
      succeeded: `${p.ops.filter((o) => o.ok).length} of ${STACKS}`,
      "API requests": admitted.length,
      "429 answers (waited out)": `${p.log.filter((r) => r.status === 429).length} (${p.ops.reduce((n, o) => n + o.rateLimitWaits, 0)})`,
      [`busiest ${WINDOWS[1]!.windowMs / 1000} s window (limit ${WINDOWS[1]!.limit})`]: busiestWindow(admitted, WINDOWS[1]!.windowMs),
      [`busiest ${WINDOWS[0]!.windowMs / 1000} s window (limit ${WINDOWS[0]!.limit})`]: busiestWindow(admitted, WINDOWS[0]!.windowMs),
      "combined time": `${p.seconds.toFixed(0)} s`,
      "rate-limit floor": `${floor.toFixed(1)} s`,
    };
  };
  const title = SCALE === 1 ? "Three stacks, one key, at once; DigiCert's windows" : `Three stacks, one key, at once; DigiCert's windows × ${SCALE}`;
  publish(SCALE === 1 ? "many-stacks-real-windows" : "many-stacks", title, [row("up", up), row("destroy", destroy)]);
});

test("every up and every destroy succeeds", () => {
  for (const p of [up, destroy]) {
    for (const o of p.ops) expect({ kind: o.kind, ok: o.ok, error: o.error, failed: o.failed }).toEqual({ kind: o.kind, ok: true, error: undefined, failed: [] });
  }
  for (const o of up.ops) expect(o.ops).toEqual({ create: ORDERS * 2 });
  for (const o of destroy.ops) expect(o.ops).toEqual({ delete: ORDERS * 2 });
});

test("DigiCert holds exactly 3N orders, none placed twice, each revoked (or its revoke requested) after destroy", async () => {
  const state = await sim.state();
  const ours = state.orders.filter((o) => stacks.some((s) => o.requested.commonName.startsWith(`${s.tag} `)));
  expect(ours.length).toBe(STACKS * ORDERS);
  expect(new Set(ours.map((o) => o.requested.commonName)).size).toBe(STACKS * ORDERS);
  const revokeRequested = (certificateId: number | undefined) =>
    state.requests.some((r) => r.type === "revoke" && r.certificateId === certificateId && r.status !== "rejected");
  const notRevoked = ours.filter((o) => o.status !== "revoked" && !revokeRequested(o.certificateId)).map((o) => `${o.id} ${o.status}`);
  expect(notRevoked).toEqual([]);
  for (const { es } of stacks) expect((await es.resources()).filter((r) => r.type.includes("digicert:")).map((r) => r.urn)).toEqual([]);
});

// The simulator admits nothing beyond its windows; what went beyond them is what it refused.
test("no request beyond the key's windows: the shared ledger kept the three within them, so none was refused with 429", () => {
  for (const p of [up, destroy]) {
    const refused = p.log.filter((r) => r.status === 429).length;
    expect({ kind: p.ops[0]!.kind, refused, waitsLogged: p.ops.reduce((n, o) => n + o.rateLimitWaits, 0) }).toEqual({ kind: p.ops[0]!.kind, refused: 0, waitsLogged: 0 });
  }
});
