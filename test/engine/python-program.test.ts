// A Python program through the real engine: the project's Python language host
// (engine/pulumi-engine/cmd/pulumi-language-python) runs test/engine/python/program with
// the SDK generated from schema.json, pip-installed with the `pulumi` package from PyPI
// into a virtualenv, and the native plugin pulumi-resource-digicert serves its resource
// against a simulator this test starts (the counts are the stack and the order; the
// default provider is not counted): up places one order, a second preview plans no
// change and calls nothing, destroy revokes.
import * as fs from "fs";
import * as path from "path";
import { engineChoice } from "../../engine/engine-env";
import { EngineFixture, ROOT, type EngineStack, type TestSimulator } from "./support/fixture";
import { PYTHON_SDK_VENV, genSdk, pythonWithSdk } from "./support/generated-sdks";

jest.setTimeout(15 * 60_000);

const PROGRAM = path.join(__dirname, "python/program");
const KEY = "python-key-6c1f0a93e2";

const fx = new EngineFixture();
let sim: TestSimulator;
let es: EngineStack;

beforeAll(async () => {
  engineChoice(ROOT);
  const gen = genSdk(ROOT, "python", fx.scratch("python-sdk"));
  if (gen.status !== 0) throw new Error(`gen-sdk failed: ${gen.stdout}\n${gen.stderr}`);
  pythonWithSdk(PYTHON_SDK_VENV, gen.dir);
  sim = await fx.simulator({ apiKeys: [KEY] });
  // The virtualenv and (added by the fixture) the plugin's folder, as a user names them in Pulumi.yaml (docs/native-plugin.md).
  const pulumiYaml = fs
    .readFileSync(path.join(PROGRAM, "Pulumi.yaml"), "utf8")
    .replace(/^runtime: python$/m, `runtime:\n  name: python\n  options:\n    virtualenv: ${PYTHON_SDK_VENV}`);
  const program = { copies: { "__main__.py": path.join(PROGRAM, "__main__.py") }, files: { "Pulumi.yaml": pulumiYaml } };
  es = await fx.stack({ name: "python", program, plugin: fx.plugin(), sim });
});
afterAll(() => fx.close());

let orderId: number;

test("up runs the Python program and places one order", async () => {
  const r = await es.stack.up();
  expect(r.summary.resourceChanges).toEqual({ create: 2 });
  const out = await es.outputs();
  orderId = out["orderId"] as number;
  expect(out["status"]).toBe("issued");
  const calls = await sim.takeCalls();
  expect(calls.filter((c) => c.startsWith("POST /order/certificate/client_"))).toEqual(["POST /order/certificate/client_premium_sha2"]);
  const types = (await es.resources()).map((x) => x.type);
  expect(types).toContain("digicert:index:ClientCertificateOrder");
});

test("a second preview plans no change and calls nothing", async () => {
  const p = await es.stack.preview();
  expect(p.changeSummary).toEqual({ same: 2 });
  expect(await sim.takeCalls()).toEqual([]);
});

test("destroy deletes the order's resource and revokes its certificate", async () => {
  const r = await es.stack.destroy();
  expect(r.summary.resourceChanges).toEqual({ delete: 2 });
  const calls = await sim.takeCalls();
  expect(calls.filter((c) => c.startsWith("PUT /certificate/") && c.endsWith("/revoke"))).toHaveLength(1);
  expect(calls).toContain(`GET /order/certificate/${orderId}`);
  expect(await es.resources()).toEqual([]);
});
