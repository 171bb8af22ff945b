// `make bench`: this provider against the engine's own floor (no-op dynamic
// resources) and the API floor (the same DigiCert calls, no engine), side by side
// in one run, for N = 10, 100 and 300 (BENCH_N, BENCH_RUNS narrow it).
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { DEFAULT_RATE_LIMITS } from "../provider/digicert/rate-limiter";
import { pulumiPath } from "../engine/engine-env";
import { apiFloor } from "./api-floor";
import { nativePluginMain, runProgram, type EngineContext } from "./engine";
import { benchOptions } from "./options";
import { markdown, type BenchResults } from "./report";
import { updateDocsPage } from "./docs-page";
import { checkTargets, summarize, type RunOfSize, type SizeResult } from "./results";
import { startBenchSimulator } from "./simulator";

const ROOT = path.resolve(__dirname, "../..");

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function engineVersion(): string {
  return execFileSync(pulumiPath(ROOT), ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } }).trim();
}

function pulumiSdkVersion(): string {
  return (JSON.parse(fs.readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8")) as { version: string }).version;
}

async function main(): Promise<void> {
  const opts = benchOptions();
  const began = performance.now();
  // The engine's default parallelism is GOMAXPROCS x 4; passing it explicitly keeps
  // the engine and the API floor at the same concurrency.
  const parallel = os.availableParallelism() * 4;
  const profileDir = path.join(ROOT, ".state", "bench", "profiles");
  if (opts.profileStep) fs.rmSync(profileDir, { recursive: true, force: true });
  const sim = await startBenchSimulator(ROOT, opts.latencyMs);
  const ctx: EngineContext = {
    root: ROOT,
    parallel,
    sim,
    ...(opts.profileStep ? { profile: { step: opts.profileStep, dir: profileDir } } : {}),
    ...(opts.revokeScope ? { revokeScope: opts.revokeScope } : {}),
  };
  const sizes: SizeResult[] = [];
  // The native plugin is benchmarked beside the dynamic resources when it is built.
  const withNative = fs.existsSync(nativePluginMain(ROOT)) && process.env["BENCH_NATIVE"] !== "0";
  if (!withNative) log("no native plugin built (or BENCH_NATIVE=0): the dynamic resources only");
  try {
    for (const n of opts.sizes) {
      const runs: RunOfSize[] = [];
      for (let i = 1; i <= opts.runs(n); i++) {
        const noop = await runProgram(ctx, "noop", n);
        const provider = await runProgram(ctx, "digicert", n);
        const api = await apiFloor(sim, n, parallel, opts.revokeScope);
        const native = withNative ? await runProgram(ctx, "native", n) : undefined;
        runs.push({ provider, noop, api, ...(native !== undefined ? { native } : {}) });
        const s = (x: { seconds: number }): string => x.seconds.toFixed(1);
        log(
          `N=${n} run ${i}/${opts.runs(n)}: up ${s(provider.steps.up)}/${s(noop.steps.up)}/${s(api.up)} s, ` +
            `preview ${s(provider.steps.preview)}/${s(noop.steps.preview)} s, refresh ${s(provider.steps.refresh)}/${s(noop.steps.refresh)}/${s(api.refresh)} s, ` +
            `destroy ${s(provider.steps.destroy)}/${s(noop.steps.destroy)}/${s(api.destroy)} s (provider/no-op/API)` +
            (native !== undefined ? `; native plugin: up ${s(native.steps.up)}, refresh ${s(native.steps.refresh)}, destroy ${s(native.steps.destroy)} s` : ""),
        );
      }
      sizes.push(summarize(n, runs, DEFAULT_RATE_LIMITS, opts.latencyMs));
    }
  } finally {
    await sim.stop();
  }

  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: {
      cores: os.availableParallelism(),
      cpu: os.cpus()[0]?.model.trim() ?? "unknown",
      node: process.version,
      engine: engineVersion(),
      pulumiSdk: pulumiSdkVersion(),
      platform: `${os.platform()} ${os.arch()}`,
    },
    settings: {
      latencyMs: opts.latencyMs,
      parallel,
      rateLimits: DEFAULT_RATE_LIMITS.map((w) => ({ ...w })),
      runs: Object.fromEntries(opts.sizes.map((n) => [String(n), opts.runs(n)])),
      keyPerStep: "each step uses an API key no earlier step used, so each starts with CertCentral's full rate budget",
    },
    sizes,
    targets: checkTargets(sizes),
    totalSeconds: Math.round((performance.now() - began) / 1000),
  };
  const table = markdown(results);
  const out = opts.full
    ? path.join(ROOT, "bench", "results.json")
    : opts.save !== undefined
      ? path.join(ROOT, "bench", `results-${opts.save}.json`)
      : path.join(ROOT, "bench", "results", "tmp", "results.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${table}\n`);
  log(`results written to ${path.relative(ROOT, out)}`);
  if ((opts.full || opts.save !== undefined) && updateDocsPage(path.join(ROOT, "docs", "benchmarks.md"), table, opts.save)) log("docs/benchmarks.md updated");
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
