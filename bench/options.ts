// What a `make bench` run measures, from the environment: BENCH_N=10,100 and
// BENCH_RUNS=3 narrow a run (its results then go to bench/results/tmp/, so a quick
// run never overwrites the committed full one).
import { STEPS, type Step } from "./steps";
export interface BenchOptions {
  sizes: number[];
  /** Runs per size; the median of them is reported. */
  runs: (n: number) => number;
  /** Fixed latency the simulator adds to every DigiCert request. */
  latencyMs: number;
  /** True when no override narrowed the run: results go to bench/results.json and docs/benchmarks.md. */
  full: boolean;
  /** BENCH_PROFILE=<step>: CPU profiles of that step's node processes, under .state/bench/profiles/. */
  profileStep?: Step;
  /**
   * BENCH_SAVE=<name>: a narrowed run kept beside the full one (bench/results-<name>.json
   * and its own part of docs/benchmarks.md), e.g. the on-demand N = 1000 point.
   */
  save?: string;
  /**
   * BENCH_REVOKE_SCOPE=order: every order of the stack revokes with `revokeScope: "order"`
   * (one request per order at destroy) instead of the default, its current certificate.
   */
  revokeScope?: "order";
}

export const DEFAULT_SIZES = [10, 100, 300];
/** Fewer runs for N = 300 keep a full run near 30 minutes on a 2-core machine. */
export function defaultRuns(n: number): number {
  return n >= 300 ? 2 : n >= 100 ? 3 : 5;
}
export const DEFAULT_LATENCY_MS = 20;

function positiveInts(name: string, raw: string): number[] {
  const values = raw.split(",").map((s) => Number(s.trim()));
  if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v < 1)) {
    throw new Error(`${name} must be positive whole numbers separated by commas, got ${JSON.stringify(raw)}`);
  }
  return values;
}

export function benchOptions(env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const sizes = env["BENCH_N"] ? positiveInts("BENCH_N", env["BENCH_N"]) : DEFAULT_SIZES;
  const fixedRuns = env["BENCH_RUNS"] ? positiveInts("BENCH_RUNS", env["BENCH_RUNS"])[0] : undefined;
  const latencyMs = env["BENCH_LATENCY_MS"] ? (positiveInts("BENCH_LATENCY_MS", env["BENCH_LATENCY_MS"])[0] ?? DEFAULT_LATENCY_MS) : DEFAULT_LATENCY_MS;
  const profile = env["BENCH_PROFILE"];
  if (profile !== undefined && !(STEPS as readonly string[]).includes(profile)) {
    throw new Error(`BENCH_PROFILE must be one of ${STEPS.join(", ")}, got ${JSON.stringify(profile)}`);
  }
  const save = env["BENCH_SAVE"];
  if (save !== undefined && !/^[a-z0-9-]+$/.test(save)) {
    throw new Error(`BENCH_SAVE must be lowercase letters, digits and dashes (it names bench/results-<name>.json), got ${JSON.stringify(save)}`);
  }
  const scope = env["BENCH_REVOKE_SCOPE"];
  if (scope !== undefined && scope !== "" && scope !== "order" && scope !== "certificate") {
    throw new Error(`BENCH_REVOKE_SCOPE must be "order" or "certificate" (the default), got ${JSON.stringify(scope)}`);
  }
  return {
    sizes,
    runs: (n) => fixedRuns ?? defaultRuns(n),
    latencyMs,
    full: !env["BENCH_N"] && !env["BENCH_RUNS"] && !env["BENCH_LATENCY_MS"] && profile === undefined && scope !== "order",
    ...(scope === "order" ? { revokeScope: "order" as const } : {}),
    ...(profile !== undefined ? { profileStep: profile as Step } : {}),
    ...(save !== undefined && save !== "" ? { save } : {}),
  };
}
