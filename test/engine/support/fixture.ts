// What an engine test sets up, in one place, and ended by one teardown: simulators
// (test/engine/support/simulator.ts), the native plugin's folder, scratch folders inside
// the checkout, programs written into them, and stacks of them on backends of their
// own configured against a simulator. A test makes one fixture, asks it for what it
// needs, and closes it in its afterAll:
//
//     const fx = new EngineFixture();
//     let sim: TestSimulator;
//     let es: EngineStack;
//     beforeAll(async () => {
//       sim = await fx.simulator({ apiKeys: [KEY] });
//       es = await fx.stack({ name: "e2e", program: exampleProgram("client-certificates", FILES), sim });
//     });
//     afterAll(() => fx.close());
//
// close() ends everything in the reverse order it was made: the processes each stack's
// engine left in its program's folder and the stack's backend, the plugin processes the
// engine started, the simulators, then the scratch folders.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { ConfigMap } from "@pulumi/pulumi/automation";
import { PluginDir } from "./plugin-dir";
import { ROOT, writeProgram, type ProgramSpec } from "./program";
import { TestSimulator, type SimulatorOptions } from "./simulator";
import { EngineStack } from "./stack";

export { CLIENT_CERTIFICATES_EXAMPLE, ROOT, VERSION, exampleProgram, typescriptProgram, writeProgram, type ProgramSpec } from "./program";
export { TestSimulator, type OrderInfo } from "./simulator";
export { EngineStack, runPulumi, type StateResource } from "./stack";
export type { OpKind, OpRecord } from "./operations";
export type { PluginDir } from "./plugin-dir";

/** Where the fixture's scratch folders go: inside the checkout (git-ignored), so that programs resolve its packages. */
export const SCRATCH_ROOT = path.join(ROOT, ".state", "engine-tests");

export interface FixtureSimulatorOptions extends Omit<SimulatorOptions, "stateFile"> {
  /** Keep state in a file, so that it can restart: a new one, or a copy of `from`. */
  stateFile?: { from?: string };
}

export interface FixtureStackOptions {
  /** The stack's name; also names its scratch folder. */
  name: string;
  /** The program: written into a scratch folder of its own, or the folder the test wrote it into. */
  program: ProgramSpec | { dir: string };
  /** Pulumi.yaml names this plugin under plugins.providers (a program written here only). */
  plugin?: PluginDir;
  /** The provider's settings point at this simulator, with its key (a secret), and wait at most 1 s for issuance. */
  sim?: TestSimulator;
  /** More config, or the simulator's settings overridden. */
  config?: ConfigMap;
  /** Added to the engine's environment. */
  env?: Record<string, string>;
  passphrase?: string;
}

export class EngineFixture {
  private readonly teardown: (() => unknown)[] = [];

  /** A simulator on a free port. */
  async simulator(opts: FixtureSimulatorOptions): Promise<TestSimulator> {
    const { stateFile, ...rest } = opts;
    let file: string | undefined;
    if (stateFile) {
      file = path.join(this.tempDir("simulator"), "simulator-state.json");
      if (stateFile.from !== undefined) fs.copyFileSync(stateFile.from, file);
    }
    const sim = await TestSimulator.start({ ...rest, ...(file !== undefined ? { stateFile: file } : {}) });
    this.teardown.push(() => sim.close());
    return sim;
  }

  /** A folder holding `pulumi-resource-digicert`, a launcher of this checkout's built plugin; the processes it started are ended at teardown. */
  plugin(): PluginDir {
    const plugin = new PluginDir(this.tempDir("plugin"), path.join(ROOT, "bin/provider/plugin/main.js"));
    this.teardown.push(() => plugin.killLeftovers());
    return plugin;
  }

  /** A new folder inside the checkout, removed at teardown. */
  scratch(label: string): string {
    fs.mkdirSync(SCRATCH_ROOT, { recursive: true });
    return this.removedAtTeardown(fs.mkdtempSync(path.join(SCRATCH_ROOT, `${label}-`)));
  }

  /** A new folder under the system's temp folder (for what need not resolve the checkout's packages), removed at teardown. */
  tempDir(label: string): string {
    return this.removedAtTeardown(fs.mkdtempSync(path.join(os.tmpdir(), `digicert-${label}-`)));
  }

  /** The program, written into a scratch folder of its own; returns the folder. */
  program(label: string, spec: ProgramSpec, plugin?: PluginDir): string {
    const dir = this.scratch(label);
    writeProgram(dir, spec, plugin);
    return dir;
  }

  /** A stack of the program on a local backend of its own, configured against the simulator. */
  async stack(opts: FixtureStackOptions): Promise<EngineStack> {
    const workDir = "dir" in opts.program ? opts.program.dir : this.program(opts.name, opts.program, opts.plugin);
    const config: ConfigMap = {
      ...(opts.sim ? { ...opts.sim.stackConfig(), "digicert:waitForIssuanceSeconds": { value: "1" } } : {}),
      ...opts.config,
    };
    const es = await EngineStack.create({
      name: opts.name,
      workDir,
      config,
      ...(opts.env ? { env: opts.env } : {}),
      ...(opts.passphrase !== undefined ? { passphrase: opts.passphrase } : {}),
    });
    this.teardown.push(() => es.close());
    return es;
  }

  /** Ends and removes everything, last made first; every step runs, and the first failure is thrown at the end. */
  async close(): Promise<void> {
    const failures: unknown[] = [];
    for (const step of this.teardown.splice(0).reverse()) {
      try {
        await step();
      } catch (err) {
        failures.push(err);
      }
    }
    if (failures.length > 0) throw failures[0];
  }

  private removedAtTeardown(dir: string): string {
    this.teardown.push(() => fs.promises.rm(dir, { recursive: true, force: true }));
    return dir;
  }
}
