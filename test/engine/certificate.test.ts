// The certificate itself through the real Pulumi engine (the recorded one), against a
// simulator this test starts: an order's certificatePem parses and carries DigiCert's
// serial; an order issued after create's wait gets its PEM at the next refresh, with
// one download; a stack holding an order whose status DigiCert does not document
// refreshes, previews and destroys with a warning, not an error, and revokes nothing
// it cannot judge.
import { X509Certificate } from "node:crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalWorkspace, Stack, type EngineEvent } from "@pulumi/pulumi/automation";
import { startSimulator, type Simulator } from "../../simulator";
import { engineEnv, pulumiCommand } from "../../engine/engine-env";
import { takeCalls } from "./support/stack";

jest.setTimeout(10 * 60_000);

const ROOT = path.resolve(__dirname, "../..");
const KEY = "certificate-key-5e81c0d2";

const INDEX = `import * as pulumi from "@pulumi/pulumi";
import * as digicert from "pulumi-digicert";

const config = new pulumi.Config();
const order = (name: string, commonName: string, email: string) =>
  new digicert.ClientCertificateOrder(name, {
    productId: "client_premium_sha2",
    certificate: { commonName, emails: [email], signatureHash: "sha256" },
    organizationId: 112233,
    validityYears: 1,
    skipApproval: true,
    revocationComments: "removed by the certificate test",
  });

const lock = order("lock-cole", "Lock Cole", "locke.cole@example.com");
const late = config.getBoolean("late") ? order("late", "Terra Branford", "terra.branford@example.com") : undefined;

export const orderId = lock.orderId;
export const certificateId = lock.certificateId;
export const serialNumber = lock.serialNumber;
export const certificatePem = lock.certificatePem;
export const chainPem = lock.chainPem;
export const lateOrderId = late?.orderId;
`;

let sim: Simulator;
let stack: Stack;
let workDir: string;
let backendDir: string;

interface SimOrder {
  id: number;
  status: string;
  certificate: { id?: number; serial_number?: string };
}

async function simOrder(orderId: number): Promise<SimOrder> {
  const res = await fetch(`${sim.baseUrl}/order/certificate/${orderId}`, { headers: { "X-DC-DEVKEY": KEY } });
  expect(res.status).toBe(200);
  return (await res.json()) as SimOrder;
}

async function resourceOutputs(name: string): Promise<Record<string, unknown>> {
  const resources = (await stack.exportStack()).deployment.resources as { urn: string; outputs: Record<string, unknown> }[];
  const found = resources.find((r) => r.urn.endsWith(`::${name}`));
  if (!found) throw new Error(`no resource ${name} in the stack`);
  return found.outputs;
}

const blocks = (pem: string) => pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n/g) ?? [];
const hexSerial = (s: string) => s.toUpperCase().replace(/^0+/, "");

/** The diagnostics an operation produced, and its own result: every step is recorded, none throws. */
function recorder() {
  const diagnostics: { severity: string; message: string }[] = [];
  return {
    diagnostics,
    opts: {
      onEvent: (e: EngineEvent) => {
        const d = e.diagnosticEvent;
        if (d) diagnostics.push({ severity: String(d.severity), message: d.message });
      },
    },
  };
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, apiKeys: [KEY] });
  // Under .state/ inside the checkout, so the program resolves pulumi-digicert and @pulumi/pulumi from it.
  const scratch = path.join(ROOT, ".state", "certificate");
  fs.mkdirSync(scratch, { recursive: true });
  workDir = fs.mkdtempSync(path.join(scratch, "program-"));
  fs.writeFileSync(path.join(workDir, "Pulumi.yaml"), "name: certificate\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n");
  fs.writeFileSync(path.join(workDir, "package.json"), JSON.stringify({ name: "certificate-program", private: true, main: "index.ts" }, null, 2));
  fs.copyFileSync(path.join(ROOT, "examples/client-certificates/tsconfig.json"), path.join(workDir, "tsconfig.json"));
  fs.writeFileSync(path.join(workDir, "index.ts"), INDEX);
  backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "digicert-certificate-backend-"));
  const envVars = engineEnv(ROOT, { dir: backendDir, passphrase: "certificate-passphrase" });
  const ws = await LocalWorkspace.create({ workDir, pulumiCommand: await pulumiCommand(ROOT), envVars });
  stack = await Stack.create("certificate", ws);
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

let orderId: number;
let lateOrderId: number;

test("up: the order's certificatePem parses, its serial is DigiCert's, chainPem is its issuers without it; not secret", async () => {
  const r = await stack.up();
  // The order, and the stack itself.
  expect(r.summary.resourceChanges).toEqual({ create: 2 });
  const out = await stack.outputs();
  orderId = out["orderId"]!.value as number;
  const info = await simOrder(orderId);
  const pem = out["certificatePem"]!.value as string;
  const chain = out["chainPem"]!.value as string;
  const leaf = new X509Certificate(pem);
  expect(hexSerial(leaf.serialNumber)).toBe(hexSerial(info.certificate.serial_number!));
  expect(out["serialNumber"]!.value).toBe(info.certificate.serial_number);
  expect(out["certificateId"]!.value).toBe(info.certificate.id);
  expect(blocks(pem)).toHaveLength(1);
  const issuers = blocks(chain).map((p) => new X509Certificate(p));
  expect(issuers).toHaveLength(2);
  expect(chain).not.toContain(pem.trim());
  expect(leaf.verify(issuers[0]!.publicKey)).toBe(true);
  expect(issuers[0]!.verify(issuers[1]!.publicKey)).toBe(true);
  expect([out["certificatePem"]!.secret, out["chainPem"]!.secret]).toEqual([false, false]);
  // Issued at once: the certificate came with the order's answer, no download.
  expect((await takeCalls(sim)).filter((c) => c.includes("/download/"))).toEqual([]);
});

test("an order issued after create's wait has no PEM at first; the next refresh downloads it, once", async () => {
  await sim.admin.setSettings({ issueDelayMs: 4_000 });
  await stack.setConfig("late", { value: "true" });
  const r = await stack.up();
  expect(r.summary.resourceChanges).toEqual({ create: 1, same: 2 });
  lateOrderId = (await stack.outputs())["lateOrderId"]!.value as number;
  const created = await resourceOutputs("late");
  expect(created["status"]).toBe("pending");
  expect(created).not.toHaveProperty("certificatePem");
  expect((await takeCalls(sim)).filter((c) => c.includes("/download/"))).toEqual([]);

  // Past the issue delay, DigiCert shows the certificate issued.
  await new Promise((resolve) => setTimeout(resolve, 4_000));
  await stack.refresh();
  const refreshed = await resourceOutputs("late");
  expect(refreshed["status"]).toBe("issued");
  const info = await simOrder(lateOrderId);
  expect(refreshed["certificateId"]).toBe(info.certificate.id);
  expect(hexSerial(new X509Certificate(refreshed["certificatePem"] as string).serialNumber)).toBe(hexSerial(info.certificate.serial_number!));
  expect(blocks(refreshed["chainPem"] as string)).toHaveLength(2);
  expect((await takeCalls(sim)).filter((c) => c.includes("/download/"))).toEqual([`GET /certificate/${info.certificate.id}/download/format/pem_all`]);

  // One download per certificate: the next refresh keeps it, and a preview calls nothing.
  await stack.refresh();
  expect((await takeCalls(sim)).filter((c) => c.includes("/download/"))).toEqual([]);
  const p = await stack.preview();
  expect(p.changeSummary).toEqual({ same: 3 });
  expect(await takeCalls(sim)).toEqual([]);
});

test("an order DigiCert answers with an undocumented status: refresh, preview --refresh and destroy warn, never fail, and revoke nothing it cannot judge", async () => {
  await sim.admin.setReportedStatuses(orderId, { order: "approved" });
  const before = await resourceOutputs("lock-cole");
  const certificateId = before["certificateId"] as number;
  await takeCalls(sim);

  const refresh = recorder();
  await stack.refresh(refresh.opts);
  expect(await resourceOutputs("lock-cole")).toMatchObject({ status: "approved", certificatePem: before["certificatePem"] });
  expect(refresh.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect(refresh.diagnostics.some((d) => /warning: DigiCert answered order status "approved"/.test(d.message))).toBe(true);

  const preview = recorder();
  const p = await stack.preview({ refresh: true, ...preview.opts });
  // No replacement: the status is read as it is and plans nothing.
  expect(p.changeSummary).toEqual({ same: 3 });
  expect(preview.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect((await takeCalls(sim)).filter((c) => !c.startsWith("GET"))).toEqual([]);

  const destroy = recorder();
  const d = await stack.destroy(destroy.opts);
  expect(d.summary.resourceChanges).toEqual({ delete: 3 });
  expect(destroy.diagnostics.filter((x) => x.severity === "error")).toEqual([]);
  const warning = destroy.diagnostics.find((x) => x.message.includes(`order ${orderId} has status "approved"`));
  expect(warning?.message).toContain(`certificate ${certificateId} is left unrevoked`);
  const writes = (await takeCalls(sim)).filter((c) => !c.startsWith("GET"));
  // The late order, whose status is documented, is revoked; the other is left as DigiCert has it.
  expect(writes).toEqual([`PUT /certificate/${(await simOrder(lateOrderId)).certificate.id}/revoke`]);
  expect((await sim.admin.state()) as { orders: { id: number; status: string }[] }).toMatchObject({
    orders: expect.arrayContaining([expect.objectContaining({ id: orderId, status: "issued" })]),
  });
});
