// The one place that reads which Pulumi engine this checkout runs: `make engine`
// (scripts/engine.sh) chooses a `pulumi` on PATH or the one it builds into .tools/bin,
// and records the choice in .tools/engine.json. Every engine test, the benchmark and
// the make targets (through scripts/pulumi-env.sh) run that recorded engine, with its
// home inside the project and nothing fetched from the network.
import * as fs from "node:fs";
import * as path from "node:path";
import { PulumiCommand } from "@pulumi/pulumi/automation";
import { z } from "zod";

/** The checkout: the folder holding engine/pulumi-engine (from engine/ under ts-jest, or bin/engine when built). */
export const ROOT = findRoot(__dirname);

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "engine", "pulumi-engine", "go.mod"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no checkout of pulumi-digicert above ${from}`);
  }
}

export const engineChoiceSchema = z.object({
  /** "path": a pulumi that was on PATH; "built": the one scripts/engine.sh built into .tools/bin. */
  source: z.enum(["path", "built"]),
  /** The CLI every test and target runs (absolute, links resolved). */
  pulumi: z.string().min(1),
  /** What it reports, e.g. "v3.259.0". */
  version: z.string().regex(/^v3\./, "a Pulumi 3.x CLI"),
  /** The version scripts/engine.sh builds and the tests are written against. */
  tested: z.string().min(1),
  /** For the Automation API, which runs <root>/bin/pulumi. */
  root: z.string().min(1),
  /** The CLI's folder, put first on PATH; the engine takes its hosts from beside it. */
  bin: z.string().min(1),
  /** Where each language or provider host the tests need is. */
  hosts: z.object({
    "pulumi-language-nodejs": z.string().min(1),
    "pulumi-resource-pulumi-nodejs": z.string().min(1),
    /** For `pulumi package gen-sdk --language python` only: beside the CLI, or the project's stand-in in home's plugin cache. */
    "pulumi-language-python": z.string().min(1),
    /** For Pulumi YAML programs: beside the CLI, or the project's build of pulumi-yaml (in bin/ when built, else in home's plugin cache). */
    "pulumi-language-yaml": z.string().min(1),
  }),
  /** PULUMI_HOME: plugins, workspace settings and credentials stay inside the project. */
  home: z.string().min(1),
});
export type EngineChoice = z.infer<typeof engineChoiceSchema>;

/** Where scripts/engine.sh builds and records (ENGINE_TOOLS, as it reads it). */
export function toolsDir(root: string = ROOT): string {
  return path.resolve(root, process.env["ENGINE_TOOLS"] ?? ".tools");
}

/** Parses a record; every error names the file and says to run `make engine`. */
export function readEngineChoice(file: string): EngineChoice {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new Error(`no Pulumi engine recorded (${file} is missing): run \`make engine\` (scripts/engine.sh) first`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file} is not JSON (${err instanceof Error ? err.message : String(err)}): run \`make engine\` again`);
  }
  const parsed = engineChoiceSchema.safeParse(json);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join(".") || "(record)"}: ${i.message}`).join("; ");
    throw new Error(`${file} is not a record scripts/engine.sh writes (${why}): run \`make engine\` again`);
  }
  const gone = [parsed.data.pulumi, ...Object.values(parsed.data.hosts)].filter((f) => !fs.existsSync(f));
  if (gone.length > 0) throw new Error(`${file} names ${gone.join(", ")}, which no longer exist: run \`make engine\` again`);
  return parsed.data;
}

const cache = new Map<string, EngineChoice>();

/** The recorded engine. Unit tests run no engine: in the jest project `unit`, asking for one is an error. */
export function engineChoice(root: string = ROOT): EngineChoice {
  if (process.env["DIGICERT_TEST_PROJECT"] === "unit") {
    throw new Error("a unit test asked for the Pulumi engine: tests that run the engine live under test/engine/ (jest project `engine`)");
  }
  const file = path.join(toolsDir(root), "engine.json");
  let choice = cache.get(file);
  if (!choice) {
    choice = readEngineChoice(file);
    cache.set(file, choice);
  }
  return choice;
}

export interface Backend {
  /** A local file backend's folder. */
  readonly dir: string;
  readonly passphrase: string;
}

/** PATH with the CLI's folder first (once). */
export function enginePath(choice: EngineChoice, inherited: string = process.env["PATH"] ?? ""): string {
  return [choice.bin, ...inherited.split(path.delimiter).filter((p) => p !== "" && p !== choice.bin)].join(path.delimiter);
}

/** The environment of every Pulumi CLI the tests and the benchmark run, added to the process's own (as scripts/pulumi-env.sh sets it in a shell). */
export function engineEnv(root: string = ROOT, backend?: Backend): Record<string, string> {
  const choice = engineChoice(root);
  return {
    PATH: enginePath(choice),
    PULUMI_HOME: choice.home,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    // Language and dynamic-provider hosts from beside the CLI (or home's plugin cache),
    // never a stray one elsewhere on PATH: the ones the record names.
    PULUMI_IGNORE_AMBIENT_PLUGINS: "true",
    ...(backend ? { PULUMI_BACKEND_URL: `file://${backend.dir}`, PULUMI_CONFIG_PASSPHRASE: backend.passphrase } : {}),
  };
}

/** The recorded CLI, for the Automation API: `LocalWorkspace.create({ pulumiCommand: await pulumiCommand(), envVars: engineEnv(...) })`. */
export function pulumiCommand(root: string = ROOT): Promise<PulumiCommand> {
  return PulumiCommand.get({ root: engineChoice(root).root });
}

/** The recorded CLI's path, for running it directly (e.g. `pulumi stack export`). */
export function pulumiPath(root: string = ROOT): string {
  return engineChoice(root).pulumi;
}

/**
 * For a check that reads the engine's own output (a log line's format, a message's
 * wording), written against the output of Pulumi `writtenFor`: runs it, and when it
 * fails on another CLI version, the failure says so, naming both.
 */
export function checkEngineOutput<T>(writtenFor: string, what: string, check: () => T, choice: EngineChoice = engineChoice()): T {
  try {
    return check();
  } catch (err) {
    const note = engineVersionNote(writtenFor, what, choice);
    if (!note) throw err;
    throw new Error(`${note}\n\n${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Why a check of the engine's output may fail on this engine; undefined when it runs the version the check was written against. */
export function engineVersionNote(writtenFor: string, what: string, choice: EngineChoice = engineChoice()): string | undefined {
  if (choice.version === writtenFor) return undefined;
  return (
    `${what} is written against the output of Pulumi ${writtenFor}; this run uses ${choice.version} ` +
    `(${choice.pulumi}, ${choice.source === "path" ? "the pulumi on PATH" : "built by make engine"}), whose output may differ`
  );
}
