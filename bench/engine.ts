// One bench program through the real engine (the one `make engine` recorded, Automation API), with a
// file backend of its own: up, preview, refresh, destroy, each timed, the state
// measured with `pulumi stack export` after up.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { engineEnv, pulumiCommand, pulumiPath } from "../engine/engine-env";
import { takeRequests, type BenchSimulator } from "./simulator";
import { runTag } from "./run-tag";
import { STEPS, type Step, type StepSample, type StepSamples } from "./steps";
import { measureState, type StateSize } from "./state-size";

export type ProgramName = "digicert" | "native" | "noop";

/** The built native plugin, if this checkout has one: the launcher bench/programs/native runs. */
export function nativePluginMain(root: string): string {
  return path.join(root, "bin", "provider", "plugin", "main.js");
}

/** Type prefix of each program's DigiCert resources in state. */
const STATE_TYPE: Record<ProgramName, string> = {
  digicert: "pulumi-nodejs:dynamic/",
  native: "digicert:index:",
  noop: "pulumi-nodejs:dynamic/",
};

export interface EngineRun {
  steps: StepSamples;
  state: StateSize;
}

export interface EngineContext {
  root: string;
  parallel: number;
  /** Only the DigiCert program talks to it. */
  sim: BenchSimulator;
  /** CPU-profile every node process of this step (BENCH_PROFILE), into `dir`. */
  profile?: { step: Step; dir: string };
  /** The orders' revokeScope when not the default (BENCH_REVOKE_SCOPE). */
  revokeScope?: "order";
}

const STACK = "bench";
const PROGRAM_FILES = ["Pulumi.yaml", "package.json", "tsconfig.json", "index.ts"];

/**
 * The program is copied inside the checkout (under .state/bench/) so that it resolves
 * pulumi-digicert and @pulumi/pulumi from the checkout's node_modules, as in the e2e suite.
 */
function scratchProgram(root: string, program: ProgramName, n: number): { workDir: string; backendDir: string; dispose: () => void } {
  const scratch = path.join(root, ".state", "bench");
  fs.mkdirSync(scratch, { recursive: true });
  const dir = fs.mkdtempSync(path.join(scratch, `${program}-n${n}-`));
  const workDir = path.join(dir, "program");
  const backendDir = path.join(dir, "backend");
  fs.mkdirSync(workDir);
  fs.mkdirSync(backendDir);
  for (const f of PROGRAM_FILES) fs.copyFileSync(path.join(root, "bench", "programs", program, f), path.join(workDir, f));
  if (program === "native") {
    // plugins.providers: a folder with pulumi-resource-digicert, as docs/native-plugin.md shows.
    const pluginDir = path.join(dir, "plugin");
    fs.mkdirSync(pluginDir);
    fs.writeFileSync(path.join(pluginDir, "pulumi-resource-digicert"), `#!/bin/sh\nexec "${process.execPath}" "${nativePluginMain(root)}" "$@"\n`, { mode: 0o755 });
    fs.appendFileSync(path.join(workDir, "Pulumi.yaml"), `plugins:\n  providers:\n    - name: digicert\n      path: ${pluginDir}\n`);
  }
  return { workDir, backendDir, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

function expectChanges(step: Step, got: Record<string, number> | undefined, want: Record<string, number>): void {
  const actual = got ?? {};
  for (const [op, count] of Object.entries(want)) {
    if (actual[op] !== count) throw new Error(`${step}: expected ${count} ${op}, the engine reported ${JSON.stringify(actual)}`);
  }
  const extra = Object.keys(actual).filter((op) => !(op in want) && op !== "same" && (actual[op] ?? 0) > 0);
  if (extra.length > 0) throw new Error(`${step}: unexpected changes ${JSON.stringify(actual)}`);
}

export async function runProgram(ctx: EngineContext, program: ProgramName, n: number): Promise<EngineRun> {
  const { workDir, backendDir, dispose } = scratchProgram(ctx.root, program, n);
  const envVars = engineEnv(ctx.root, { dir: backendDir, passphrase: "bench-passphrase" });
  try {
    const ws = await LocalWorkspace.create({ workDir, pulumiCommand: await pulumiCommand(ctx.root), envVars });
    const stack = await Stack.create(STACK, ws);
    await stack.setAllConfig({
      count: { value: String(n) },
      run: { value: runTag(program) },
      ...(ctx.revokeScope ? { revokeScope: { value: ctx.revokeScope } } : {}),
    });
    const talksToDigiCert = program !== "noop";
    if (talksToDigiCert) await stack.setConfig("digicert:baseUrl", { value: ctx.sim.baseUrl });

    const resources = 2 * n;
    const parallel = ctx.parallel;
    const actions: Record<Step, () => Promise<void>> = {
      up: async () => expectChanges("up", (await stack.up({ parallel })).summary.resourceChanges, { create: resources + 1 }),
      preview: async () => expectChanges("preview", (await stack.preview({ parallel })).changeSummary, {}),
      refresh: async () => expectChanges("refresh", (await stack.refresh({ parallel })).summary.resourceChanges, {}),
      destroy: async () => expectChanges("destroy", (await stack.destroy({ parallel })).summary.resourceChanges, { delete: resources + 1 }),
    };

    const steps = {} as StepSamples;
    let state: StateSize | undefined;
    for (const step of STEPS) {
      if (talksToDigiCert) {
        // From the environment, not config: refresh and destroy configure the provider
        // from the config recorded in state at the last up, so a new config key would
        // not reach them.
        ws.envVars["DIGICERT_API_KEY"] = ctx.sim.freshKey();
        await takeRequests(ctx.sim.admin);
      }
      const profiled = ctx.profile?.step === step ? ctx.profile : undefined;
      if (profiled) {
        const dir = path.join(profiled.dir, `${program}-n${n}`);
        fs.mkdirSync(dir, { recursive: true });
        ws.envVars["NODE_OPTIONS"] = `--require ${path.join(ctx.root, "bin/bench/profile-hook.js")}`;
        ws.envVars["BENCH_PROFILE_DIR"] = dir;
      }
      const startedAt = Date.now();
      const started = performance.now();
      await actions[step]();
      const sample: StepSample = { seconds: (performance.now() - started) / 1000 };
      delete ws.envVars["NODE_OPTIONS"];
      delete ws.envVars["BENCH_PROFILE_DIR"];
      if (talksToDigiCert && process.env["BENCH_TIMELINE"]) {
        // Every request's arrival, relative to the step's start: where a step waits.
        const dir = path.join(ctx.root, ".state", "bench", "timelines");
        fs.mkdirSync(dir, { recursive: true });
        const log = await ctx.sim.admin.requests();
        const t0 = startedAt;
        fs.writeFileSync(path.join(dir, `${program}-n${n}-${step}.json`), JSON.stringify({ seconds: sample.seconds, requests: log.map((r) => [r.at - t0, r.method, r.path, r.status]) }));
      }
      if (talksToDigiCert) sample.requests = await takeRequests(ctx.sim.admin);
      steps[step] = sample;
      if (step === "up") {
        const text = exportStack(ctx.root, workDir, envVars);
        // Kept for a reader who wants to see what a resource's state holds.
        fs.writeFileSync(path.join(ctx.root, ".state", "bench", `last-export-${program}.json`), text);
        state = measureState(text, resources, STATE_TYPE[program]);
      }
    }
    await ws.removeStack(STACK);
    if (!state) throw new Error("no state measured");
    return { steps, state };
  } finally {
    dispose();
  }
}

/** Exactly what a user runs: `pulumi stack export`, secrets not shown. */
function exportStack(root: string, workDir: string, env: Record<string, string>): string {
  return execFileSync(pulumiPath(root), ["stack", "export", "--stack", STACK], {
    cwd: workDir,
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
}
