// A Python program through the real engine: the project's Python language host
// (engine/pulumi-engine/cmd/pulumi-language-python) runs test/engine/python/program with
// the SDK generated from schema.json, pip-installed with the `pulumi` package from PyPI
// into a virtualenv, and the native plugin pulumi-resource-digicert serves its resource
// against a simulator this test starts (the counts are the stack and the order; the
// default provider is not counted): up places one order, a second preview plans no
// change and calls nothing, destroy revokes.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { startSimulator, type Simulator } from "../../simulator";
import { engineChoice, engineEnv, pulumiCommand } from "../../engine/engine-env";
import { PluginDir } from "./native/plugin-dir";
import { genSdk, pythonWithSdk } from "./support/generated-sdks";
import { takeCalls, plainOutputs } from "./support/stack";

jest.setTimeout(15 * 60_000);

const ROOT = path.resolve(__dirname, "../..");
const PROGRAM = path.join(__dirname, "python/program");
const VENV = path.join(ROOT, ".state", "python-sdk-venv");
const KEY = "python-key-6c1f0a93e2";
const STACK = "python";

let sim: Simulator;
let plugin: PluginDir;
let stack: Stack;
let workDir: string;
let backendDir: string;

beforeAll(async () => {
  engineChoice(ROOT);
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "digicert-python-program-"));
  const gen = genSdk(ROOT, "python", workDir);
  if (gen.status !== 0) throw new Error(`gen-sdk failed: ${gen.stdout}\n${gen.stderr}`);
  pythonWithSdk(VENV, gen.dir);
  sim = await startSimulator({ port: 0, apiKeys: [KEY] });
  plugin = new PluginDir(fs.mkdtempSync(path.join(os.tmpdir(), "digicert-python-plugin-")), path.join(ROOT, "bin/provider/plugin/main.js"));
  fs.copyFileSync(path.join(PROGRAM, "__main__.py"), path.join(workDir, "__main__.py"));
  // The virtualenv and the plugin's folder, as a user names them in Pulumi.yaml (docs/native-plugin.md).
  fs.writeFileSync(
    path.join(workDir, "Pulumi.yaml"),
    fs.readFileSync(path.join(PROGRAM, "Pulumi.yaml"), "utf8").replace(/^runtime: python$/m, `runtime:\n  name: python\n  options:\n    virtualenv: ${VENV}`) +
      `plugins:\n  providers:\n    - name: digicert\n      path: ${plugin.dir}\n`,
  );
  backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "digicert-python-backend-"));
  const env = engineEnv(ROOT, { dir: backendDir, passphrase: "python-passphrase" });
  const ws = await LocalWorkspace.create({ workDir, pulumiCommand: await pulumiCommand(ROOT), envVars: env });
  stack = await Stack.create(STACK, ws);
  await stack.setAllConfig({
    "digicert:baseUrl": { value: sim.baseUrl },
    "digicert:apiKey": { value: KEY, secret: true },
    "digicert:waitForIssuanceSeconds": { value: "1" },
  });
});

afterAll(async () => {
  plugin?.killLeftovers();
  await sim?.close();
  for (const d of [workDir, backendDir, plugin?.dir]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

let orderId: number;

test("up runs the Python program and places one order", async () => {
  const r = await stack.up();
  expect(r.summary.resourceChanges).toEqual({ create: 2 });
  const out = await plainOutputs(stack);
  orderId = out["orderId"] as number;
  expect(out["status"]).toBe("issued");
  const calls = await takeCalls(sim);
  expect(calls.filter((c) => c.startsWith("POST /order/certificate/client_"))).toEqual(["POST /order/certificate/client_premium_sha2"]);
  const types = (await stack.exportStack()).deployment.resources.map((x: { type: string }) => x.type);
  expect(types).toContain("digicert:index:ClientCertificateOrder");
});

test("a second preview plans no change and calls nothing", async () => {
  const p = await stack.preview();
  expect(p.changeSummary).toEqual({ same: 2 });
  expect(await takeCalls(sim)).toEqual([]);
});

test("destroy deletes the order's resource and revokes its certificate", async () => {
  const r = await stack.destroy();
  expect(r.summary.resourceChanges).toEqual({ delete: 2 });
  const calls = await takeCalls(sim);
  expect(calls.filter((c) => c.startsWith("PUT /certificate/") && c.endsWith("/revoke"))).toHaveLength(1);
  expect(calls).toContain(`GET /order/certificate/${orderId}`);
  expect((await stack.exportStack()).deployment.resources ?? []).toEqual([]);
});
