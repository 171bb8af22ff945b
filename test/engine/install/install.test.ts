// pulumi-digicert installed as a user installs it, not through this checkout's
// node_modules: a clone of HEAD without bin/ is packed, and the tarball installed into
// a fresh program under the system temp folder; a second program installs it from a
// git+file:// URL of that clone. Each program has its own node_modules and its own
// @pulumi/pulumi (one copy in the tree), and runs up / preview / destroy through the
// real Pulumi engine against a simulator this test starts.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startSimulator, type Simulator } from "../../../provider/simulator";
import { engineEnv } from "../../../tools/engine-env";
import { REVOCATION_COMMENTS, installedCopies, run, userEnv, writeProgram } from "./program";

jest.setTimeout(10 * 60_000);

const ROOT = path.resolve(__dirname, "../../..");
const KEY = "install-key-5e1b9c7a2d40";
const PASSPHRASE = "install-passphrase";
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;
// npm's cache, preferring what it holds: the registry is reachable, but need not be asked.
const NPM_FLAGS = ["--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];

let sim: Simulator;
let tmp: string;
let clone: string;
let head: string;

interface OrderState {
  status: string;
  disable_ct?: boolean;
  requests: { type?: string; status: string; comments?: string }[];
}

async function order(orderId: number): Promise<OrderState> {
  const res = await fetch(`${sim.baseUrl}/order/certificate/${orderId}`, { headers: { "X-DC-DEVKEY": KEY } });
  expect(res.status).toBe(200);
  return (await res.json()) as OrderState;
}

/** The simulator's requests since the last call, as "METHOD /path". */
async function takeCalls(): Promise<string[]> {
  const calls = (await sim.admin.requests()).map((r) => `${r.method} ${r.path}`);
  await sim.admin.clearRequests();
  return calls;
}

// The two installs run side by side (they share nothing but npm's cache); each test
// awaits its own, then runs the engine on it, one stack at a time.
let tarballInstall: Promise<string>;
let gitInstall: Promise<string>;

/** Packs a clone without bin/ (npm ci builds it through prepare) and installs the tarball into a new program. */
async function installFromTarball(): Promise<string> {
  if (fs.existsSync(path.join(clone, "bin"))) throw new Error("the clone has a bin/ before it was built");
  await run("npm", ["ci", ...NPM_FLAGS], clone, userEnv());
  const packs = path.join(tmp, "packs");
  fs.mkdirSync(packs);
  await run("npm", ["pack", "--pack-destination", packs, ...NPM_FLAGS], clone, userEnv());
  const files = fs.readdirSync(packs);
  if (files.length !== 1 || files[0] !== `pulumi-digicert-${VERSION}.tgz`) throw new Error(`npm pack wrote ${files.join(", ")}`);
  const program = path.join(tmp, "program-tarball");
  writeProgram(program);
  await run("npm", ["install", ...NPM_FLAGS, path.join(packs, files[0])], program, userEnv());
  return program;
}

/** Installs the package into a new program from a git+file:// URL of the clone's commit. */
async function installFromGitUrl(): Promise<string> {
  const program = path.join(tmp, "program-git");
  writeProgram(program);
  // npm clones the commit (tracked files only: no bin/, no node_modules), installs its
  // dependencies there, runs prepare, packs and installs the result.
  await run("npm", ["install", ...NPM_FLAGS, `git+file://${clone}#${head}`], program, userEnv());
  return program;
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, apiKeys: [KEY] });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "digicert-install-"));
  clone = path.join(tmp, "clone");
  head = (await run("git", ["rev-parse", "HEAD"], ROOT, userEnv())).stdout.trim();
  await run("git", ["clone", "--quiet", "--no-checkout", ROOT, clone], tmp, userEnv());
  await run("git", ["checkout", "--quiet", head], clone, userEnv());
  tarballInstall = installFromTarball();
  gitInstall = installFromGitUrl();
  // Each is awaited by its test; until then a failure must not count as unhandled.
  for (const p of [tarballInstall, gitInstall]) p.catch(() => undefined);
});

afterAll(async () => {
  // Nothing may still be writing into tmp when it is removed.
  await Promise.allSettled([tarballInstall, gitInstall]);
  await sim?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** The installed package is the one this checkout declares, and serves the host module stacks of 0.1.0 require. */
async function expectInstalledPackage(program: string): Promise<void> {
  const installed = path.join(program, "node_modules", "pulumi-digicert");
  expect(fs.lstatSync(installed).isSymbolicLink()).toBe(false);
  expect((JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8")) as { version: string }).version).toBe(VERSION);
  expect(fs.existsSync(path.join(installed, "bin", "simulator"))).toBe(false);
  expect(fs.existsSync(path.join(installed, "bin", "provider", "simulator"))).toBe(false);
  const probe = `const h = require("pulumi-digicert/bin/provider/resources/host");
    process.stdout.write(JSON.stringify([require.resolve("pulumi-digicert"), typeof h.install, typeof h.provider, typeof h.configure]));`;
  const { stdout } = await run(process.execPath, ["-e", probe], program, userEnv());
  expect(JSON.parse(stdout)).toEqual([path.join(fs.realpathSync(installed), "bin", "sdk", "index.js"), "function", "function", "function"]);
}

/** Exactly one @pulumi/pulumi in the program's tree: its own. */
function expectOnePulumiSdk(program: string): void {
  expect(installedCopies(program, "@pulumi/pulumi")).toEqual([path.join(program, "node_modules", "@pulumi", "pulumi")]);
}

/** pulumi up orders once and sets the CT status; a preview plans nothing; destroy revokes. */
async function upPreviewDestroy(program: string, backend: string): Promise<void> {
  fs.mkdirSync(backend, { recursive: true });
  const env = userEnv({ ...engineEnv(ROOT, { dir: backend, passphrase: PASSPHRASE }) });
  const pulumi = (...args: string[]) => run("pulumi", [...args, "--non-interactive"], program, env);
  await pulumi("stack", "init", "installed");
  await pulumi("config", "set", "digicert:baseUrl", sim.baseUrl);
  await pulumi("config", "set", "--secret", "digicert:apiKey", KEY);
  await pulumi("config", "set", "digicert:waitForIssuanceSeconds", "1");
  await takeCalls();

  await pulumi("up", "--yes", "--skip-preview");
  const orderId = Number((await pulumi("stack", "output", "orderId")).stdout.trim());
  expect(Number.isInteger(orderId)).toBe(true);
  const up = await takeCalls();
  expect(up.filter((c) => c.startsWith("POST /order/certificate/client_"))).toHaveLength(1);
  expect(up).toContain(`PUT /order/certificate/${orderId}/ct-status`);
  expect((await order(orderId)).disable_ct).toBe(true);

  // --expect-no-changes makes the CLI fail if the plan holds any change.
  await pulumi("preview", "--expect-no-changes");
  expect(await takeCalls()).toEqual([]);

  await pulumi("destroy", "--yes", "--skip-preview");
  const revoke = (await order(orderId)).requests.find((q) => q.type === "revoke");
  expect(revoke).toMatchObject({ comments: REVOCATION_COMMENTS });
}

test("a clone without bin/ packs a built tarball; installed into a fresh program, pulumi up / preview / destroy use it", async () => {
  const program = await tarballInstall;
  await expectInstalledPackage(program);
  expectOnePulumiSdk(program);
  await upPreviewDestroy(program, path.join(tmp, "backend-tarball"));
});

test("installed from a git+file:// URL of a clone, it builds itself; pulumi up / preview / destroy use it", async () => {
  const program = await gitInstall;
  await expectInstalledPackage(program);
  expectOnePulumiSdk(program);
  await upPreviewDestroy(program, path.join(tmp, "backend-git"));
});
