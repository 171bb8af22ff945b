import { api, issuedOrder, orderBody, PRODUCT, useSimulator } from "./support/helpers";
import { defaultSettings, startSimulator } from "../../simulator";

const { sim, call } = useSimulator();

test("defaults match the contract", () => {
  expect(defaultSettings()).toEqual({
    autoApprove: false,
    newRequestStatus: "pending",
    issueDelayMs: 0,
    autoApproveRevoke: false,
    ctLoggingEnabled: true,
    rateLimits: [
      { limit: 1000, windowMs: 180_000 },
      { limit: 100, windowMs: 5_000 },
    ],
    latencyMs: 0,
    clockOffsetMs: 0,
    reportedStatuses: {},
  });
});

test("settings merge partially and reject bad values", async () => {
  await sim().admin.setSettings({ issueDelayMs: 25 });
  await sim().admin.setSettings({ autoApprove: true });
  expect(await sim().admin.settings()).toMatchObject({ issueDelayMs: 25, autoApprove: true, newRequestStatus: "pending" });
  await expect(sim().admin.setSettings({ issueDelayMs: -1 })).rejects.toThrow(/issueDelayMs/);
  await expect(sim().admin.setSettings({ bogus: 1 } as never)).rejects.toThrow(/bogus/);
  expect((await sim().admin.settings()).issueDelayMs).toBe(25);
});

test("admin calls need no key and are not rate-limited", async () => {
  await sim().admin.setSettings({ rateLimits: [{ limit: 0, windowMs: 60_000 }] });
  for (let i = 0; i < 5; i++) await sim().admin.state();
  expect((await call()("GET", "/order/certificate/1")).status).toBe(429);
});

test("patchOrder changes status and disable_ct behind the API's back", async () => {
  const { orderId, certificateId } = await issuedOrder(call());
  await sim().admin.patchOrder(orderId, { status: "expired", disableCt: true });
  expect((await call()("GET", `/order/certificate/${orderId}`)).json).toMatchObject({ status: "expired", disable_ct: true });
  await sim().admin.patchOrder(orderId, { status: "revoked" });
  expect((await call()("PUT", `/certificate/${certificateId}/revoke`)).json.errors[0].code).toBe("certificate_already_revoked");
  await expect(sim().admin.patchOrder(orderId, { status: "sleeping" })).rejects.toThrow(/status/);
  await expect(sim().admin.patchOrder(1, { status: "issued" })).rejects.toThrow(/404/);
});

test("addDuplicate returns a new certificate id; unknown order fails", async () => {
  const { orderId, certificateId } = await issuedOrder(call());
  const dup = await sim().admin.addDuplicate(orderId);
  expect(dup).toBeGreaterThan(certificateId);
  await expect(sim().admin.addDuplicate(2)).rejects.toThrow(/404/);
});

test("reset clears orders, request log and faults but keeps settings", async () => {
  await sim().admin.setSettings({ issueDelayMs: 1234 });
  await call()("POST", `/order/certificate/${PRODUCT}`, orderBody());
  await sim().admin.addFaults([{ kind: "status", status: 500, path: "^/never$" }]);
  await sim().admin.reset();
  expect(await sim().admin.state()).toMatchObject({ orders: [], certificates: [], requests: [] });
  expect(await sim().admin.requests()).toEqual([]);
  expect(await sim().admin.faults()).toEqual([]);
  expect((await sim().admin.settings()).issueDelayMs).toBe(1234);
});

test("state exposes orders, certificates and requests", async () => {
  const { orderId, certificateId } = await issuedOrder(call());
  const state = (await sim().admin.state()) as { orders: { id: number }[]; certificates: { id: number }[]; requests: { type: string }[] };
  expect(state.orders.map((o) => o.id)).toEqual([orderId]);
  expect(state.certificates.map((c) => c.id)).toEqual([certificateId]);
  expect(state.requests.map((r) => r.type)).toEqual(["new_request"]);
});

test("unknown admin route is 404", async () => {
  const r = await fetch(`${sim().url}/__admin/nothing`);
  expect(r.status).toBe(404);
});

test("close() is prompt even with keep-alive connections and slow requests in flight", async () => {
  const other = await startSimulator({ port: 0, settings: { latencyMs: 10_000 } });
  await fetch(`${other.url}/__admin/state`);
  const slow = api(other)("GET", "/order/certificate/1").then(
    (r) => r.status,
    () => "connection closed",
  );
  await new Promise((r) => setTimeout(r, 50));
  const t0 = Date.now();
  await other.close();
  expect(Date.now() - t0).toBeLessThan(1000);
  expect(await slow).toBe("connection closed");
  await expect(fetch(`${other.url}/__admin/state`)).rejects.toThrow();
});

test("url, baseUrl and port describe the listener", async () => {
  expect(sim().url).toBe(`http://127.0.0.1:${sim().port}`);
  expect(sim().baseUrl).toBe(`${sim().url}/services/v2`);
});
