// 200 resources in one `up`, against a simulator enforcing CertCentral's published
// limits (1000 requests per 3 minutes and 100 per 5 seconds per key): every resource
// is created, no request is refused, and the simulator's request log, counted over
// every rolling window, never exceeds a limit.
import type { RecordedRequest } from "../../../simulator";
import { publish } from "../../support/figures";
import { audit } from "../support/audit";
import { EngineFixture, type EngineStack, type OpRecord, type TestSimulator } from "../support/fixture";
import { leaks, stateLeaks } from "../support/key-leaks";
import { RELIABILITY_PROGRAM } from "../support/reliability-program";

jest.setTimeout(15 * 60_000);

const KEY = "concurrency-key-4b8e1d";
const ORDERS = 100; // each with its CT status: 200 resources
const LIMITS = [
  { limit: 1000, windowMs: 180_000 },
  { limit: 100, windowMs: 5_000 },
];

/** The most requests any rolling window of `windowMs` saw. */
function busiestWindow(log: RecordedRequest[], windowMs: number): number {
  const at = log.map((r) => r.at).sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < at.length; end++) {
    while (at[end]! - at[start]! >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

const fx = new EngineFixture();
let sim: TestSimulator;
let es: EngineStack;
let up: OpRecord;
let upLog: RecordedRequest[];
let upSeconds: number;

beforeAll(async () => {
  sim = await fx.simulator({ apiKeys: [KEY], settings: { rateLimits: LIMITS } });
  es = await fx.stack({
    name: "concurrency",
    program: RELIABILITY_PROGRAM,
    sim,
    config: { "digicert:waitForIssuanceSeconds": { value: "5" }, orders: { value: String(ORDERS) }, tag: { value: "C200" } },
  });
  const started = Date.now();
  up = await es.run("up");
  upSeconds = Math.round((Date.now() - started) / 1000);
  upLog = await sim.admin.requests();
});

afterAll(async () => {
  await sim.admin.clearRequests();
  const destroy = await es.run("destroy");
  const destroyLog = await sim.admin.requests();
  await fx.close();
  if (upLog) {
    publish("concurrency", "200 resources in one up, CertCentral's rate limits enforced by the simulator", [
      {
        resources: up.attempted,
        "created": up.ops["create"] ?? 0,
        failed: up.failed.length,
        "API requests": upLog.length,
        "busiest 5 s window (limit 100)": busiestWindow(upLog, 5_000),
        "busiest 3 min window (limit 1000)": busiestWindow(upLog, 180_000),
        "429 answers": upLog.filter((r) => r.status === 429).length,
        "up wall time": `${upSeconds} s`,
        "destroy right after: 429 answers (retried)": `${destroyLog.filter((r) => r.status === 429).length}${destroy.ok ? "" : " (destroy failed)"}`,
      },
    ]);
  }
});

test("every one of the 200 resources is created, none fails", () => {
  expect(up.ok).toBe(true);
  expect(up.failed).toEqual([]);
  expect(up.ops).toEqual({ create: ORDERS * 2 });
});

test("no request is refused with 429, and no rolling window exceeds CertCentral's limits", () => {
  expect(upLog.filter((r) => r.status === 429)).toEqual([]);
  expect(upLog.every((r) => r.status >= 200 && r.status < 300)).toBe(true);
  for (const { limit, windowMs } of LIMITS) expect({ windowMs, most: busiestWindow(upLog, windowMs) <= limit }).toEqual({ windowMs, most: true });
  // The 5 s limit really bound: more requests than one window allows went through.
  expect(upLog.length).toBeGreaterThan(100);
});

test("DigiCert holds exactly one order per declared order, all in state", async () => {
  const a = await audit(sim, es, "C200", "settled");
  expect(a).toEqual({ placedTwice: 0, lost: [], ordersInDigiCert: ORDERS, ordersInState: ORDERS });
});

test("the API key appears in no output of the up, nor in state or any serialized provider", async () => {
  expect(leaks(up.text, KEY)).toEqual([]);
  expect(await stateLeaks(es, KEY)).toEqual([]);
});
