// The simulator for a bench run, in its own process (as CertCentral is), so it does
// not share an event loop with the API floor's client in the bench process.
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { SimulatorAdmin, type RecordedRequest } from "../simulator";
import { benchKey } from "./sim-process";

export interface BenchSimulator {
  baseUrl: string;
  admin: SimulatorAdmin;
  /**
   * A key no step has used yet. CertCentral's limits are per key over rolling windows
   * (100 per 5 s, 1000 per 3 min); a fresh key per step measures each step as if run
   * on its own, instead of charging it the budget the previous step spent (which a
   * new process's limiter cannot know about).
   */
  freshKey(): string;
  stop(): Promise<void>;
}

export interface RequestCount {
  /** Every DigiCert request the simulator answered, 429s included. */
  total: number;
  /** Answered 429 request_limit_exceeded. */
  throttled: number;
  /** "METHOD /path-with-ids-replaced" -> count. */
  byEndpoint: Record<string, number>;
}

const KEY_POOL = 1000;

export async function startBenchSimulator(root: string, latencyMs: number): Promise<BenchSimulator> {
  const script = path.join(root, "bin/bench/sim-process.js");
  const child = spawn(process.execPath, [script, String(latencyMs), String(KEY_POOL)], { stdio: ["pipe", "pipe", "inherit"] });
  const url = await listeningUrl(child);
  let next = 0;
  return {
    baseUrl: `${url}/services/v2`,
    admin: new SimulatorAdmin(url),
    freshKey() {
      if (next >= KEY_POOL) throw new Error(`the bench used all ${KEY_POOL} simulator keys; raise KEY_POOL`);
      return benchKey(next++);
    },
    stop: () => stopChild(child),
  };
}

function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`simulator exited (${code}) before listening: ${out}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** Ids vary per run; the endpoint is what a reader compares. */
export function endpointOf(r: RecordedRequest): string {
  return `${r.method} ${r.path.replace(/\/\d+(?=\/|$)/g, "/{id}")}`;
}

export async function takeRequests(admin: SimulatorAdmin): Promise<RequestCount> {
  const log = await admin.requests();
  await admin.clearRequests();
  const byEndpoint: Record<string, number> = {};
  for (const r of log) byEndpoint[endpointOf(r)] = (byEndpoint[endpointOf(r)] ?? 0) + 1;
  return { total: log.length, throttled: log.filter((r) => r.status === 429).length, byEndpoint };
}
