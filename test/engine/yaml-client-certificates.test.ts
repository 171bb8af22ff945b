// The Pulumi YAML example (examples/yaml-client-certificates) end to end through the real
// engine, Pulumi YAML's own language host (`make engine` builds pulumi-language-yaml) and
// the native plugin pulumi-resource-digicert, against a simulator this test starts: up,
// a no-change preview, drift found by refresh, `pulumi import` whose generated YAML runs
// with no change planned, a replace that revokes the old certificate, destroy with its
// revoke, and a bad input refused at preview. Every step counts the simulator's
// requests to prove what was and was not called.
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { startSimulator, type Simulator } from "../../simulator";
import { engineChoice, engineEnv, pulumiCommand, pulumiPath } from "../../tools/engine-env";
import { PluginDir } from "./support/plugin-dir";
import { takeCalls, plainOutputs } from "./support/stack";

jest.setTimeout(10 * 60_000);
const execFileAsync = promisify(execFile);

const ROOT = path.resolve(__dirname, "../..");
const EXAMPLE = path.join(ROOT, "examples/yaml-client-certificates");
const KEY = "yaml-key-2b9e61c4d8";
const REVOCATION_COMMENTS = "Removed from the yaml-client-certificates stack";
const STACK = "yaml";

let sim: Simulator;
let plugin: PluginDir;
let stack: Stack;
let workDir: string;
let backendDir: string;
let env: Record<string, string>;

interface OrderState {
  id: number;
  status: string;
  disable_ct?: boolean;
  certificate: { id?: number; common_name?: string };
  requests: { id: number; type?: string; status: string; comments?: string }[];
}

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
const order = async (orderId: number) => (await api("GET", `/order/certificate/${orderId}`)) as OrderState;

interface StateResource {
  urn: string;
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}
const resources = async () => (await stack.exportStack()).deployment.resources as StateResource[];
const stateOf = async (name: string) => (await resources()).find((r) => r.urn.endsWith(`::${name}`))!.outputs!;

/**
 * The CLI itself, in the program's folder, for what the Automation API does not cover
 * (`pulumi import --out`). Asynchronous: the simulator answers from this process.
 */
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

beforeAll(async () => {
  // Throws, saying to run `make engine`, when the record has no YAML host.
  engineChoice(ROOT);
  sim = await startSimulator({ port: 0, apiKeys: [KEY] });
  plugin = new PluginDir(fs.mkdtempSync(path.join(os.tmpdir(), "digicert-yaml-plugin-")), path.join(ROOT, "bin/provider/plugin/main.js"));
  // A YAML program needs no node_modules: its copy can live anywhere.
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "digicert-yaml-program-"));
  for (const f of ["Pulumi.yaml", "reissue.csr.pem"]) fs.copyFileSync(path.join(EXAMPLE, f), path.join(workDir, f));
  // The engine finds the plugin through plugins.providers, as a user without it on PATH would (README).
  fs.appendFileSync(path.join(workDir, "Pulumi.yaml"), `\nplugins:\n  providers:\n    - name: digicert\n      path: ${plugin.dir}\n`);
  backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "digicert-yaml-backend-"));
  env = engineEnv(ROOT, { dir: backendDir, passphrase: "yaml-passphrase" });
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
let importedOrderId: number;

test("1. preview of a new stack lists the three native resources to create, calling nothing", async () => {
  const p = await stack.preview();
  expect(p.changeSummary).toEqual({ create: 4 });
  for (const t of ["digicert:index:ClientCertificateOrder", "digicert:index:OrderCtStatus", "digicert:index:CertificateReissue"]) {
    expect(p.stdout).toContain(t);
  }
  expect(await takeCalls(sim)).toEqual([]);
});

test("2. up orders once, sets CT, reissues and lists the order's duplicates through the invoke", async () => {
  const r = await stack.up();
  expect(r.summary.resourceChanges).toEqual({ create: 4 });
  const out = await plainOutputs(stack);
  orderId = out["orderId"] as number;
  const calls = await takeCalls(sim);
  expect(calls.filter((c) => c.startsWith("POST /order/certificate/client_"))).toHaveLength(1);
  expect(calls).toContain(`PUT /order/certificate/${orderId}/ct-status`);
  expect(calls).toContain(`POST /order/certificate/${orderId}/reissue`);
  expect(calls).toContain(`GET /order/certificate/${orderId}/duplicate`);
  const o = await order(orderId);
  expect(o.disable_ct).toBe(true);
  expect(o.requests.some((q) => q.type === "reissue")).toBe(true);
  expect(o.certificate.id).toBe(out["reissuedCertificateId"]);
  expect(out).toMatchObject({ orderStatus: "issued", ctLoggingDisabled: true, duplicateCertificates: [] });
  // The state names the native types, and holds no serialized provider.
  const digicert = (await resources()).filter((x) => x.type.startsWith("digicert:"));
  expect(digicert.map((x) => x.type).sort()).toEqual(["digicert:index:CertificateReissue", "digicert:index:ClientCertificateOrder", "digicert:index:OrderCtStatus"]);
  for (const x of digicert) expect(Object.keys({ ...x.inputs, ...x.outputs })).not.toContain("__provider");
  // The API key: in no resource of ours (the engine keeps the stack's config, secret, in the default provider's state).
  expect(digicert.filter((x) => JSON.stringify([x.inputs, x.outputs]).includes(KEY))).toEqual([]);
  expect(await pulumi("stack", "export")).not.toContain(KEY);
});

test("3. a second preview reports no changes", async () => {
  await takeCalls(sim);
  const p = await stack.preview();
  expect(p.changeSummary).toEqual({ same: 4 });
  // Only the function reads DigiCert during a preview; no resource does.
  expect(await takeCalls(sim)).toEqual([`GET /order/certificate/${orderId}/duplicate`]);
});

test("4. a change behind the stack's back shows as drift: refresh records it, the next up restores it", async () => {
  await api("PUT", `/order/certificate/${orderId}/ct-status`, { disable_ct: false });
  await takeCalls(sim);
  const preview = await stack.preview({ refresh: true });
  expect(preview.changeSummary).toMatchObject({ update: 1 });
  const r = await stack.refresh();
  expect(r.summary.resourceChanges).toMatchObject({ update: 1 });
  expect(await stateOf("lock-cole-ct")).toMatchObject({ disableCt: false });
  expect((await takeCalls(sim)).filter((c) => !c.startsWith("GET"))).toEqual([]);
  const up = await stack.up();
  expect(up.summary.resourceChanges).toMatchObject({ update: 1, same: 3 });
  expect((await order(orderId)).disable_ct).toBe(true);
  const calls = await takeCalls(sim);
  expect(calls.filter((c) => !c.startsWith("GET"))).toEqual([`PUT /order/certificate/${orderId}/ct-status`]);
});

test("5. changing the common name plans a replace; up orders anew and revokes the old certificate", async () => {
  const old = await order(orderId);
  await stack.setConfig("commonName", { value: "Locke Cole" });
  await takeCalls(sim);
  const p = await stack.preview({ diff: true });
  expect(p.changeSummary).toMatchObject({ replace: 3 });
  expect((await takeCalls(sim)).filter((c) => !c.includes("/duplicate"))).toEqual([]);
  const r = await stack.up();
  expect(r.summary.resourceChanges).toMatchObject({ replace: 3 });
  const newOrderId = (await plainOutputs(stack))["orderId"] as number;
  expect(newOrderId).not.toBe(orderId);
  const calls = await takeCalls(sim);
  expect(calls.filter((c) => c.startsWith("POST /order/certificate/client_"))).toHaveLength(1);
  expect(calls).toContain(`PUT /certificate/${old.certificate.id}/revoke`);
  expect((await order(orderId)).requests.find((q) => q.type === "revoke")).toMatchObject({ status: "pending", comments: REVOCATION_COMMENTS });
  orderId = newOrderId;
});

test("6. pulumi import of an order placed outside the stack: no new order, and the generated YAML runs with no change planned", async () => {
  const placed = (await api("POST", "/order/certificate/client_premium_sha2", {
    certificate: { common_name: "Terra Branford", emails: ["terra.branford@example.com"], signature_hash: "sha256" },
    organization: { id: 112233 },
    validity_years: 1,
    payment_method: "balance",
  })) as { id: number };
  importedOrderId = placed.id;
  await takeCalls(sim);
  const generated = path.join(workDir, "imported.yaml");
  await pulumi("import", "digicert:index:ClientCertificateOrder", "terra", String(importedOrderId), "--yes", "--protect=false", "--out", generated);
  expect((await takeCalls(sim)).filter((c) => !c.startsWith("GET"))).toEqual([]);
  expect(await stateOf("terra")).toMatchObject({ orderId: importedOrderId, certificate: { commonName: "Terra Branford" } });

  // What pulumi-language-yaml wrote for it: the resource with the inputs read from DigiCert.
  const code = fs.readFileSync(generated, "utf8");
  expect(code).toMatch(/^resources:\n  terra:\n    type: digicert:(index:)?ClientCertificateOrder\n/);
  expect(code).toContain("commonName: Terra Branford");
  expect(code).toContain("organizationId: 112233");
  expect(code).not.toContain("protect");

  // Added to the program as it is (under its `resources:`), nothing to do.
  const programFile = path.join(workDir, "Pulumi.yaml");
  const program = fs.readFileSync(programFile, "utf8");
  expect(program).toContain("\nresources:\n");
  fs.writeFileSync(programFile, program.replace("\nresources:\n", `\nresources:\n${code.replace(/^resources:\n/, "")}`));
  const p = await stack.preview({ diff: true });
  expect(p.changeSummary).toEqual({ same: 5 });
  expect((await takeCalls(sim)).filter((c) => !c.includes("/duplicate"))).toEqual([]);
});

test("7. destroy revokes the order with its comments, restores CT logging and lets the imported order go", async () => {
  const before = await order(orderId);
  await takeCalls(sim);
  const r = await stack.destroy();
  expect(r.summary.resourceChanges).toEqual({ delete: 5 });
  const o = await order(orderId);
  expect(o.disable_ct).toBe(false);
  expect(o.requests.find((q) => q.type === "revoke")).toMatchObject({ status: "pending", comments: REVOCATION_COMMENTS });
  const calls = await takeCalls(sim);
  expect(calls).toContain(`PUT /certificate/${before.certificate.id}/revoke`);
  expect(calls.filter((c) => c.includes("/revoke"))).toHaveLength(1);
  // The imported order was never approved: deleting it cancels it (no certificate to revoke).
  expect((await order(importedOrderId)).status).toBe("canceled");
  expect(calls).toContain(`PUT /order/certificate/${importedOrderId}/status`);
  expect(calls.filter((c) => c.startsWith("POST /order/certificate/client_"))).toEqual([]);
  expect((await resources()) ?? []).toEqual([]);
});

test("8. a bad input fails preview with a message naming the field, and no request reaches DigiCert", async () => {
  await stack.setConfig("validityYears", { value: "3" });
  await takeCalls(sim);
  await expect(stack.preview()).rejects.toThrow(/validityYears.*must be 1 or 2/s);
  expect(await takeCalls(sim)).toEqual([]);
});
