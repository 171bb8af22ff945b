// `pulumi import` into a TypeScript stack on the native plugin, through the real engine:
// the code it writes comes from the Node.js language host's GenerateProgram (the
// project's stand-in, with pkg/v3's codegen/nodejs), uses the Node.js SDK generated from
// schema.json (@pulumi-digicert/native, built here as a user builds it), and runs with no
// change planned. Against a simulator this test starts; every step audits its requests.
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { startSimulator, type Simulator } from "../../simulator";
import { NATIVE_NODEJS_PACKAGE } from "../../tools/schema/generate";
import { engineEnv, pulumiCommand, pulumiPath } from "../../tools/engine-env";
import { PluginDir } from "./support/plugin-dir";
import { buildNodejsSdk, genSdk, linkPackage } from "./support/generated-sdks";
import { takeCalls } from "./support/stack";

jest.setTimeout(10 * 60_000);
const execFileAsync = promisify(execFile);

const ROOT = path.resolve(__dirname, "../..");
const KEY = "ts-import-key-6a0f3e91";
const STACK = "ts-import";

let sim: Simulator;
let plugin: PluginDir;
let stack: Stack;
let scratch: string;
let workDir: string;
let backendDir: string;
let env: Record<string, string>;

async function api(method: string, p: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${sim.baseUrl}${p}`, {
    method,
    headers: { "X-DC-DEVKEY": KEY, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status).toBeLessThan(300);
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}

/** The CLI in the program's folder (the Automation API has no `import --out`); asynchronous, as the simulator answers from this process. */
async function pulumi(...args: string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync(pulumiPath(ROOT), [...args, "--stack", STACK, "--non-interactive"], {
      cwd: workDir,
      env: { ...process.env, ...env },
      encoding: "utf8",
      timeout: 5 * 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (e) {
    const err = e as { code?: unknown; stdout?: string; stderr?: string };
    throw new Error(`pulumi ${args.join(" ")} failed (exit ${String(err.code)}):\n${err.stdout ?? ""}\n${err.stderr ?? ""}`);
  }
}

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
  sim = await startSimulator({ port: 0, apiKeys: [KEY] });
  plugin = new PluginDir(fs.mkdtempSync(path.join(os.tmpdir(), "digicert-ts-import-plugin-")), path.join(ROOT, "bin/provider/plugin/main.js"));
  // Inside the checkout: the SDK compiles against, and the program runs with, its node_modules.
  fs.mkdirSync(path.join(ROOT, ".state"), { recursive: true });
  scratch = fs.mkdtempSync(path.join(ROOT, ".state", "ts-import-"));
  const gen = genSdk(ROOT, "nodejs", scratch);
  if (gen.status !== 0) throw new Error(`gen-sdk failed:\n${gen.stderr}`);
  const sdk = buildNodejsSdk(ROOT, gen.dir);
  workDir = path.join(scratch, "program");
  fs.mkdirSync(workDir);
  linkPackage(workDir, sdk);
  fs.copyFileSync(path.join(ROOT, "examples/client-certificates/tsconfig.json"), path.join(workDir, "tsconfig.json"));
  fs.writeFileSync(path.join(workDir, "index.ts"), PROGRAM);
  // Its own package.json, or the runner would take the checkout's (pulumi-digicert's main) for the program.
  fs.writeFileSync(path.join(workDir, "package.json"), JSON.stringify({ name: "ts-import", private: true, main: "index.ts" }, null, 2));
  fs.writeFileSync(
    path.join(workDir, "Pulumi.yaml"),
    `name: ts-import\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nplugins:\n  providers:\n    - name: digicert\n      path: ${plugin.dir}\n`,
  );
  backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "digicert-ts-import-backend-"));
  env = engineEnv(ROOT, { dir: backendDir, passphrase: "ts-import-passphrase" });
  const ws = await LocalWorkspace.create({ workDir, pulumiCommand: await pulumiCommand(ROOT), envVars: env });
  stack = await Stack.create(STACK, ws);
  await stack.setAllConfig({
    "digicert:baseUrl": { value: sim.baseUrl },
    "digicert:apiKey": { value: KEY, secret: true },
    "digicert:waitForIssuanceSeconds": { value: "1" },
  });
}, 5 * 60_000);

afterAll(async () => {
  plugin?.killLeftovers();
  await sim?.close();
  for (const d of [scratch, backendDir, plugin?.dir]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

let importedOrderId: number;

test("1. a TypeScript program on the generated SDK orders through the native plugin", async () => {
  const r = await stack.up();
  expect(r.summary.resourceChanges).toEqual({ create: 2 });
  const calls = await takeCalls(sim);
  expect(calls.filter((c) => c.startsWith("POST /order/certificate/client_"))).toHaveLength(1);
  const state = (await stack.exportStack()).deployment.resources as { type: string }[];
  expect(state.map((x) => x.type)).toContain("digicert:index:ClientCertificateOrder");
});

test("2. pulumi import --out writes TypeScript (the language host's GenerateProgram) that, added to index.ts, runs with no change planned", async () => {
  const placed = (await api("POST", "/order/certificate/client_premium_sha2", {
    certificate: { common_name: "Terra Branford", emails: ["terra.branford@example.com"], signature_hash: "sha256" },
    organization: { id: 112233 },
    validity_years: 1,
    payment_method: "balance",
  })) as { id: number };
  importedOrderId = placed.id;
  await takeCalls(sim);
  const out = path.join(workDir, "imported.ts");
  await pulumi("import", "digicert:index:ClientCertificateOrder", "terra", String(importedOrderId), "--yes", "--protect=false", "--out", out);
  expect((await takeCalls(sim)).filter((c) => !c.startsWith("GET"))).toEqual([]);

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
  fs.appendFileSync(path.join(workDir, "index.ts"), `\n${body}`);
  const p = await stack.preview({ diff: true });
  expect(p.changeSummary).toEqual({ same: 3 });
  expect(await takeCalls(sim)).toEqual([]);
});

test("3. destroy revokes the stack's order and cancels the imported one, ordering nothing", async () => {
  const r = await stack.destroy();
  expect(r.summary.resourceChanges).toEqual({ delete: 3 });
  const calls = await takeCalls(sim);
  expect(calls.filter((c) => c.includes("/revoke"))).toHaveLength(1);
  expect(calls).toContain(`PUT /order/certificate/${importedOrderId}/status`);
  expect(calls.filter((c) => c.startsWith("POST /order/certificate/client_"))).toEqual([]);
});

test("4. pulumi convert --language typescript writes a project on the generated SDK (the language host's GenerateProject)", async () => {
  const src = path.join(scratch, "pcl");
  const out = path.join(scratch, "converted");
  fs.mkdirSync(src);
  fs.writeFileSync(path.join(src, "Pulumi.yaml"), `name: converted\nruntime: yaml\nplugins:\n  providers:\n    - name: digicert\n      path: ${plugin.dir}\n`);
  fs.writeFileSync(
    path.join(src, "main.pp"),
    `resource lockCole "digicert:index:ClientCertificateOrder" {
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
`,
  );
  await execFileAsync(pulumiPath(ROOT), ["convert", "--from", "pcl", "--language", "typescript", "--out", out, "--generate-only", "--non-interactive"], {
    cwd: src,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 5 * 60_000,
  });
  const index = fs.readFileSync(path.join(out, "index.ts"), "utf8");
  expect(index).toContain(`import * as digicert from "${NATIVE_NODEJS_PACKAGE}";`);
  expect(index).toContain(`const lockCole = new digicert.ClientCertificateOrder("lockCole", {`);
  expect(index).toContain("productId: digicert.ClientProductId.ClientPremiumSha2,");
  expect(index).toContain("export const orderId = lockCole.orderId;");
  const pkg = JSON.parse(fs.readFileSync(path.join(out, "package.json"), "utf8")) as { dependencies: Record<string, string> };
  const version = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;
  expect(pkg.dependencies[NATIVE_NODEJS_PACKAGE]).toBe(version);
  expect(fs.readFileSync(path.join(out, "Pulumi.yaml"), "utf8")).toMatch(/runtime:\s+nodejs/);
  // Converting calls DigiCert for nothing.
  expect(await takeCalls(sim)).toEqual([]);
});
