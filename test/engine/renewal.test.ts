// Renewal before expiry through the real Pulumi engine (Automation API) against a
// simulator this test starts, with the example stack (an order, its CT status and a
// reissue). The simulator's admin API brings the order's certificate inside the default
// window (renewBeforeDays 30); a refresh stores that; the preview then plans the renewal
// with no API call that writes, `up` places exactly one renewal_of_order_id order and
// revokes nothing, the resources on the order follow it, and the next preview is clean.
import { X509Certificate } from "crypto";
import { CLIENT_CERTIFICATES_EXAMPLE, EngineFixture, type EngineStack, type TestSimulator } from "./support/fixture";

jest.setTimeout(15 * 60_000);

const KEY = "renewal-key-5e8b2c1d9f";
const DAY = 86_400_000;
const day = (days: number): string => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const POST_ORDER = /^POST \/order\/certificate\/client_/;

const fx = new EngineFixture();
let sim: TestSimulator;
let es: EngineStack;

beforeAll(async () => {
  sim = await fx.simulator({ apiKeys: [KEY] });
  es = await fx.stack({ name: "renewal", program: CLIENT_CERTIFICATES_EXAMPLE, sim });
});
afterAll(() => fx.close());

let firstOrderId: number;
let renewalId: number;
let oldCertificates: number[];

test("1. up orders the certificate, sets its CT status and reissues it", async () => {
  const r = await es.stack.up();
  expect(r.summary.resourceChanges).toMatchObject({ create: 4 });
  firstOrderId = (await es.outputs())["orderId"] as number;
  const order = (await sim.state()).orders.find((o) => o.id === firstOrderId)!;
  expect(order).toMatchObject({ status: "issued", disableCt: true });
  oldCertificates = order.certificateIds;
  expect(oldCertificates).toHaveLength(2); // the order's first certificate and the reissued one
  await sim.takeCalls();
});

test("2. with its certificate brought inside renewBeforeDays, refresh stores the new validTill and writes nothing", async () => {
  await sim.admin.setValidity((await sim.state()).orders.find((o) => o.id === firstOrderId)!.certificateId!, { validFrom: day(-340), validTill: day(25) });
  const r = await es.stack.refresh();
  expect(r.summary.resourceChanges).toMatchObject({ update: 1 });
  expect((await sim.takeCalls()).filter((c) => !c.startsWith("GET "))).toEqual([]);
});

test("3. preview plans the renewal, says why, and calls nothing", async () => {
  const p = await es.stack.preview({ diff: true });
  // The order renews in place; the CT status and the reissue follow its orderId, unknown until then.
  expect(p.changeSummary).toMatchObject({ update: 1, replace: 2 });
  expect(p.stderr).toContain(
    `order ${firstOrderId} (Lock Cole): renewal planned: valid till ${day(25)}, 25 days left, renewBeforeDays 30 (the default). ` +
      `The renewal order has the same details; order ${firstOrderId} is not revoked`,
  );
  expect(await sim.takeCalls()).toEqual([]);
});

test("4. up places exactly one renewal_of_order_id order, revokes nothing, and the CT status and the reissue follow the renewal", async () => {
  const r = await es.stack.up();
  expect(r.summary.resourceChanges).toMatchObject({ update: 1, replace: 2 });
  const out = await es.outputs();
  renewalId = out["orderId"] as number;
  expect(renewalId).not.toBe(firstOrderId);

  const calls = await sim.takeCalls();
  expect(calls.filter((c) => POST_ORDER.test(c))).toHaveLength(1);
  expect(calls.filter((c) => c.includes("/revoke"))).toEqual([]);
  expect(calls).toContain(`PUT /order/certificate/${renewalId}/ct-status`);
  expect(calls).toContain(`POST /order/certificate/${renewalId}/reissue`);

  const s = await sim.state();
  const renewed = s.orders.find((o) => o.id === firstOrderId)!;
  const renewal = s.orders.find((o) => o.id === renewalId)!;
  expect(s.orders.filter((o) => o.renewalOfOrderId !== undefined).map((o) => o.id)).toEqual([renewalId]);
  expect(renewal).toMatchObject({ renewalOfOrderId: firstOrderId, productId: renewed.productId, organizationId: renewed.organizationId, disableCt: true, status: "issued" });
  expect(renewal.requested).toEqual(renewed.requested);
  // The renewed order is left to run out: still issued, no revoke request, its certificates valid.
  expect(renewed).toMatchObject({ status: "issued", isRenewed: true });
  expect(s.requests.filter((q) => q.type === "revoke")).toEqual([]);
  for (const id of oldCertificates) expect(s.certificates.find((c) => c.id === id)?.status).toBe("issued");
  // The order's outputs are the renewal's, its reissued certificate included.
  expect(out["certificateId"]).toBe(renewal.certificateIds[0]);
  expect(out["reissuedCertificateId"]).toBe(renewal.certificateId);
  // Its certificate's PEM too: the renewal's certificate, with DigiCert's serial for it.
  const stored = (await es.resources()).find((r) => r.type.endsWith(":ClientCertificateOrder"))!.outputs!;
  const pem = new X509Certificate(String(stored["certificatePem"]));
  expect(stored["orderId"]).toBe(renewalId);
  expect(pem.serialNumber).toBe(String(stored["serialNumber"]).toUpperCase());
  expect(s.certificates.find((c) => c.id === renewal.certificateIds[0])?.serialNumber?.toUpperCase()).toBe(pem.serialNumber);
});

test("5. the next preview plans nothing", async () => {
  const p = await es.stack.preview();
  expect(p.changeSummary).toEqual({ same: 4 });
  // Only the function reads DigiCert during a preview, on the renewal.
  expect(await sim.takeCalls()).toEqual([`GET /order/certificate/${renewalId}/duplicate`]);
});

test("6. destroy revokes the renewal's certificate, not the renewed order's", async () => {
  const r = await es.stack.destroy();
  expect(r.summary.resourceChanges).toMatchObject({ delete: 4 });
  const s = await sim.state();
  const revokes = s.requests.filter((q) => q.type === "revoke");
  expect(revokes.map((q) => q.orderId)).toEqual([renewalId]);
  await sim.takeCalls();
});
