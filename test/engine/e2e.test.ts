// End to end through the real Pulumi engine (the one `make engine` chose and recorded), with the
// Automation API, against a simulator this test starts. Every step counts the
// simulator's requests to prove what was and was not called.
import { CLIENT_CERTIFICATES_EXAMPLE, EngineFixture, type EngineStack, type TestSimulator } from "./support/fixture";
import { leaks } from "./support/key-leaks";

jest.setTimeout(10 * 60_000);

const KEY = "e2e-key-7d3f0a9c5b21";
const REVOCATION_COMMENTS = "Removed from the client-certificates stack";

const fx = new EngineFixture();
let sim: TestSimulator;
let es: EngineStack;

beforeAll(async () => {
  sim = await fx.simulator({ apiKeys: [KEY] });
  es = await fx.stack({ name: "e2e", program: CLIENT_CERTIFICATES_EXAMPLE, sim });
});
afterAll(() => fx.close());

let firstOrderId: number;
let secondOrderId: number;
let adoptedOrderId: number;

test("1. preview of a new stack lists the three resources to create, calling nothing", async () => {
  const p = await es.stack.preview();
  expect(p.changeSummary).toMatchObject({ create: 4 });
  for (const t of ["digicert:ClientCertificateOrder", "digicert:OrderCtStatus", "digicert:CertificateReissue"]) {
    expect(p.stdout).toContain(t);
  }
  expect(await sim.takeCalls()).toEqual([]);
});

test("2. up creates them: the simulator holds the order, its CT status and the reissue", async () => {
  const r = await es.stack.up();
  expect(r.summary.resourceChanges).toMatchObject({ create: 4 });
  const out = await es.outputs();
  firstOrderId = out["orderId"] as number;
  const o = await sim.order(firstOrderId);
  expect(o.disable_ct).toBe(true);
  expect(o.requests.some((q) => q.type === "reissue")).toBe(true);
  expect(o.certificate.id).toBe(out["reissuedCertificateId"]);
  const calls = await sim.takeCalls();
  expect(calls.filter((c) => c.startsWith("POST /order/certificate/client_"))).toHaveLength(1);
  expect(calls).toContain(`PUT /order/certificate/${firstOrderId}/ct-status`);
  expect(calls).toContain(`POST /order/certificate/${firstOrderId}/reissue`);
});

test("3. a second preview reports no changes", async () => {
  const p = await es.stack.preview();
  expect(p.changeSummary).toEqual({ same: 4 });
  // Only the function reads DigiCert during a preview; no resource does.
  expect(await sim.takeCalls()).toEqual([`GET /order/certificate/${firstOrderId}/duplicate`]);
});

test("5. changing the common name plans a replace; up orders anew and revokes the old certificate", async () => {
  await es.stack.setConfig("commonName", { value: "Locke Cole" });
  const p = await es.stack.preview({ diff: true });
  expect(p.changeSummary).toMatchObject({ replace: 3 });
  await sim.takeCalls();
  const r = await es.stack.up();
  expect(r.summary.resourceChanges).toMatchObject({ replace: 3 });
  secondOrderId = (await es.outputs())["orderId"] as number;
  expect(secondOrderId).not.toBe(firstOrderId);
  const calls = await sim.takeCalls();
  expect(calls.filter((c) => c.startsWith("POST /order/certificate/client_"))).toHaveLength(1);
  const old = await sim.order(firstOrderId);
  const revoke = old.requests.find((q) => q.type === "revoke");
  expect(revoke).toMatchObject({ status: "pending", comments: REVOCATION_COMMENTS });
  expect(calls).toContain(`PUT /certificate/${old.certificate.id}/revoke`);
});

test("6. adoptOrderId adopts an order created directly in the simulator, without a new order call", async () => {
  adoptedOrderId = await sim.placeOrder();
  await sim.takeCalls();
  await es.stack.setConfig("adoptOrderId", { value: String(adoptedOrderId) });
  const r = await es.stack.up();
  expect(r.summary.resourceChanges).toMatchObject({ create: 1, same: 4 });
  expect((await es.outputs())["adoptedOrderStatus"]).toBe("needs_approval");
  const calls = await sim.takeCalls();
  expect(calls.filter((c) => c.startsWith("POST"))).toEqual([]);
  expect(calls).toContain(`GET /order/certificate/${adoptedOrderId}`);
});

test("4. changes made behind the stack's back show as drift in preview --refresh and refresh", async () => {
  // The adopted order's pending request is approved, and CT logging is switched back on.
  const adopted = await sim.order(adoptedOrderId);
  await sim.api("PUT", `/request/${adopted.requests[0]!.id}/status`, { status: "approved" });
  await sim.api("PUT", `/order/certificate/${secondOrderId}/ct-status`, { disable_ct: false });
  await sim.takeCalls();
  const preview = await es.stack.preview({ refresh: true });
  expect(preview.changeSummary).toMatchObject({ update: 1 }); // CT status goes back to what the program declares
  const r = await es.stack.refresh();
  expect(r.stdout).toMatch(/lock-cole-ct.*updated.*disableCt/);
  expect(await es.outputsOf("lock-cole-ct")).toMatchObject({ disableCt: false });
  const adoptedState = await es.outputsOf("adopted");
  expect(adoptedState).toMatchObject({ status: "issued" });
  expect(typeof adoptedState["certificateId"]).toBe("number");
  expect(adoptedState["validTill"]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  // An order revoked outside the stack: refresh records it, and the next up plans a new order.
  const rev = (await sim.api("PUT", `/certificate/${adoptedState["certificateId"]}/revoke`, { comments: "outside" })) as { id: number };
  await sim.api("PUT", `/request/${rev.id}/status`, { status: "approved" });
  await sim.takeCalls();
  const p2 = await es.stack.preview({ refresh: true });
  expect(p2.changeSummary).toMatchObject({ replace: 1, update: 1 });
  await es.stack.refresh();
  // DigiCert keeps an order whose only certificate was revoked active: certificateStatus tells.
  expect(await es.outputsOf("adopted")).toMatchObject({ status: "issued", certificateStatus: "revoked" });
  const calls = await sim.takeCalls();
  expect(calls.filter((c) => !c.startsWith("GET"))).toEqual([]);
  // Let the adopted order go (it is revoked: its delete sends nothing), and restore CT status.
  await es.stack.removeConfig("adoptOrderId");
  const up = await es.stack.up();
  expect(up.summary.resourceChanges).toMatchObject({ delete: 1, update: 1 });
  expect((await sim.order(secondOrderId)).disable_ct).toBe(true);
  expect((await sim.takeCalls()).filter((c) => c.includes("/revoke"))).toEqual([]);
});

test("8. pulumi stack export holds no trace of the API key", async () => {
  // Exactly what a user runs: `pulumi stack export`, secrets not shown.
  const exported = await es.exportText();
  expect(exported.length).toBeGreaterThan(1000);
  // The key in each encoding it could leak in: plain, base64, hex, URL-encoded.
  expect(leaks(exported, KEY)).toEqual([]);
  // With secrets decrypted, the key appears only where the engine itself keeps the stack's
  // config (the default pulumi-nodejs provider, encrypted in state), never in our resources.
  const resources = await es.resources();
  const holders = resources.filter((r) => JSON.stringify([r.inputs, r.outputs]).includes(KEY)).map((r) => r.type);
  expect(holders).toEqual(["pulumi:providers:pulumi-nodejs"]);
  expect(resources.filter((r) => r.type.includes("digicert")).length).toBe(3);
});

test("8b. each resource's source position is the program's line, not the SDK's", async () => {
  const positions = (await es.resources()).filter((r) => r.type.includes("digicert")).map((r) => r.sourcePosition);
  expect(positions).toHaveLength(3);
  for (const p of positions) expect(p).toMatch(/^project:\/\/\/index\.ts#\d+,\d+$/);
});

test("7. destroy sends the revoke with the comments and restores CT logging", async () => {
  await sim.takeCalls();
  const r = await es.stack.destroy();
  expect(r.summary.resourceChanges).toMatchObject({ delete: 4 });
  const o = await sim.order(secondOrderId);
  expect(o.disable_ct).toBe(false);
  expect(o.requests.find((q) => q.type === "revoke")).toMatchObject({ status: "pending", comments: REVOCATION_COMMENTS });
  const calls = await sim.takeCalls();
  expect(calls).toContain(`PUT /order/certificate/${secondOrderId}/ct-status`);
  expect(calls).toContain(`PUT /certificate/${o.certificate.id}/revoke`);
  expect(calls.filter((c) => c.includes("/revoke"))).toHaveLength(1);
});

test("9. a bad input fails preview with a message naming the field, and no request reaches DigiCert", async () => {
  await es.stack.setConfig("validityYears", { value: "3" });
  await sim.takeCalls();
  await expect(es.stack.preview()).rejects.toThrow(/validityYears.*must be 1 or 2/s);
  expect(await sim.takeCalls()).toEqual([]);
});
