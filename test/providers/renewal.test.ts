// Renewal before expiry (ClientCertificateOrder's renewBeforeDays), at the provider
// level against the simulator over real HTTP: diff decides from the stored validTill and
// today with no API call and says why; update places exactly one renewal order with the
// same details and revokes nothing; read and delete follow the renewal.
import * as fs from "node:fs";
import * as path from "node:path";
import { ClientCertificateOrderProvider } from "../../provider/kinds/client-certificate-order/provider";
import { RenewalRefusedError } from "../../provider/kit/runtime/errors";
import { MemoryLogger } from "../../provider/kit/runtime/log";
import { CSR, api, calls, orderInputs, startFixture, type Fixture } from "../support/providers";

let f: Fixture;
beforeEach(async () => {
  f = await startFixture({}, 1);
});
afterEach(async () => {
  await f.sim.close();
});

const DAY = 86_400_000;
const TODAY = new Date();
/** yyyy-MM-dd, `days` from today (UTC). */
const day = (days: number, from: Date = TODAY): string => new Date(from.getTime() + days * DAY).toISOString().slice(0, 10);
/** A year from today, as DigiCert (the simulator) dates a one-year certificate issued today. */
const inAYear = (): string => new Date(Date.UTC(TODAY.getUTCFullYear() + 1, TODAY.getUTCMonth(), TODAY.getUTCDate())).toISOString().slice(0, 10);
const POST_ORDER = "POST /order/certificate/client_premium_sha2";

type Bag = Record<string, unknown>;

interface SimOrderRecord {
  id: number;
  productId: string;
  status: string;
  organizationId: number;
  containerId?: number;
  renewalOfOrderId?: number;
  isRenewed: boolean;
  validity: { years?: number; customExpirationDate?: string };
  requested: { commonName: string; emails: string[]; organizationUnits?: string[]; csr?: string; signatureHash: string };
  certificateIds: number[];
  requestIds: number[];
}
interface SimState {
  orders: SimOrderRecord[];
  certificates: { id: number; status: string; validTill?: string }[];
  requests: { id: number; orderId: number; type: string }[];
}
const simState = async () => (await f.sim.admin.state()) as SimState;

/** An issued order, with its certificate moved by the simulator to `validTill` and the state refreshed to match. */
async function orderValidTill(validTill: string | undefined, over: Bag = {}): Promise<{ id: string; inputs: Bag; state: Bag }> {
  const inputs = orderInputs(over);
  const created = await f.order.create(inputs);
  const outs = created.outs as unknown as Bag;
  if (validTill !== undefined) {
    await f.sim.admin.setValidity(outs["certificateId"] as number, { validFrom: day(-340), validTill });
  }
  const read = await f.order.read(created.id, outs);
  await f.sim.admin.clearRequests();
  f.log.lines.length = 0;
  return { id: created.id, inputs, state: read.props as Bag };
}

/**
 * An order due for renewal (valid till 20 days from today) and a renewal of it with the
 * same details placed straight through DigiCert's API, as an earlier, interrupted run
 * (or someone by hand) leaves it.
 */
async function orderWithRenewalByHand(): Promise<{ id: string; inputs: Bag; state: Bag; renewalId: number }> {
  const { id, inputs, state } = await orderValidTill(day(20));
  const byHand = await api(f.sim, "POST", "/order/certificate/client_premium_sha2", {
    certificate: { common_name: "Lock Cole", emails: ["locke.cole@example.com"], signature_hash: "sha256", organization_units: ["Accounting"] },
    organization: { id: 112233 },
    validity_years: 1,
    skip_approval: true,
    renewal_of_order_id: Number(id),
  });
  return { id, inputs, state, renewalId: (byHand.json as { id: number }).id };
}

describe("diff decides from the stored validTill and today, with no API call", () => {
  it("plans a renewal (an update) inside the window and logs why", async () => {
    const { id, inputs, state } = await orderValidTill(day(25));
    expect(state["validTill"]).toBe(day(25));
    const d = await f.order.diff(id, state, inputs);
    expect(d).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(f.log.lines).toEqual([
      `info: order ${id} (Lock Cole): renewal planned: valid till ${day(25)}, 25 days left, renewBeforeDays 30 (the default). ` +
        `The renewal order has the same details; order ${id} is not revoked`,
    ]);
    expect(await calls(f.sim)).toEqual([]);
  });

  it("uses today's date: the same state is due on one day and not on an earlier one", async () => {
    const { id, inputs, state } = await orderValidTill(undefined);
    const validTill = new Date(`${state["validTill"] as string}T00:00:00Z`);
    const on = (daysBefore: number) => new ClientCertificateOrderProvider(f.ctx, new MemoryLogger(), undefined, () => new Date(validTill.getTime() - daysBefore * DAY + 3_600_000));
    expect((await on(31).diff(id, state, inputs)).changes).toBe(false);
    expect((await on(30).diff(id, state, inputs)).changes).toBe(true);
    expect((await on(-2).diff(id, state, inputs)).changes).toBe(true);
    const late = new MemoryLogger();
    await new ClientCertificateOrderProvider(f.ctx, late, undefined, () => new Date(validTill.getTime() + 2 * DAY)).diff(id, state, inputs);
    expect(late.lines[0]).toContain(`valid till ${state["validTill"] as string}, expired 2 days ago, renewBeforeDays 30`);
    expect(await calls(f.sim)).toEqual([]);
  });

  it("takes renewBeforeDays from the program; a negative value turns renewal off", async () => {
    const { id, inputs, state } = await orderValidTill(day(25));
    expect((await f.order.diff(id, state, { ...inputs, renewBeforeDays: 20 })).changes).toBe(true); // the input itself changed
    const stored = { ...state, renewBeforeDays: 20 };
    expect(await f.order.diff(id, stored, { ...inputs, renewBeforeDays: 20 })).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    expect(await f.order.diff(id, { ...state, renewBeforeDays: 40 }, { ...inputs, renewBeforeDays: 40 })).toMatchObject({ changes: true, replaces: [] });
    expect(f.log.lines.at(-1)).toContain("25 days left, renewBeforeDays 40. ");
    const off = { ...state, renewBeforeDays: -1, validTill: day(-3) };
    expect(await f.order.diff(id, off, { ...inputs, renewBeforeDays: -1 })).toMatchObject({ changes: false });
    expect(await calls(f.sim)).toEqual([]);
  });

  it("leaves an order with autoRenew to DigiCert", async () => {
    const { id, inputs, state } = await orderValidTill(day(10), { autoRenew: 1 });
    expect(await f.order.diff(id, state, inputs)).toMatchObject({ changes: false });
    expect(f.log.lines).toEqual([]);
  });

  it("does not renew an order that is not issued; one DigiCert ended is still replaced", async () => {
    const { id, inputs, state } = await orderValidTill(day(10));
    expect(await f.order.diff(id, { ...state, status: "needs_approval" }, inputs)).toMatchObject({ changes: false });
    expect(await f.order.diff(id, { ...state, status: "revoked" }, inputs)).toMatchObject({ changes: true, replaces: ["status"] });
  });

  it("inside the window, a change to the term renews; outside, it replaces; anything else fixed at ordering replaces", async () => {
    const { id, inputs, state } = await orderValidTill(day(25));
    expect(await f.order.diff(id, state, { ...inputs, validityYears: 2 })).toMatchObject({ changes: true, replaces: [] });
    expect(await f.order.diff(id, state, { ...inputs, organizationId: 9 })).toMatchObject({ changes: true, replaces: ["organizationId"] });
    expect(f.log.lines.at(-1)).toContain("but organizationId changed: a new order replaces it instead");
    expect(await f.order.diff(id, { ...state, validTill: day(200) }, { ...inputs, validityYears: 2 })).toMatchObject({ replaces: ["validityYears"] });
  });
});

describe("a stack written before renewal existed (0.1.0)", () => {
  it("plans a renewal once its certificate is inside the default window, and not before", async () => {
    const exported = JSON.parse(fs.readFileSync(path.join(__dirname, "../fixtures/v0.1.0/stack.json"), "utf8")) as {
      deployment: { resources: { type: string; id?: string; inputs: Bag; outputs: Bag }[] };
    };
    const order = exported.deployment.resources.find((r) => r.type.endsWith(":ClientCertificateOrder"))!;
    const validTill = order.outputs["validTill"] as string;
    const on = (iso: string, log = new MemoryLogger()) => ({ log, p: new ClientCertificateOrderProvider(f.ctx, log, undefined, () => new Date(iso)) });
    const before = on("2027-10-30T12:00:00Z");
    expect(await before.p.diff(order.id!, order.outputs, order.inputs)).toMatchObject({ changes: false });
    const inside = on("2027-11-10T12:00:00Z");
    expect(await inside.p.diff(order.id!, order.outputs, order.inputs)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(inside.log.lines).toEqual([expect.stringContaining(`renewal planned: valid till ${validTill}, 20 days left, renewBeforeDays 30 (the default)`)]);
    expect(await calls(f.sim)).toEqual([]);
  });
});

describe("update renews", () => {
  it("places exactly one order with renewal_of_order_id and the same details, revokes nothing, and the next diff plans nothing", async () => {
    const details = { commonName: "Lock Cole", emails: ["locke.cole@example.com"], signatureHash: "sha256", organizationUnits: ["Accounting"], csr: CSR };
    const { id, inputs, state } = await orderValidTill(day(20), { certificate: details, containerId: 445566 });
    const oldCertificate = state["certificateId"] as number;

    const outs = (await f.order.update(id, state, inputs)).outs as Bag;

    const made = await calls(f.sim);
    expect(made.filter((c) => c.startsWith("POST "))).toEqual([POST_ORDER]);
    expect(made.filter((c) => c.startsWith("PUT "))).toEqual([]);
    const s = await simState();
    const renewal = s.orders.find((o) => o.id === outs["orderId"])!;
    const renewed = s.orders.find((o) => o.id === Number(id))!;
    expect(renewal).toMatchObject({
      renewalOfOrderId: Number(id),
      productId: renewed.productId,
      organizationId: renewed.organizationId,
      containerId: 445566,
      validity: { years: 1 },
      status: "issued",
    });
    expect(renewal.requested).toEqual(renewed.requested);
    expect(renewal.requested.csr).toBe(CSR);
    // The renewed order runs out on its own: issued, renewed, no revoke request, its certificate not revoked.
    expect(renewed).toMatchObject({ status: "issued", isRenewed: true });
    expect(s.requests.filter((q) => q.type === "revoke")).toEqual([]);
    expect(s.certificates.find((c) => c.id === oldCertificate)).toMatchObject({ status: "issued", validTill: day(20) });

    expect(outs).toMatchObject({ ...inputs, orderId: renewal.id, certificateId: renewal.certificateIds[0], status: "issued" });
    expect(outs["validTill"]).toBe(inAYear());
    expect(f.log.lines.join("\n")).toContain(`order ${renewal.id} renews order ${id}, which is not revoked: its certificate stays valid until ${day(20)}`);
    expect(await f.order.diff(id, outs, inputs)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });

    // The resource's ID stays the first order; read and delete follow orderId.
    await f.sim.admin.clearRequests();
    const read = await f.order.read(id, outs);
    expect(read.id).toBe(id);
    expect(read.props).toMatchObject({ orderId: renewal.id, validTill: inAYear() });
    expect(await calls(f.sim)).toEqual([`GET /order/certificate/${renewal.id}`]);
    await f.order.delete(id, outs);
    expect(await calls(f.sim)).toContain(`PUT /certificate/${renewal.certificateIds[0]}/revoke`);
    expect((await calls(f.sim)).filter((c) => c.includes("/revoke"))).toHaveLength(1);
  });

  it("renews to a new customExpirationDate; the same date cannot be renewed, and the plan says so", async () => {
    const { id, inputs, state } = await orderValidTill(day(20), { validityYears: undefined, customExpirationDate: day(200) });
    const same = await f.order.diff(id, state, inputs);
    expect(same).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    expect(f.log.lines).toEqual([expect.stringMatching(/^warn: order \d+ \(Lock Cole\) is due for renewal \(valid till .*, 20 days left, renewBeforeDays 30 \(the default\)\), but a renewal cannot be to the same customExpirationDate/)]);
    // An update for another reason does not renew to the same date either.
    expect((await f.order.update(id, state, { ...inputs, revocationComments: "x" })).outs).toMatchObject({ orderId: Number(id) });
    expect(await calls(f.sim)).toEqual([]);

    const next = { ...inputs, customExpirationDate: day(400) };
    expect((await f.order.check(inputs, next)).failures).toEqual([]);
    expect(await f.order.diff(id, state, next)).toMatchObject({ changes: true, replaces: [] });
    const outs = (await f.order.update(id, state, next)).outs as Bag;
    expect((await calls(f.sim)).filter((c) => c.startsWith("POST "))).toEqual([POST_ORDER]);
    const renewal = (await simState()).orders.find((o) => o.id === outs["orderId"])!;
    expect(renewal).toMatchObject({ renewalOfOrderId: Number(id), validity: { customExpirationDate: day(400) } });
    expect(outs["validTill"]).toBe(day(400));
  });

  it("takes a renewal an earlier, interrupted run placed (or one placed by hand) instead of renewing twice", async () => {
    const { id, inputs, state, renewalId } = await orderWithRenewalByHand();
    await f.sim.admin.clearRequests();
    const outs = (await f.order.update(id, state, inputs)).outs as Bag;
    expect(outs).toMatchObject({ orderId: renewalId, status: "issued" });
    expect((await calls(f.sim)).filter((c) => !c.startsWith("GET "))).toEqual([]);
    expect(f.log.lines.join("\n")).toContain(`DigiCert shows its renewal already, order ${renewalId}`);
  });

  it("finds the renewal by what it was placed with, not DigiCert's links: the old order not marked renewed, the renewal naming renewed_order_id 0", async () => {
    const { id, inputs, state, renewalId } = await orderWithRenewalByHand();
    await f.sim.admin.patchOrder(Number(id), { isRenewed: false });
    const info = (await api(f.sim, "GET", `/order/certificate/${renewalId}`)).json as Bag;
    expect(info).toMatchObject({ is_renewal: true, is_renewed: false, renewed_order_id: 0 });
    await f.sim.admin.clearRequests();
    const outs = (await f.order.update(id, state, inputs)).outs as Bag;
    expect(outs).toMatchObject({ orderId: renewalId });
    expect((await calls(f.sim)).filter((c) => !c.startsWith("GET "))).toEqual([]);
  });

  it("renews nothing when DigiCert reports the order renewed by an order that is not this resource's, and says what to do", async () => {
    const { id, inputs, state } = await orderValidTill(day(20));
    await api(f.sim, "POST", "/order/certificate/client_premium_sha2", {
      certificate: { common_name: "Someone Else", emails: ["else@example.com"], signature_hash: "sha256" },
      organization: { id: 112233 },
      validity_years: 1,
      renewal_of_order_id: Number(id),
    });
    await f.sim.admin.clearRequests();
    const refused = f.order.update(id, state, inputs);
    await expect(refused).rejects.toBeInstanceOf(RenewalRefusedError);
    await expect(refused).rejects.toThrow(/renewed already \(is_renewed\).*nothing was ordered.*adoptOrderId/);
    expect((await calls(f.sim)).filter((c) => !c.startsWith("GET "))).toEqual([]);
  });

  it("asks DigiCert before paying: an order no longer due, or revoked meanwhile, is not renewed", async () => {
    const { id, inputs, state } = await orderValidTill(day(20));
    // State says due; DigiCert knows better (its certificate moved on since the last refresh).
    await f.sim.admin.setValidity(state["certificateId"] as number, { validFrom: day(-1), validTill: day(300) });
    const outs = (await f.order.update(id, state, inputs)).outs as Bag;
    expect(outs).toMatchObject({ orderId: Number(id), validTill: day(300) });
    expect(f.log.lines.join("\n")).toContain(`DigiCert reports it valid till ${day(300)} (300 days left, more than renewBeforeDays 30): no renewal needed`);

    const other = await orderValidTill(day(20), { certificate: { commonName: "Terra", emails: ["terra@example.com"], signatureHash: "sha256" } });
    await f.sim.admin.patchOrder(Number(other.id), { status: "revoked" });
    await expect(f.order.update(other.id, other.state, other.inputs)).rejects.toThrow(/DigiCert now reports it revoked: nothing was ordered/);
    expect((await calls(f.sim)).filter((c) => c.startsWith("POST "))).toEqual([]);
  });

  it("recovers a renewal whose answer was lost instead of posting it again", async () => {
    const { id, inputs, state } = await orderValidTill(day(20));
    await f.sim.admin.addFaults([{ method: "POST", path: "/order/certificate/client_premium_sha2", kind: "reset", when: "after", times: 1 }]);
    const outs = (await f.order.update(id, state, inputs)).outs as Bag;
    expect((await calls(f.sim)).filter((c) => c.startsWith("POST "))).toEqual([POST_ORDER]);
    const s = await simState();
    expect(s.orders.filter((o) => o.renewalOfOrderId === Number(id)).map((o) => o.id)).toEqual([outs["orderId"]]);
    expect(f.log.lines.join("\n")).toMatch(/renewal of order \d+\) was placed although DigiCert's answer was lost/);
  });
});

describe("check", () => {
  it("refuses an explicit renewBeforeDays beside autoRenew, naming the field", async () => {
    const r = await f.order.check({}, orderInputs({ autoRenew: 2, renewBeforeDays: 30 }));
    expect(r.failures).toEqual([{ property: "renewBeforeDays", reason: expect.stringContaining("must not be set beside autoRenew (2)") }]);
    expect((await f.order.check({}, orderInputs({ autoRenew: 0, renewBeforeDays: 30 }))).failures).toEqual([]);
    expect((await f.order.check({}, orderInputs({ autoRenew: 2 }))).failures).toEqual([]);
  });

  it("names what renewBeforeDays allows", async () => {
    const byProp = async (v: unknown) => (await f.order.check({}, orderInputs({ renewBeforeDays: v }))).failures;
    expect(await byProp(200)).toEqual([{ property: "renewBeforeDays", reason: expect.stringContaining("at most 180 days") }]);
    expect(await byProp(1.5)).toEqual([{ property: "renewBeforeDays", reason: expect.stringContaining("whole number of days") }]);
    expect(await byProp(-1)).toEqual([]);
  });

  it("never fails an existing order's customExpirationDate that time has overtaken, but judges a new one", async () => {
    const passed = orderInputs({ validityYears: undefined, customExpirationDate: "2020-01-31" });
    expect((await f.order.check(passed, passed)).failures).toEqual([]);
    const fresh = await f.order.check({}, passed);
    expect(fresh.failures).toEqual([{ property: "customExpirationDate", reason: expect.stringContaining("must be a date in the future") }]);
    const changed = await f.order.check(passed, { ...passed, customExpirationDate: "2021-01-31" });
    expect(changed.failures).toEqual([{ property: "customExpirationDate", reason: expect.stringContaining("must be a date in the future") }]);
  });

  it("refuses a new customExpirationDate inside the renewal window: it would be due as soon as issued", async () => {
    const r = await f.order.check({}, orderInputs({ customExpirationDate: day(20) }));
    expect(r.failures).toEqual([{ property: "customExpirationDate", reason: expect.stringContaining("is 20 days ahead, within renewBeforeDays 30") }]);
    expect((await f.order.check({}, orderInputs({ customExpirationDate: day(20), renewBeforeDays: 10 }))).failures).toEqual([]);
    expect(await calls(f.sim)).toEqual([]);
  });
});
