// End to end through the real Pulumi engine (the one `make engine` chose and recorded), with the
// Automation API, against a simulator this test starts. Every step counts the
// simulator's requests to prove what was and was not called.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { startSimulator, type Simulator } from "../../simulator";
import { engineEnv, pulumiCommand, pulumiPath } from "../../engine/engine-env";
import { takeCalls, plainOutputs } from "./support/stack";

jest.setTimeout(10 * 60_000);

const ROOT = path.resolve(__dirname, "../..");
const KEY = "e2e-key-7d3f0a9c5b21";
const REVOCATION_COMMENTS = "Removed from the client-certificates stack";

let sim: Simulator;
let stack: Stack;
let workDir: string;
let backendDir: string;
let stackEnv: Record<string, string>;

interface ExportedResource {
  type: string;
  inputs?: unknown;
  outputs?: unknown;
  sourcePosition?: string;
}

interface OrderState {
  id: number;
  status: string;
  disable_ct?: boolean;
  certificate: { id?: number; common_name?: string };
  requests: { id: number; type?: string; status: string; comments?: string }[];
}

async function order(orderId: number): Promise<OrderState> {
  const res = await fetch(`${sim.baseUrl}/order/certificate/${orderId}`, { headers: { "X-DC-DEVKEY": KEY } });
  expect(res.status).toBe(200);
  return (await res.json()) as OrderState;
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

beforeAll(async () => {
  sim = await startSimulator({ port: 0, apiKeys: [KEY] });
  // The program must resolve pulumi-digicert and @pulumi/pulumi from this checkout, so its copy lives inside it.
  const scratch = path.join(ROOT, ".state", "e2e");
  fs.mkdirSync(scratch, { recursive: true });
  workDir = fs.mkdtempSync(path.join(scratch, "program-"));
  for (const f of ["Pulumi.yaml", "package.json", "index.ts", "tsconfig.json", "reissue.csr.pem"]) {
    fs.copyFileSync(path.join(ROOT, "examples/client-certificates", f), path.join(workDir, f));
  }
  backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "digicert-e2e-backend-"));
  stackEnv = engineEnv(ROOT, { dir: backendDir, passphrase: "e2e-passphrase" });
  const ws = await LocalWorkspace.create({ workDir, pulumiCommand: await pulumiCommand(ROOT), envVars: stackEnv });
  stack = await (await import("@pulumi/pulumi/automation")).Stack.create("e2e", ws);
  await stack.setAllConfig({
    "digicert:baseUrl": { value: sim.baseUrl },
    "digicert:apiKey": { value: KEY, secret: true },
    "digicert:waitForIssuanceSeconds": { value: "1" },
  });
});

afterAll(async () => {
  await sim?.close();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  if (backendDir) fs.rmSync(backendDir, { recursive: true, force: true });
});

let firstOrderId: number;
let secondOrderId: number;
let adoptedOrderId: number;

test("1. preview of a new stack lists the three resources to create, calling nothing", async () => {
  const p = await stack.preview();
  expect(p.changeSummary).toMatchObject({ create: 4 });
  for (const t of ["digicert:ClientCertificateOrder", "digicert:OrderCtStatus", "digicert:CertificateReissue"]) {
    expect(p.stdout).toContain(t);
  }
  expect(await takeCalls(sim)).toEqual([]);
});

test("2. up creates them: the simulator holds the order, its CT status and the reissue", async () => {
  const r = await stack.up();
  expect(r.summary.resourceChanges).toMatchObject({ create: 4 });
  const out = await plainOutputs(stack);
  firstOrderId = out["orderId"] as number;
  const o = await order(firstOrderId);
  expect(o.disable_ct).toBe(true);
  expect(o.requests.some((q) => q.type === "reissue")).toBe(true);
  expect(o.certificate.id).toBe(out["reissuedCertificateId"]);
  const calls = await takeCalls(sim);
  expect(calls.filter((c) => c.startsWith("POST /order/certificate/client_"))).toHaveLength(1);
  expect(calls).toContain(`PUT /order/certificate/${firstOrderId}/ct-status`);
  expect(calls).toContain(`POST /order/certificate/${firstOrderId}/reissue`);
});

test("3. a second preview reports no changes", async () => {
  const p = await stack.preview();
  expect(p.changeSummary).toEqual({ same: 4 });
  // Only the function reads DigiCert during a preview; no resource does.
  expect(await takeCalls(sim)).toEqual([`GET /order/certificate/${firstOrderId}/duplicate`]);
});

test("5. changing the common name plans a replace; up orders anew and revokes the old certificate", async () => {
  await stack.setConfig("commonName", { value: "Locke Cole" });
  const p = await stack.preview({ diff: true });
  expect(p.changeSummary).toMatchObject({ replace: 3 });
  await takeCalls(sim);
  const r = await stack.up();
  expect(r.summary.resourceChanges).toMatchObject({ replace: 3 });
  secondOrderId = (await plainOutputs(stack))["orderId"] as number;
  expect(secondOrderId).not.toBe(firstOrderId);
  const calls = await takeCalls(sim);
  expect(calls.filter((c) => c.startsWith("POST /order/certificate/client_"))).toHaveLength(1);
  const old = await order(firstOrderId);
  const revoke = old.requests.find((q) => q.type === "revoke");
  expect(revoke).toMatchObject({ status: "pending", comments: REVOCATION_COMMENTS });
  expect(calls).toContain(`PUT /certificate/${old.certificate.id}/revoke`);
});

test("6. adoptOrderId adopts an order created directly in the simulator, without a new order call", async () => {
  const placed = (await api("POST", "/order/certificate/client_premium_sha2", {
    certificate: { common_name: "Terra Branford", emails: ["terra.branford@example.com"], signature_hash: "sha256" },
    organization: { id: 112233 },
    validity_years: 1,
  })) as { id: number };
  adoptedOrderId = placed.id;
  await takeCalls(sim);
  await stack.setConfig("adoptOrderId", { value: String(adoptedOrderId) });
  const r = await stack.up();
  expect(r.summary.resourceChanges).toMatchObject({ create: 1, same: 4 });
  expect((await plainOutputs(stack))["adoptedOrderStatus"]).toBe("needs_approval");
  const calls = await takeCalls(sim);
  expect(calls.filter((c) => c.startsWith("POST"))).toEqual([]);
  expect(calls).toContain(`GET /order/certificate/${adoptedOrderId}`);
});

test("4. changes made behind the stack's back show as drift in preview --refresh and refresh", async () => {
  const resourceState = async (name: string) =>
    ((await stack.exportStack()).deployment.resources as { urn: string; outputs: Record<string, unknown> }[]).find((x) => x.urn.endsWith(`::${name}`))!.outputs;
  // The adopted order's pending request is approved, and CT logging is switched back on.
  const adopted = await order(adoptedOrderId);
  await api("PUT", `/request/${adopted.requests[0]!.id}/status`, { status: "approved" });
  await api("PUT", `/order/certificate/${secondOrderId}/ct-status`, { disable_ct: false });
  await takeCalls(sim);
  const preview = await stack.preview({ refresh: true });
  expect(preview.changeSummary).toMatchObject({ update: 1 }); // CT status goes back to what the program declares
  const r = await stack.refresh();
  expect(r.stdout).toMatch(/lock-cole-ct.*updated.*disableCt/);
  expect(await resourceState("lock-cole-ct")).toMatchObject({ disableCt: false });
  const adoptedState = await resourceState("adopted");
  expect(adoptedState).toMatchObject({ status: "issued" });
  expect(typeof adoptedState["certificateId"]).toBe("number");
  expect(adoptedState["validTill"]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  // An order revoked outside the stack: refresh records it, and the next up plans a new order.
  const rev = (await api("PUT", `/certificate/${adoptedState["certificateId"]}/revoke`, { comments: "outside" })) as { id: number };
  await api("PUT", `/request/${rev.id}/status`, { status: "approved" });
  await takeCalls(sim);
  const p2 = await stack.preview({ refresh: true });
  expect(p2.changeSummary).toMatchObject({ replace: 1, update: 1 });
  await stack.refresh();
  expect(await resourceState("adopted")).toMatchObject({ status: "revoked" });
  const calls = await takeCalls(sim);
  expect(calls.filter((c) => !c.startsWith("GET"))).toEqual([]);
  // Let the adopted order go (it is revoked: its delete sends nothing), and restore CT status.
  await stack.removeConfig("adoptOrderId");
  const up = await stack.up();
  expect(up.summary.resourceChanges).toMatchObject({ delete: 1, update: 1 });
  expect((await order(secondOrderId)).disable_ct).toBe(true);
  expect((await takeCalls(sim)).filter((c) => c.includes("/revoke"))).toEqual([]);
});

test("8. pulumi stack export holds no trace of the API key", async () => {
  // Exactly what a user runs: `pulumi stack export`, secrets not shown.
  const cli = { stdout: execFileSync(pulumiPath(ROOT), ["stack", "export", "--stack", "e2e"], { cwd: workDir, env: { ...process.env, ...stackEnv }, encoding: "utf8" }) };
  expect(cli.stdout.length).toBeGreaterThan(1000);
  for (const form of [KEY, Buffer.from(KEY).toString("base64"), Buffer.from(KEY).toString("hex"), encodeURIComponent(KEY)]) {
    expect(cli.stdout).not.toContain(form);
  }
  // With secrets decrypted, the key appears only where the engine itself keeps the stack's
  // config (the default pulumi-nodejs provider, encrypted in state), never in our resources.
  const deployment = (await stack.exportStack()).deployment as { resources: ExportedResource[] };
  const holders = deployment.resources.filter((r) => JSON.stringify([r.inputs, r.outputs]).includes(KEY)).map((r) => r.type);
  expect(holders).toEqual(["pulumi:providers:pulumi-nodejs"]);
  expect(deployment.resources.filter((r) => r.type.includes("digicert")).length).toBe(3);
});

test("8b. each resource's source position is the program's line, not the SDK's", async () => {
  const deployment = (await stack.exportStack()).deployment as { resources: ExportedResource[] };
  const positions = deployment.resources.filter((r) => r.type.includes("digicert")).map((r) => r.sourcePosition);
  expect(positions).toHaveLength(3);
  for (const p of positions) expect(p).toMatch(/^project:\/\/\/index\.ts#\d+,\d+$/);
});

test("7. destroy sends the revoke with the comments and restores CT logging", async () => {
  await takeCalls(sim);
  const r = await stack.destroy();
  expect(r.summary.resourceChanges).toMatchObject({ delete: 4 });
  const o = await order(secondOrderId);
  expect(o.disable_ct).toBe(false);
  expect(o.requests.find((q) => q.type === "revoke")).toMatchObject({ status: "pending", comments: REVOCATION_COMMENTS });
  const calls = await takeCalls(sim);
  expect(calls).toContain(`PUT /order/certificate/${secondOrderId}/ct-status`);
  expect(calls).toContain(`PUT /certificate/${o.certificate.id}/revoke`);
  expect(calls.filter((c) => c.includes("/revoke"))).toHaveLength(1);
});

test("9. a bad input fails preview with a message naming the field, and no request reaches DigiCert", async () => {
  await stack.setConfig("validityYears", { value: "3" });
  await takeCalls(sim);
  await expect(stack.preview()).rejects.toThrow(/validityYears.*must be 1 or 2/s);
  expect(await takeCalls(sim)).toEqual([]);
});
