// Deletes and revokes as CertCentral answers them (#28), through the real Pulumi engine
// against a simulator this test starts: a certificate revoked outside the stack (the
// order stays `issued`) is recorded by refresh and replaced by the next up; destroy
// rejects the request of an order awaiting approval (no cancel), cancels a `pending` one
// (an S/MIME order whose recipient has not yet validated the address), revokes an order with
// `revokeScope: "order"` in one request and nothing else (its OrderCtStatus, deleted first,
// reads nothing ahead), and an issued order's current
// certificate by default.
import { EngineFixture, typescriptProgram, type EngineStack, type TestSimulator } from "./support/fixture";

jest.setTimeout(10 * 60_000);

const KEY = "revoke-key-3b7d91e4";

const INDEX = `import * as digicert from "pulumi-digicert";

const order = (name: string, commonName: string, email: string, more: Partial<digicert.ClientCertificateOrderArgs> = {}) =>
  new digicert.ClientCertificateOrder(name, {
    productId: "client_premium_sha2",
    certificate: { commonName, emails: [email], signatureHash: "sha256" },
    organizationId: 112233,
    validityYears: 1,
    skipApproval: true,
    revocationComments: "removed by the revoke test",
    ...more,
  });

const lock = order("lock-cole", "Lock Cole", "locke.cole@example.com");
const terra = order("terra", "Terra Branford", "terra.branford@example.com", { revokeScope: "order" });
// Deleted first in a destroy: it must not read the order ahead, since a revoke of the whole order reads nothing.
new digicert.OrderCtStatus("terra-ct", { orderId: terra.orderId, disableCt: true });
const celes = order("celes", "Celes Chere", "celes.chere@example.com", { skipApproval: false });
// Approved, but DigiCert issues no S/MIME certificate before the address is validated: it stays pending.
const edgar = order("edgar", "Edgar Figaro", "edgar.figaro@example.com", {
  productId: "client_premium",
  certificate: {
    emails: ["edgar.figaro@example.com"],
    signatureHash: "sha256",
    commonNameIndicator: "given_name_surname",
    individual: { firstName: "Edgar", lastName: "Figaro" },
  },
});

export const lockOrderId = lock.orderId;
export const terraOrderId = terra.orderId;
export const celesOrderId = celes.orderId;
export const edgarOrderId = edgar.orderId;
`;

const fx = new EngineFixture();
let sim: TestSimulator;
let es: EngineStack;

beforeAll(async () => {
  sim = await fx.simulator({ apiKeys: [KEY] });
  es = await fx.stack({ name: "revoke", program: typescriptProgram("revoke", INDEX), sim });
});
afterAll(() => fx.close());

const outputs = async () => {
  const out = await es.stack.outputs();
  return {
    lock: out["lockOrderId"]!.value as number,
    terra: out["terraOrderId"]!.value as number,
    celes: out["celesOrderId"]!.value as number,
    edgar: out["edgarOrderId"]!.value as number,
  };
};

let ids: { lock: number; terra: number; celes: number; edgar: number };

test("up: two issued orders, one awaiting approval, one pending on its email validation", async () => {
  const r = await es.stack.up();
  expect(r.summary.resourceChanges).toEqual({ create: 6 });
  ids = await outputs();
  expect(await es.outputsOf("lock-cole")).toMatchObject({ status: "issued", certificateStatus: "issued" });
  expect(await es.outputsOf("celes")).toMatchObject({ status: "needs_approval" });
  expect(await es.outputsOf("edgar")).toMatchObject({ status: "pending" });
  expect(await es.outputsOf("terra-ct")).toMatchObject({ orderId: ids.terra, orderRevokeScope: "order" });
  expect((await sim.order(ids.edgar)).status).toBe("pending");
});

test("a certificate revoked outside the stack (the order stays issued) is recorded by refresh and replaced by the next up, which says why", async () => {
  const before = await es.outputsOf("lock-cole");
  await sim.api("PUT", `/certificate/${before["certificateId"]}/revoke`, { skip_approval: true });
  await es.stack.refresh();
  expect(await es.outputsOf("lock-cole")).toMatchObject({ orderId: ids.lock, status: "issued", certificateStatus: "revoked" });
  const preview = await es.stack.preview();
  expect(preview.changeSummary).toMatchObject({ replace: 1 });
  expect(preview.stdout).toMatch(new RegExp(`certificate ${before["certificateId"]} was revoked outside the stack.*a new order replaces it`));
  await sim.takeCalls();
  const up = await es.stack.up();
  expect(up.summary.resourceChanges).toMatchObject({ replace: 1 });
  const after = await es.outputsOf("lock-cole");
  expect(after["orderId"]).not.toBe(ids.lock);
  expect(after).toMatchObject({ status: "issued", certificateStatus: "issued" });
  const calls = await sim.takeCalls();
  expect(calls.filter((c) => c.startsWith("POST /order/certificate/"))).toHaveLength(1);
  // The replaced order's certificate is revoked already: its delete sends nothing.
  expect(calls.filter((c) => c.includes("/revoke") || c.includes("/status"))).toEqual([]);
  ids.lock = after["orderId"] as number;
});

test("destroy: the unapproved order's request is rejected (no cancel), the pending order canceled, revokeScope order is one request, the default revokes the current certificate", async () => {
  const celesRequest = (await sim.order(ids.celes)).requests[0]!.id;
  const lockCertificate = (await sim.order(ids.lock)).certificate.id;
  await sim.takeCalls();
  const r = await es.stack.destroy();
  expect(r.summary.resourceChanges).toMatchObject({ delete: 6 });
  const calls = await sim.takeCalls();
  // Its CT status restored, then one revoke of the whole order: no read of it, ahead or not.
  expect(calls.filter((c) => c.includes(`/${ids.terra}`))).toEqual([`PUT /order/certificate/${ids.terra}/ct-status`, `PUT /order/certificate/${ids.terra}/revoke`]);
  expect(calls).toContain(`PUT /request/${celesRequest}/status`);
  expect(calls).not.toContain(`PUT /order/certificate/${ids.celes}/status`);
  expect(calls).toContain(`PUT /certificate/${lockCertificate}/revoke`);
  // Pending: canceled (Update order status), neither rejected nor revoked.
  expect(calls.filter((c) => c.startsWith("PUT ") && c.includes(`/${ids.edgar}/`))).toEqual([`PUT /order/certificate/${ids.edgar}/status`]);
  expect((await sim.order(ids.edgar)).status).toBe("canceled");
  expect((await sim.order(ids.celes)).status).toBe("rejected");
  expect((await sim.order(ids.terra)).requests.find((q) => q.type === "revoke")).toMatchObject({ status: "pending", comments: "removed by the revoke test" });
});
