// A stack of a program through the Automation API, on a local file backend of its own,
// run by the engine `make engine` recorded (engine/engine-env.ts); and the CLI itself in
// the program's folder, for what the Automation API does not cover (`pulumi import
// --out`, `pulumi stack export` as a user runs it).
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalWorkspace, Stack, type ConfigMap } from "@pulumi/pulumi/automation";
import { engineEnv, pulumiCommand, pulumiPath } from "../../../engine/engine-env";
import type { StateResource as ExportedResource } from "../../support/v0-1-0-fixture";
import { runOperation, type OpKind, type OpRecord } from "./operations";
import { endLeftovers } from "./processes";
import { ROOT } from "./program";

/** A resource as the stack's deployment holds it. */
export interface StateResource extends ExportedResource {
  protect?: boolean;
  sourcePosition?: string;
  parent?: string;
}

export interface StackOptions {
  /** The stack's name. */
  name: string;
  /** The program's folder. */
  workDir: string;
  config?: ConfigMap;
  /** Added to the engine's environment. */
  env?: Record<string, string>;
  /** The backend's passphrase (a stack imported from elsewhere needs its own). */
  passphrase?: string;
}

/** The recorded CLI, run without blocking (a simulator answers from this process); a failure carries its output. */
export function runPulumi(args: readonly string[], cwd: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      pulumiPath(ROOT),
      [...args],
      { cwd, env: { ...process.env, ...env }, encoding: "utf8", timeout: 5 * 60_000, maxBuffer: 256 * 1024 * 1024 },
      (err, stdout, stderr) => (err ? reject(new Error(`pulumi ${args.join(" ")} failed: ${err.message}\n${stdout}\n${stderr}`)) : resolve(stdout)),
    );
  });
}

export class EngineStack {
  private closed = false;

  private constructor(
    readonly stack: Stack,
    readonly name: string,
    readonly workDir: string,
    readonly backendDir: string,
    /** The engine's environment: the recorded CLI, the backend and its passphrase, and the test's additions. */
    readonly env: Record<string, string>,
  ) {}

  static async create(opts: StackOptions): Promise<EngineStack> {
    const backendDir = fs.mkdtempSync(path.join(os.tmpdir(), `digicert-${opts.name}-backend-`));
    const env = { ...engineEnv(ROOT, { dir: backendDir, passphrase: opts.passphrase ?? `${opts.name}-passphrase` }), ...opts.env };
    const ws = await LocalWorkspace.create({ workDir: opts.workDir, pulumiCommand: await pulumiCommand(ROOT), envVars: env });
    const stack = await Stack.create(opts.name, ws);
    if (opts.config && Object.keys(opts.config).length > 0) await stack.setAllConfig(opts.config);
    return new EngineStack(stack, opts.name, opts.workDir, backendDir, env);
  }

  /** The operation, recorded from the engine's events; a failure is recorded, not thrown. */
  run(kind: OpKind, opts: { verbose?: boolean } = {}): Promise<OpRecord> {
    return runOperation(this.stack, kind, opts);
  }

  /** `pulumi <args> --stack <name> --non-interactive` in the program's folder; its stdout. */
  cli(...args: string[]): Promise<string> {
    return runPulumi([...args, "--stack", this.name, "--non-interactive"], this.workDir, this.env);
  }

  /** Exactly what a user runs: `pulumi stack export`, secrets not shown. */
  exportText(): Promise<string> {
    return this.cli("stack", "export");
  }

  /** The deployment's resources, secrets decrypted (the Automation API's export). */
  async resources(): Promise<StateResource[]> {
    return ((await this.stack.exportStack()).deployment as { resources?: StateResource[] }).resources ?? [];
  }

  /** The outputs the state holds for the resource named `name`. */
  async outputsOf(name: string): Promise<Record<string, unknown>> {
    const found = (await this.resources()).find((r) => r.urn.endsWith(`::${name}`));
    if (!found) throw new Error(`no resource ${name} in the stack`);
    return found.outputs ?? {};
  }

  /** The stack's outputs as plain values. */
  async outputs(): Promise<Record<string, unknown>> {
    return Object.fromEntries(Object.entries(await this.stack.outputs()).map(([k, v]) => [k, v.value]));
  }

  /** Ends any process the engine left working in the program's folder, and removes the backend. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    endLeftovers(this.workDir);
    await fs.promises.rm(this.backendDir, { recursive: true, force: true });
  }
}
