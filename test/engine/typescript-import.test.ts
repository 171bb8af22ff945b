// `pulumi import` into a TypeScript stack on the native plugin, through the real engine:
// the code it writes comes from the Node.js language host's GenerateProgram (the
// project's stand-in, with pkg/v3's codegen/nodejs), uses the Node.js SDK generated from
// schema.json (@pulumi-digicert/native, built here as a user builds it), and runs with no
// change planned. Against a simulator this test starts; every step audits its requests.
import * as fs from "fs";
import * as path from "path";
import { NATIVE_NODEJS_PACKAGE } from "../../tools/schema/generate";
import { EngineFixture, ROOT, VERSION, runPulumi, typescriptProgram, writeProgram, type EngineStack, type PluginDir, type TestSimulator } from "./support/fixture";
import { buildNodejsSdk, genSdk, linkPackage } from "./support/generated-sdks";

jest.setTimeout(10 * 60_000);

const KEY = "ts-import-key-6a0f3e91";

const fx = new EngineFixture();
let sim: TestSimulator;
let plugin: PluginDir;
let scratch: string;
let es: EngineStack;

const PROGRAM = `import * as digicert from "${NATIVE_NODEJS_PACKAGE}";

const order = new digicert.ClientCertificateOrder("lock-cole", {
    productId: digicert.ClientProductId.ClientPremiumSha2,
    certificate: { commonName: "Lock Cole", emails: ["locke.cole@example.com"], signatureHash: "sha256" },
    organizationId: 112233,
    validityYears: 1,
    skipApproval: true,
    paymentMethod: digicert.PaymentMethod.Balance,
});

export const orderId = order.orderId;
`;

beforeAll(async () => {
  sim = await fx.simulator({ apiKeys: [KEY] });
  plugin = fx.plugin();
  // Inside the checkout: the SDK compiles against, and the program runs with, its node_modules.
  scratch = fx.scratch("ts-import");
  const gen = genSdk(ROOT, "nodejs", scratch);
  if (gen.status !== 0) throw new Error(`gen-sdk failed:\n${gen.stderr}`);
  const sdk = buildNodejsSdk(ROOT, gen.dir);
  const workDir = path.join(scratch, "program");
  writeProgram(workDir, typescriptProgram("ts-import", PROGRAM), plugin);
  linkPackage(workDir, sdk);
  es = await fx.stack({ name: "ts-import", program: { dir: workDir }, sim });
}, 5 * 60_000);
afterAll(() => fx.close());

let importedOrderId: number;

test("1. a TypeScript program on the generated SDK orders through the native plugin", async () => {
  const r = await es.stack.up();
  expect(r.summary.resourceChanges).toEqual({ create: 2 });
  const calls = await sim.takeCalls();
  expect(calls.filter((c) => c.startsWith("POST /order/certificate/client_"))).toHaveLength(1);
  expect((await es.resources()).map((x) => x.type)).toContain("digicert:index:ClientCertificateOrder");
});

test("2. pulumi import --out writes TypeScript (the language host's GenerateProgram) that, added to index.ts, runs with no change planned", async () => {
  importedOrderId = await sim.placeOrder({ payment_method: "balance" });
  await sim.takeCalls();
  const out = path.join(es.workDir, "imported.ts");
  await es.cli("import", "digicert:index:ClientCertificateOrder", "terra", String(importedOrderId), "--yes", "--protect=false", "--out", out);
  expect((await sim.takeCalls()).filter((c) => !c.startsWith("GET"))).toEqual([]);

  const code = fs.readFileSync(out, "utf8");
  expect(code).toContain(`import * as digicert from "${NATIVE_NODEJS_PACKAGE}";`);
  expect(code).toMatch(/const terra = new digicert\.ClientCertificateOrder\("terra", \{/);
  expect(code).toContain(`commonName: "Terra Branford"`);
  expect(code).toContain("organizationId: 112233");
  expect(code).not.toContain("protect");

  // Added to the program below its own imports, as a user pastes it: nothing to do.
  const body = code
    .split("\n")
    .filter((l) => !l.startsWith("import "))
    .join("\n");
  fs.appendFileSync(path.join(es.workDir, "index.ts"), `\n${body}`);
  const p = await es.stack.preview({ diff: true });
  expect(p.changeSummary).toEqual({ same: 3 });
  expect(await sim.takeCalls()).toEqual([]);
});

test("3. destroy revokes the stack's order and withdraws the imported one's waiting request, ordering nothing", async () => {
  const r = await es.stack.destroy();
  expect(r.summary.resourceChanges).toEqual({ delete: 3 });
  const calls = await sim.takeCalls();
  expect(calls.filter((c) => c.includes("/revoke"))).toHaveLength(1);
  // The imported order awaits approval: its request is rejected (DigiCert cancels only
  // pending and waiting_pickup orders), and nothing is canceled.
  expect(calls.filter((c) => /^PUT \/request\/\d+\/status$/.test(c))).toHaveLength(1);
  expect(calls).not.toContain(`PUT /order/certificate/${importedOrderId}/status`);
  expect((await sim.order(importedOrderId)).status).toBe("rejected");
  expect(calls.filter((c) => c.startsWith("POST /order/certificate/client_"))).toEqual([]);
});

test("4. pulumi convert --language typescript writes a project on the generated SDK (the language host's GenerateProject)", async () => {
  const src = path.join(scratch, "pcl");
  const out = path.join(scratch, "converted");
  const mainPp = `resource lockCole "digicert:index:ClientCertificateOrder" {
    productId = "client_premium_sha2"
    certificate = {
        commonName = "Lock Cole"
        emails = ["locke.cole@example.com"]
        signatureHash = "sha256"
    }
    organizationId = 112233
}

output orderId {
    value = lockCole.orderId
}
`;
  writeProgram(src, { files: { "Pulumi.yaml": "name: converted\nruntime: yaml\n", "main.pp": mainPp } }, plugin);
  await runPulumi(["convert", "--from", "pcl", "--language", "typescript", "--out", out, "--generate-only", "--non-interactive"], src, es.env);
  const index = fs.readFileSync(path.join(out, "index.ts"), "utf8");
  expect(index).toContain(`import * as digicert from "${NATIVE_NODEJS_PACKAGE}";`);
  expect(index).toContain(`const lockCole = new digicert.ClientCertificateOrder("lockCole", {`);
  expect(index).toContain("productId: digicert.ClientProductId.ClientPremiumSha2,");
  expect(index).toContain("export const orderId = lockCole.orderId;");
  const pkg = JSON.parse(fs.readFileSync(path.join(out, "package.json"), "utf8")) as { dependencies: Record<string, string> };
  expect(pkg.dependencies[NATIVE_NODEJS_PACKAGE]).toBe(VERSION);
  expect(fs.readFileSync(path.join(out, "Pulumi.yaml"), "utf8")).toMatch(/runtime:\s+nodejs/);
  // Converting calls DigiCert for nothing.
  expect(await sim.takeCalls()).toEqual([]);
});
