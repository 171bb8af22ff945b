// The certificate itself through the real Pulumi engine (the recorded one), against a
// simulator this test starts: an order's certificatePem parses and carries DigiCert's
// serial; an order issued after create's wait gets its PEM at the next refresh, with
// one download; a stack holding an order whose status DigiCert does not document
// refreshes, previews and destroys with a warning, not an error, and revokes nothing
// it cannot judge.
import { X509Certificate } from "node:crypto";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { EngineFixture, typescriptProgram, type EngineStack, type TestSimulator } from "./support/fixture";

jest.setTimeout(10 * 60_000);

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

const fx = new EngineFixture();
let sim: TestSimulator;
let es: EngineStack;

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
  sim = await fx.simulator({ apiKeys: [KEY] });
  es = await fx.stack({ name: "certificate", program: typescriptProgram("certificate", INDEX), sim });
});
afterAll(() => fx.close());

let orderId: number;
let lateOrderId: number;

test("up: the order's certificatePem parses, its serial is DigiCert's, chainPem is its issuers without it; not secret", async () => {
  const r = await es.stack.up();
  // The order, and the stack itself.
  expect(r.summary.resourceChanges).toEqual({ create: 2 });
  const out = await es.stack.outputs();
  orderId = out["orderId"]!.value as number;
  const info = await sim.order(orderId);
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
  expect((await sim.takeCalls()).filter((c) => c.includes("/download/"))).toEqual([]);
});

test("an order issued after create's wait has no PEM at first; the next refresh downloads it, once", async () => {
  await sim.admin.setSettings({ issueDelayMs: 4_000 });
  await es.stack.setConfig("late", { value: "true" });
  const r = await es.stack.up();
  expect(r.summary.resourceChanges).toEqual({ create: 1, same: 2 });
  lateOrderId = (await es.stack.outputs())["lateOrderId"]!.value as number;
  const created = await es.outputsOf("late");
  expect(created["status"]).toBe("pending");
  expect(created).not.toHaveProperty("certificatePem");
  expect((await sim.takeCalls()).filter((c) => c.includes("/download/"))).toEqual([]);

  // Past the issue delay, DigiCert shows the certificate issued.
  await new Promise((resolve) => setTimeout(resolve, 4_000));
  await es.stack.refresh();
  const refreshed = await es.outputsOf("late");
  expect(refreshed["status"]).toBe("issued");
  const info = await sim.order(lateOrderId);
  expect(refreshed["certificateId"]).toBe(info.certificate.id);
  expect(hexSerial(new X509Certificate(refreshed["certificatePem"] as string).serialNumber)).toBe(hexSerial(info.certificate.serial_number!));
  expect(blocks(refreshed["chainPem"] as string)).toHaveLength(2);
  expect((await sim.takeCalls()).filter((c) => c.includes("/download/"))).toEqual([`GET /certificate/${info.certificate.id}/download/format/pem_all`]);

  // One download per certificate: the next refresh keeps it, and a preview calls nothing.
  await es.stack.refresh();
  expect((await sim.takeCalls()).filter((c) => c.includes("/download/"))).toEqual([]);
  const p = await es.stack.preview();
  expect(p.changeSummary).toEqual({ same: 3 });
  expect(await sim.takeCalls()).toEqual([]);
});

test("an order DigiCert answers with an undocumented status: refresh, preview --refresh and destroy warn, never fail, and revoke nothing it cannot judge", async () => {
  await sim.admin.setReportedStatuses(orderId, { order: "approved" });
  const before = await es.outputsOf("lock-cole");
  const certificateId = before["certificateId"] as number;
  await sim.takeCalls();

  const refresh = recorder();
  await es.stack.refresh(refresh.opts);
  expect(await es.outputsOf("lock-cole")).toMatchObject({ status: "approved", certificatePem: before["certificatePem"] });
  expect(refresh.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect(refresh.diagnostics.some((d) => /warning: DigiCert answered order status "approved"/.test(d.message))).toBe(true);

  const preview = recorder();
  const p = await es.stack.preview({ refresh: true, ...preview.opts });
  // No replacement: the status is read as it is and plans nothing.
  expect(p.changeSummary).toEqual({ same: 3 });
  expect(preview.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect((await sim.takeCalls()).filter((c) => !c.startsWith("GET"))).toEqual([]);

  const destroy = recorder();
  const d = await es.stack.destroy(destroy.opts);
  expect(d.summary.resourceChanges).toEqual({ delete: 3 });
  expect(destroy.diagnostics.filter((x) => x.severity === "error")).toEqual([]);
  const warning = destroy.diagnostics.find((x) => x.message.includes(`order ${orderId} has status "approved"`));
  expect(warning?.message).toContain(`certificate ${certificateId} is left unrevoked`);
  const writes = (await sim.takeCalls()).filter((c) => !c.startsWith("GET"));
  // The late order, whose status is documented, is revoked; the other is left as DigiCert has it.
  expect(writes).toEqual([`PUT /certificate/${(await sim.order(lateOrderId)).certificate.id}/revoke`]);
  expect((await sim.admin.state()) as { orders: { id: number; status: string }[] }).toMatchObject({
    orders: expect.arrayContaining([expect.objectContaining({ id: orderId, status: "issued" })]),
  });
});
