// The SDKs `pulumi package gen-sdk` generates from schema.json, built as a user builds
// them: the Node.js one compiled with tsc into a package (`bin/` with its package.json,
// as Pulumi's provider repositories publish it), the Python one pip-installed with the
// `pulumi` package from PyPI into a virtualenv under .state/ (git-ignored).
// docs/dev/generated-sdks.md says how and why.
import { spawnSync, type SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { engineChoice, engineEnv } from "../../../engine/engine-env";

// Variables the CLI's AI-agent detection reads (sdk/go/common/util/agentdetect in v3.259.0).
// With one set, gen-sdk looks the package up in the Pulumi registry to print documentation
// hints: a network call (about 7 s offline) and extra output. The tests are offline and silent.
export const AGENT_ENV = [
  "AI_AGENT",
  "CURSOR_TRACE_ID",
  "CURSOR_AGENT",
  "GEMINI_CLI",
  "CODEX_SANDBOX",
  "CODEX_CI",
  "CODEX_THREAD_ID",
  "ANTIGRAVITY_AGENT",
  "AUGMENT_AGENT",
  "OPENCODE",
  "OPENCODE_CALLER",
  "OPENCODE_CLIENT",
  "CLAUDE_CODE_IS_COWORK",
  "CLAUDECODE",
  "CLAUDE_CODE",
  "REPL_ID",
  "COPILOT_MODEL",
  "COPILOT_ALLOW_ALL",
  "COPILOT_GITHUB_TOKEN",
  "GOOSE_PROVIDER",
];

export type SdkLanguage = "nodejs" | "python";

/** The engine's environment, without the variables that make gen-sdk go online. */
export function offlineEngineEnv(root: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...engineEnv(root) };
  for (const k of AGENT_ENV) delete env[k];
  return env;
}

/** `pulumi package gen-sdk <root>/schema.json --language <language> --out <work>/sdk`, run in `work`. */
export function genSdk(root: string, language: SdkLanguage, work: string): SpawnSyncReturns<string> & { dir: string } {
  const out = path.join(work, "sdk");
  const r = spawnSync(engineChoice(root).pulumi, ["package", "gen-sdk", path.join(root, "schema.json"), "--language", language, "--out", out], {
    cwd: work,
    env: offlineEngineEnv(root),
    encoding: "utf8",
    timeout: 60_000,
  });
  return { ...r, dir: path.join(out, language) };
}

function run(cmd: string, args: string[], cwd: string, timeout: number): string {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", timeout });
  if (r.error || r.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} (in ${cwd}) failed: ${r.error?.message ?? `exit ${r.status}`}\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

/**
 * Compiles a generated Node.js SDK with the project's TypeScript (its own tsconfig.json,
 * output in bin/) and copies its package.json into bin/: bin/ is then the package, to
 * link into a program's node_modules under the SDK's name. The SDK must sit inside the
 * checkout, so that @pulumi/pulumi and @types/node resolve from its node_modules.
 */
export function buildNodejsSdk(root: string, sdkDir: string): string {
  run(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], sdkDir, 180_000);
  const bin = path.join(sdkDir, "bin");
  fs.copyFileSync(path.join(sdkDir, "package.json"), path.join(bin, "package.json"));
  return bin;
}

/** Links `pkgDir` into `programDir`/node_modules under the package's own name (scoped or not). */
export function linkPackage(programDir: string, pkgDir: string): string {
  const name = (JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8")) as { name: string }).name;
  const target = path.join(programDir, "node_modules", ...name.split("/"));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.rmSync(target, { recursive: true, force: true });
  fs.symlinkSync(pkgDir, target, "dir");
  return name;
}

/** The virtualenv the tests install the generated Python SDK into (git-ignored), reused across runs: pulumi comes from PyPI once (docs/dev/generated-sdks.md). */
export const PYTHON_SDK_VENV = path.resolve(__dirname, "../../..", ".state", "python-sdk-venv");

/**
 * A virtualenv (reused across runs: creating it and fetching `pulumi` from PyPI is the
 * slow part) with the generated Python SDK (re)installed from `sdkDir`, which pulls the
 * `pulumi` package its setup.py asks for: the release of the engine's own version, so a
 * program the engine runs speaks the engine's protocol (docs/native-plugin.md). Returns
 * the venv's python.
 */
export function pythonWithSdk(venv: string, sdkDir: string, root: string = path.resolve(__dirname, "../../..")): string {
  const python = path.join(venv, "bin", "python");
  fs.mkdirSync(path.dirname(venv), { recursive: true });
  if (!fs.existsSync(python)) run("python3", ["-m", "venv", venv], path.dirname(venv), 120_000);
  // This run's SDK, never the last run's; its requirements (pulumi from PyPI, ...) are
  // fetched once and then found satisfied.
  run(python, ["-m", "pip", "uninstall", "--quiet", "--yes", "pulumi_digicert"], sdkDir, 120_000);
  const pulumiRelease = engineChoice(root).version.replace(/^v/, "");
  run(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", sdkDir, `pulumi==${pulumiRelease}`], sdkDir, 600_000);
  return python;
}
