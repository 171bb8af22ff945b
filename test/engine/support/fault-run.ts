// One fault run through the real engine: a stack of orders (with CT status and
// reissues) goes through up and refresh under the fault, then a second up without it
// must converge, then destroy under the fault (and again without it if anything was
// left). After each step DigiCert and the stack are compared; every failure must be a
// clear error; the API key must show up nowhere.
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { RecordedRequest } from "../../../simulator";
import { audit, type Audit } from "./audit";
import { createStack, type EngineStack, type OpKind, type OpRecord } from "./operations";
import { RESULTS_DIR, type Row } from "../../support/figures";
import { leaks, stateLeaks } from "./key-leaks";
import { SimControl } from "./sim-control";

export interface Scenario {
  /** Row label in the figures table. */
  name: string;
  /** Installs the fault for one operation; the returned function removes it. */
  during(ctl: SimControl, op: OpKind): Promise<() => Promise<void>>;
  /** The simulator's client-facing settings, if not its defaults (CertCentral's rate limits). */
  timeoutSeconds?: number;
}

export const ORDERS = 20;
export const REISSUE_EVERY = 4;
export const RESOURCES = ORDERS * 2 + Math.ceil(ORDERS / REISSUE_EVERY);

// A failure the user can act on names DigiCert and says what happened, with no internals.
const CLEAR = /DigiCert/;
const UNCLEAR = /\[object |undefined|TypeError|ReferenceError|at .*\.js:\d+/;
// A create that failed this way placed nothing, so the second up may place it.
const NOTHING_PLACED = /nothing was placed|nothing was requested|failed \(429\)|ECONNREFUSED/;

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
}

const isOrderPost = (r: RecordedRequest) => r.method === "POST" && /^\/order\/certificate\/client_/.test(r.path);

export async function faultRun(s: Scenario, index: number): Promise<RunResult> {
  const key = `rel-${randomBytes(9).toString("hex")}`;
  const tag = `R${index}x${randomBytes(2).toString("hex")}`;
  const ctl = await SimControl.start(`run${index}`, key);
  const es: EngineStack = await createStack(`run${index}`, {
    "digicert:baseUrl": { value: ctl.baseUrl },
    "digicert:apiKey": { value: key, secret: true },
    "digicert:waitForIssuanceSeconds": { value: "2" },
    "digicert:timeoutSeconds": { value: String(s.timeoutSeconds ?? 3) },
    "digicert:orderLookupSeconds": { value: "10" },
    orders: { value: String(ORDERS) },
    reissueEvery: { value: String(REISSUE_EVERY) },
    tag: { value: tag },
  });
  const texts: string[] = [];
  const audits: RunResult["audits"] = [];
  const check = async (after: string, mode: "faulted" | "settled" | "destroyed") =>
    audits.push({ after, audit: await audit(ctl.sim, es.stack, tag, mode) });
  const faulted: OpRecord[] = [];
  const underFault = async (op: OpKind): Promise<OpRecord> => {
    const stop = await s.during(ctl, op);
    try {
      const r = await es.run(op);
      faulted.push(r);
      texts.push(r.text);
      return r;
    } finally {
      await stop();
    }
  };
  try {
    const up = await underFault("up");
    await underFault("refresh");
    await check("faulted up and refresh", "faulted");

    await ctl.clearFaults();
    const postsBefore = (await ctl.requests()).filter(isOrderPost).length;
    const secondUp = await es.run("up");
    texts.push(secondUp.text);
    const secondUpOrderPosts = (await ctl.requests()).filter(isOrderPost).length - postsBefore;
    const preview = await es.run("preview");
    await check("second up", "settled");

    const destroy = await underFault("destroy");
    await check("faulted destroy", "faulted");
    await ctl.clearFaults();
    if (!destroy.ok) {
      const again = await es.run("destroy");
      texts.push(again.text);
    }
    await check("destroy", "destroyed");
    const leftAfterCleanup = audits[audits.length - 1]!.audit.ordersInState;

    const all = await ctl.requests();
    const failures = faulted.flatMap((r) => r.failed.map((f) => ({ op: r.kind, ...f })));
    const failedOrderCreates = up.failed.filter((f) => f.urn.includes("ClientCertificateOrder"));
    const keyLeaks = [...texts.flatMap((t) => leaks(t, key)), ...(await stateLeaks(es, key))];
    const adopted = faulted.reduce((n, r) => n + r.diagnostics.filter((d) => /was placed although DigiCert's answer was lost; adopted it/.test(d)).length, 0);
    const injected = all.filter((r) => r.fault !== undefined).length + ctl.restarts;
    const row: Row = {
      fault: s.name,
      resources: RESOURCES,
      "operations attempted": faulted.reduce((n, r) => n + r.attempted, 0),
      "faults injected": ctl.restarts > 0 ? `${ctl.restarts} restarts` : injected,
      retries: faulted.reduce((n, r) => n + r.retries, 0),
      "orders adopted after a lost answer": adopted,
      "failed with a clear error": failures.length,
      "orders placed twice": Math.max(...audits.map((a) => a.audit.placedTwice)),
      "resources lost": audits.reduce((n, a) => n + a.audit.lost.length, 0),
      "2nd up: new orders": secondUpOrderPosts,
    };
    const result = { row, failures, audits, keyLeaks, secondUp, secondUpOrderPosts, failedOrderCreates, preview, leftAfterCleanup };
    // Everything but the bulky texts, to read when an assertion fails.
    const detail = { ...result, secondUp: { ...secondUp, text: undefined }, preview: { ...preview, text: undefined } };
    fs.writeFileSync(path.join(RESULTS_DIR, `run-${index}.json`), JSON.stringify(detail, null, 1));
    return result;
  } finally {
    await es.close();
    await ctl.close();
  }
}

export const CLEAR_ERROR = CLEAR;
export const UNCLEAR_ERROR = UNCLEAR;
export const NOTHING_PLACED_ERROR = NOTHING_PLACED;
