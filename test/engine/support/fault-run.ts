// One fault run through the real engine: a stack of orders (with CT status and
// reissues) goes through up and refresh under the fault, then a second up without it
// must converge, then destroy under the fault (and again without it if anything was
// left). After each step DigiCert and the stack are compared; every failure must be a
// clear error; the API key must show up nowhere.
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { RecordedRequest } from "../../../simulator";
import { RESULTS_DIR, type Row } from "../../support/figures";
import { audit, type Audit } from "./audit";
import { EngineFixture, type EngineStack } from "./fixture";
import { leaks, stateLeaks } from "./key-leaks";
import type { OpKind, OpRecord } from "./operations";
import { RELIABILITY_PROGRAM } from "./reliability-program";
import type { TestSimulator } from "./simulator";

export interface Scenario {
  /** Row label in the figures table. */
  name: string;
  /** Installs the fault for one operation; the returned function removes it. */
  during(sim: TestSimulator, op: OpKind): Promise<() => Promise<void>>;
  /** The simulator's client-facing settings, if not its defaults (CertCentral's rate limits). */
  timeoutSeconds?: number;
  /** The up's order POSTs whose answer this fault loses, all of which must be adopted, not placed again. */
  lostOrderPosts?: RegExp;
}

export const ORDERS = 20;
export const REISSUE_EVERY = 4;
export const RESOURCES = ORDERS * 2 + Math.ceil(ORDERS / REISSUE_EVERY);

// A failure the user can act on names DigiCert and says what happened, with no internals.
const CLEAR = /DigiCert/;
const UNCLEAR = /\[object |undefined|TypeError|ReferenceError|at .*\.js:\d+/;
// A create that failed this way placed nothing, so the second up may place it. A 429 is
// waited out; one that outlasts digicert:rateLimitWaitSeconds fails "refused with 429
// request_limit_exceeded ... nothing was placed or changed".
const NOTHING_PLACED = /nothing was placed|nothing was requested|refused with 429|ECONNREFUSED/;

export interface RunResult {
  row: Row;
  failures: { op: OpKind; urn: string; message: string }[];
  audits: { after: string; audit: Audit }[];
  keyLeaks: string[];
  secondUp: OpRecord;
  secondUpOrderPosts: number;
  failedOrderCreates: { urn: string; message: string }[];
  preview: OpRecord;
  leftAfterCleanup: number;
  /** Orders adopted after a lost answer, and the order POSTs answered with the scenario's `lostOrderPosts` fault. */
  adopted: number;
  lostAnswers: number;
  /** Answers of 429 the simulator gave in the whole run, and the client's logged waits in all its operations. */
  refused429: number;
  rateLimitWaits: number;
}

const isOrderPost = (r: RecordedRequest) => r.method === "POST" && /^\/order\/certificate\/client_/.test(r.path);

export async function faultRun(s: Scenario, index: number): Promise<RunResult> {
  const key = `rel-${randomBytes(9).toString("hex")}`;
  const tag = `R${index}x${randomBytes(2).toString("hex")}`;
  // One simulator per run, with a state file, so that it can be restarted mid-run like a CertCentral outage.
  const fx = new EngineFixture();
  try {
    const sim = await fx.simulator({ apiKeys: [key], stateFile: {} });
    const es = await fx.stack({
      name: `run${index}`,
      program: RELIABILITY_PROGRAM,
      sim,
      config: {
        "digicert:waitForIssuanceSeconds": { value: "2" },
        "digicert:timeoutSeconds": { value: String(s.timeoutSeconds ?? 3) },
        "digicert:orderLookupSeconds": { value: "10" },
        orders: { value: String(ORDERS) },
        reissueEvery: { value: String(REISSUE_EVERY) },
        tag: { value: tag },
      },
    });
    return await runScenario(s, index, key, tag, sim, es);
  } finally {
    await fx.close();
  }
}

async function runScenario(s: Scenario, index: number, key: string, tag: string, sim: TestSimulator, es: EngineStack): Promise<RunResult> {
  const texts: string[] = [];
  const audits: RunResult["audits"] = [];
  const check = async (after: string, mode: "faulted" | "settled" | "destroyed") =>
    audits.push({ after, audit: await audit(sim, es, tag, mode) });
  const faulted: OpRecord[] = [];
  // Every operation of the run, faulted or not: a 429 from CertCentral's own limits may meet any of them.
  const all: OpRecord[] = [];
  const underFault = async (op: OpKind): Promise<OpRecord> => {
    const stop = await s.during(sim, op);
    try {
      const r = await es.run(op);
      faulted.push(r);
      all.push(r);
      texts.push(r.text);
      return r;
    } finally {
      await stop();
    }
  };
  const up = await underFault("up");
  await underFault("refresh");
  await check("faulted up and refresh", "faulted");

  await sim.admin.clearFaults();
  const postsBefore = (await sim.requests()).filter(isOrderPost).length;
  const secondUp = await es.run("up");
  all.push(secondUp);
  texts.push(secondUp.text);
  const secondUpOrderPosts = (await sim.requests()).filter(isOrderPost).length - postsBefore;
  const preview = await es.run("preview");
  all.push(preview);
  await check("second up", "settled");

  const destroy = await underFault("destroy");
  await check("faulted destroy", "faulted");
  await sim.admin.clearFaults();
  if (!destroy.ok) {
    const again = await es.run("destroy");
    all.push(again);
    texts.push(again.text);
  }
  await check("destroy", "destroyed");
  const leftAfterCleanup = audits[audits.length - 1]!.audit.ordersInState;

  const requests = await sim.requests();
  const failures = faulted.flatMap((r) => r.failed.map((f) => ({ op: r.kind, ...f })));
  const failedOrderCreates = up.failed.filter((f) => f.urn.includes("ClientCertificateOrder"));
  const keyLeaks = [...texts.flatMap((t) => leaks(t, key)), ...(await stateLeaks(es, key))];
  const adopted = faulted.reduce((n, r) => n + r.diagnostics.filter((d) => /was placed although DigiCert's answer was lost; adopted it/.test(d)).length, 0);
  const injected = requests.filter((r) => r.fault !== undefined).length + sim.restarts;
  const rateLimitWaits = all.reduce((n, r) => n + r.rateLimitWaits, 0);
  const refused429 = requests.filter((r) => r.status === 429).length;
  const row: Row = {
    fault: s.name,
    resources: RESOURCES,
    "operations attempted": faulted.reduce((n, r) => n + r.attempted, 0),
    "faults injected": sim.restarts > 0 ? `${sim.restarts} restarts` : injected,
    retries: faulted.reduce((n, r) => n + r.retries, 0),
    "429s waited out": `${rateLimitWaits} (${all.reduce((n, r) => n + r.rateLimitWaitSeconds, 0)} s)`,
    "orders adopted after a lost answer": adopted,
    "failed with a clear error": failures.length,
    "orders placed twice": Math.max(...audits.map((a) => a.audit.placedTwice)),
    "resources lost": audits.reduce((n, a) => n + a.audit.lost.length, 0),
    "2nd up: new orders": secondUpOrderPosts,
  };
  const lostAnswers = s.lostOrderPosts === undefined ? 0 : requests.filter((r) => isOrderPost(r) && s.lostOrderPosts!.test(r.path) && r.fault !== undefined).length;
  const result = { row, failures, audits, keyLeaks, secondUp, secondUpOrderPosts, failedOrderCreates, preview, leftAfterCleanup, adopted, lostAnswers, refused429, rateLimitWaits };
  // Everything but the bulky texts, to read when an assertion fails.
  const detail = { ...result, secondUp: { ...secondUp, text: undefined }, preview: { ...preview, text: undefined } };
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RESULTS_DIR, `run-${index}.json`), JSON.stringify(detail, null, 1));
  return result;
}

/** Runs `tick` every `everyMs` until the returned stop function is called (and awaited). */
export function every(everyMs: number, tick: () => Promise<void>): () => Promise<void> {
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await tick();
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
  };
}

export const CLEAR_ERROR = CLEAR;
export const UNCLEAR_ERROR = UNCLEAR;
export const NOTHING_PLACED_ERROR = NOTHING_PLACED;
