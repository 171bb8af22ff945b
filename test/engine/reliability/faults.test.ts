// Faults through the simulator's fault injection, over real HTTP, through the real
// engine: for each fault a stack of 20 orders with their CT status and 5 reissues goes
// through up, refresh and destroy; nothing is ordered twice, nothing is lost, every
// failure is a clear error, and a second up without the fault converges.
import { CLEAR_ERROR, every, faultRun, NOTHING_PLACED_ERROR, ORDERS, UNCLEAR_ERROR, type RunResult, type Scenario } from "../support/fault-run";
import type { OpKind, TestSimulator } from "../support/fixture";
import { publish, type Row } from "../../support/figures";

jest.setTimeout(15 * 60_000);

const none = async () => {};

/** Adds `spec`-shaped bursts of `size` consecutive failures after every `gap` requests. */
function bursts(sim: TestSimulator, gap: number, size: number): () => Promise<void> {
  const statuses = [500, 502, 503];
  let seenAtLast = -1;
  let n = 0;
  return every(200, async () => {
    const seen = (await sim.admin.requests()).length;
    if (seenAtLast < 0) seenAtLast = seen;
    if (seen - seenAtLast < gap) return;
    seenAtLast = seen;
    await sim.admin.addFaults([{ kind: "status", status: statuses[n++ % statuses.length]!, times: size }]);
  });
}

/** Restarts the simulator once, after `after` requests of this operation. */
function restartAfter(sim: TestSimulator, after: number): () => Promise<void> {
  let start = -1;
  let done = false;
  return every(50, async () => {
    if (done) return;
    const seen = (await sim.admin.requests()).length;
    if (start < 0) start = seen;
    if (seen - start < after) return;
    done = true;
    await sim.restart(500);
  });
}

const SCENARIOS: Scenario[] = [
  {
    name: "429 with Retry-After: 1 on every 3rd request",
    during: async (sim) => {
      await sim.admin.addFaults([{ kind: "status", status: 429, retryAfter: 1, every: 3, times: -1 }]);
      return none;
    },
  },
  {
    name: "bursts of 3 consecutive 500/502/503 after every 12 requests",
    during: async (sim) => {
      const stop = bursts(sim, 12, 3);
      return async () => {
        await stop();
        await sim.admin.clearFaults();
      };
    },
  },
  {
    name: "5 s latency on every 6th request (client timeout 2 s)",
    timeoutSeconds: 2,
    during: async (sim) => {
      await sim.admin.addFaults([{ kind: "latency", latencyMs: 5000, every: 6, times: -1 }]);
      return none;
    },
  },
  {
    name: "connection reset after processing: every 2nd POST, every 5th other request",
    during: async (sim) => {
      await sim.admin.addFaults([
        { kind: "reset", when: "after", method: "POST", every: 2, times: -1 },
        { kind: "reset", when: "after", every: 5, times: -1 },
      ]);
      return none;
    },
  },
  {
    // DigiCert's order info carries no emails for client_authentication_plus (not S/MIME):
    // recovery matches the order by what it does carry, and places nothing twice.
    name: "lost answer of every client_authentication_plus order POST (reset after processing)",
    lostOrderPosts: /\/order\/certificate\/client_authentication_plus$/,
    during: async (sim) => {
      await sim.admin.addFaults([{ kind: "reset", when: "after", method: "POST", path: "/order/certificate/client_authentication_plus", times: -1 }]);
      return none;
    },
  },
  {
    name: "simulator restarted (down 0.5 s) mid-up, mid-refresh and mid-destroy, state file kept",
    during: async (sim, op: OpKind) => restartAfter(sim, op === "refresh" ? 12 : 25),
  },
];

const rows: Row[] = [];
const failureKinds: Row[] = [];

/** A failure's message with ids and timings blanked, so that alike failures group together. */
function kindOf(op: string, urn: string, message: string): string {
  const type = urn.split("::")[2]?.split(":").pop() ?? "?";
  const text = message.replace(/\d{6,}/g, "N").replace(/\s+/g, " ").trim();
  return `${op} ${type}: ${text.slice(0, 240)}`;
}

afterAll(() => {
  if (rows.length === 0) return;
  publish("fault-failures", "Failures seen in the fault runs, by kind", failureKinds);
  publish("faults", `Faults: ${ORDERS} orders, their CT status and reissues, through up, refresh and destroy`, rows, [
    "operations attempted, retries and failures count the faulted up, refresh and destroy; the second up runs without the fault.",
    "429s waited out: the client's waits after a 429 (the key's rate limit spent) in every operation of the run, and the seconds they announced; a 429 is refused before anything is done, so it is resent, not retried.",
    "2nd up: new orders are orders placed by the second up, only ever for creates that failed with nothing placed.",
  ]);
});

describe.each(SCENARIOS.map((s, i) => [s.name, s, i] as const))("%s", (_name, scenario, index) => {
  let r: RunResult;

  beforeAll(async () => {
    r = await faultRun(scenario, index);
    rows.push(r.row);
    const counts = new Map<string, number>();
    for (const f of r.failures) counts.set(kindOf(f.op, f.urn, f.message), (counts.get(kindOf(f.op, f.urn, f.message)) ?? 0) + 1);
    for (const [kind, count] of counts) failureKinds.push({ fault: scenario.name, count, failure: kind.replace(/\|/g, "\\|") });
  });

  test("no order placed twice, no resource lost", () => {
    for (const a of r.audits) {
      expect({ after: a.after, placedTwice: a.audit.placedTwice, lost: a.audit.lost }).toEqual({ after: a.after, placedTwice: 0, lost: [] });
    }
    expect(r.audits[0]!.audit.ordersInDigiCert).toBeLessThanOrEqual(ORDERS);
    expect(r.audits[1]!.audit).toMatchObject({ ordersInDigiCert: ORDERS, ordersInState: ORDERS });
    expect(r.leftAfterCleanup).toBe(0);
  });

  if (scenario.lostOrderPosts !== undefined) {
    test("every order whose answer was lost is adopted, none placed again", () => {
      expect(r.lostAnswers).toBeGreaterThan(0);
      expect(r.adopted).toBe(r.lostAnswers);
      expect(r.failedOrderCreates).toEqual([]);
    });
  }

  test("every failure is a clear error naming DigiCert", () => {
    for (const f of r.failures) {
      expect(f.message).toMatch(CLEAR_ERROR);
      expect(f.message).not.toMatch(UNCLEAR_ERROR);
    }
  });

  test("the second up converges: it orders only what a failed create had not placed, and then nothing changes", () => {
    // Whole objects, so that a failure shows the engine's error and the steps.
    expect({ ok: r.secondUp.ok, error: r.secondUp.error, failed: r.secondUp.failed }).toEqual({ ok: true, error: undefined, failed: [] });
    for (const f of r.failedOrderCreates) expect(f.message).toMatch(NOTHING_PLACED_ERROR);
    expect({ orderPosts: r.secondUpOrderPosts, ops: r.secondUp.ops }).toEqual({ orderPosts: r.failedOrderCreates.length, ops: r.secondUp.ops });
    expect({ ok: r.preview.ok, error: r.preview.error, ops: r.preview.ops }).toEqual({ ok: true, error: undefined, ops: {} });
  });

  test("every 429 is waited out and resent, never a failure: one logged wait per 429 answer", () => {
    expect({ waits: r.rateLimitWaits, failedOn429: r.failures.filter((f) => /429/.test(f.message)) }).toEqual({ waits: r.refused429, failedOn429: [] });
    if (scenario.name.startsWith("429")) expect(r.refused429).toBeGreaterThan(0);
  });

  test("the API key appears nowhere: output, diagnostics, errors, state, serialized provider", () => {
    expect(r.keyLeaks).toEqual([]);
  });
});
