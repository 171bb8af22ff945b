// pulumi-digicert installed as a user installs it, not through this checkout's
// node_modules: a clone of HEAD without bin/ is packed, and the tarball installed into
// a fresh program under the system temp folder; a second program installs it from a
// git+file:// URL of that clone. Each program has its own node_modules and its own
// @pulumi/pulumi (one copy in the tree), and runs up / preview / destroy through the
// real Pulumi engine against a simulator of its own that this test starts.
import * as fs from "node:fs";
import * as path from "node:path";
import { engineEnv } from "../../../engine/engine-env";
import { EngineFixture, ROOT, VERSION } from "../support/fixture";
import { NPM_FLAGS, REVOCATION_COMMENTS, installedCopies, run, userEnv, writeUserProgram } from "../support/user-program";

jest.setTimeout(10 * 60_000);

const KEY = "install-key-5e1b9c7a2d40";
const PASSPHRASE = "install-passphrase";

const fx = new EngineFixture();
let tmp: string;
let clone: string;
let head: string;

/**
 * Packs a clone without bin/ and installs the tarball into a new program. The clone
 * borrows this checkout's node_modules (the same lockfile): what is tested is that
 * npm pack builds the committed sources (prepare) before packing; installing
 * dependencies into a clone is what the git-URL install does.
 */
async function installFromTarball(): Promise<string> {
  expect(fs.existsSync(path.join(clone, "bin"))).toBe(false);
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(clone, "node_modules"), "dir");
  const packs = path.join(tmp, "packs");
  fs.mkdirSync(packs);
  await run("npm", ["pack", "--pack-destination", packs, ...NPM_FLAGS], clone, userEnv());
  expect(fs.readdirSync(packs)).toEqual([`pulumi-digicert-${VERSION}.tgz`]);
  const program = path.join(tmp, "program-tarball");
  writeUserProgram(program);
  await run("npm", ["install", ...NPM_FLAGS, path.join(packs, `pulumi-digicert-${VERSION}.tgz`)], program, userEnv());
  return program;
}

/** Installs the package into a new program from a git+file:// URL of the clone's commit. */
async function installFromGitUrl(): Promise<string> {
  const program = path.join(tmp, "program-git");
  writeUserProgram(program);
  // npm clones the commit (tracked files only: no bin/, no node_modules), installs its
  // dependencies there, runs prepare, packs and installs the result.
  await run("npm", ["install", ...NPM_FLAGS, `git+file://${clone}#${head}`], program, userEnv());
  return program;
}

/** The installed package is this checkout's version, a copy (not a link), without the simulator, and serves the host module stacks of 0.1.0 require. */
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

/** pulumi up orders once and sets the CT status; a preview plans nothing and calls nothing; destroy revokes. */
async function upPreviewDestroy(program: string): Promise<void> {
  const sim = await fx.simulator({ apiKeys: [KEY] });
  const backend = path.join(program, ".backend");
  fs.mkdirSync(backend);
  // Type-checked once beforehand (tsc --noEmit): ts-node only transpiles here.
  const env = userEnv({ ...engineEnv(ROOT, { dir: backend, passphrase: PASSPHRASE }), PULUMI_NODEJS_TRANSPILE_ONLY: "true" });
  const pulumi = (...args: string[]) => run("pulumi", [...args, "--non-interactive"], program, env);
  await pulumi("stack", "init", "installed");
  await pulumi("config", "set", "digicert:baseUrl", sim.baseUrl);
  await pulumi("config", "set", "--secret", "digicert:apiKey", KEY);
  await pulumi("config", "set", "digicert:waitForIssuanceSeconds", "1");

  await pulumi("up", "--yes", "--skip-preview");
  const orderId = Number((await pulumi("stack", "output", "orderId")).stdout.trim());
  expect(Number.isInteger(orderId)).toBe(true);
  const up = await sim.takeCalls();
  expect(up.filter((c) => c.startsWith("POST /order/certificate/client_"))).toHaveLength(1);
  expect(up).toContain(`PUT /order/certificate/${orderId}/ct-status`);
  expect((await sim.order(orderId)).disable_ct).toBe(true);
  await sim.takeCalls();

  // --expect-no-changes makes the CLI fail if the plan holds any change.
  await pulumi("preview", "--expect-no-changes");
  expect(await sim.takeCalls()).toEqual([]);

  await pulumi("destroy", "--yes", "--skip-preview");
  const revoke = (await sim.order(orderId)).requests.find((q) => q.type === "revoke");
  expect(revoke).toMatchObject({ comments: REVOCATION_COMMENTS });
}

// The two installs, each followed by its stack, run side by side from beforeAll: they
// share only npm's cache, and each has its own simulator and backend. Each test awaits
// its own and reports what failed in it.
let fromTarball: Promise<void>;
let fromGitUrl: Promise<void>;

beforeAll(async () => {
  tmp = fx.tempDir("install");
  clone = path.join(tmp, "clone");
  head = (await run("git", ["rev-parse", "HEAD"], ROOT, userEnv())).stdout.trim();
  await run("git", ["clone", "--quiet", "--no-checkout", ROOT, clone], tmp, userEnv());
  await run("git", ["checkout", "--quiet", head], clone, userEnv());
  fromTarball = installFromTarball().then(async (program) => {
    await expectInstalledPackage(program);
    expectOnePulumiSdk(program);
    // The program type-checks with the program's own TypeScript against the package's
    // declarations (the same build in both programs, so once); ts-node then only
    // transpiles, in both.
    await run(path.join(program, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", program], program, userEnv());
    await upPreviewDestroy(program);
    await fs.promises.rm(program, { recursive: true, force: true });
  });
  fromGitUrl = installFromGitUrl().then(async (program) => {
    await expectInstalledPackage(program);
    expectOnePulumiSdk(program);
    await upPreviewDestroy(program);
    await fs.promises.rm(program, { recursive: true, force: true });
  });
  // Until its test awaits it, a failure must not count as unhandled.
  for (const p of [fromTarball, fromGitUrl]) p.catch(() => undefined);
});

afterAll(async () => {
  // Nothing may still be running or writing into tmp when it is removed.
  await Promise.allSettled([fromTarball, fromGitUrl]);
  await fx.close();
});

test("a clone without bin/ packs a built tarball; installed into a fresh program, pulumi up / preview / destroy use it", async () => {
  await fromTarball;
});

test("installed from a git+file:// URL of a clone, it builds itself; pulumi up / preview / destroy use it", async () => {
  await fromGitUrl;
});
