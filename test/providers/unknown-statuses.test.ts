// Order, request and certificate statuses outside DigiCert's documented lists, as real
// accounts answer them: each resource reads, refreshes and deletes such an order without
// failing, logs the status once, and lets it drive no replacement, revoke or cancel.
// The simulator answers the given statuses while the order behaves by its real one.
import { X509Certificate } from "node:crypto";
import { getOrderDuplicates } from "../../provider/kinds/get-order-duplicates/function";
import { api, calls, orderInputs, providersOn, reissueInputs, simOrder, startFixture, type Fixture } from "../support/providers";

type Outs = Record<string, unknown>;

let f: Fixture;
beforeEach(async () => {
  f = await startFixture({}, 1);
});
afterEach(async () => {
  await f.sim.close();
});

async function createOrder(over: Record<string, unknown> = {}) {
  const r = await f.order.create(orderInputs(over));
  return { id: r.id, outs: r.outs as unknown as Outs };
}

/** The log lines that report `value` as outside DigiCert's documented list. */
const unknownLines = (value: string) => f.log.lines.filter((l) => l.includes(`"${value}"`) && l.includes("does not list"));
const writes = async () => (await calls(f.sim)).filter((c) => !c.startsWith("GET"));

describe("ClientCertificateOrder", () => {
  it("an issued order answering an undocumented status: read as it is, logged once, no replacement, its PEM kept", async () => {
    const { id, outs } = await createOrder();
    await f.sim.admin.setReportedStatuses(Number(id), { order: "approved" });
    await f.sim.admin.clearRequests();
    const first = await f.order.read(id, outs);
    expect(first.props).toMatchObject({ status: "approved", certificateId: outs["certificateId"], certificatePem: outs["certificatePem"] });
    const second = await f.order.read(id, first.props);
    expect(second.props["status"]).toBe("approved");
    expect(unknownLines("approved")).toHaveLength(1);
    expect(unknownLines("approved")[0]).toMatch(/^warn: DigiCert answered order status "approved".*needs_approval/);
    expect(await f.order.diff(id, second.props, orderInputs())).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    expect(await writes()).toEqual([]);
  });

  it("delete revokes nothing and says which certificate it leaves unrevoked", async () => {
    const { id, outs } = await createOrder();
    await f.sim.admin.setReportedStatuses(Number(id), { order: "active" });
    await f.sim.admin.clearRequests();
    await f.order.delete(id, outs);
    expect(await writes()).toEqual([]);
    expect((await f.sim.admin.state()) as { orders: { id: number; status: string }[] }).toMatchObject({
      orders: expect.arrayContaining([expect.objectContaining({ id: Number(id), status: "issued" })]),
    });
    const warning = f.log.lines.find((l) => l.startsWith("warn:") && l.includes(`order ${id} has status "active"`));
    expect(warning).toContain(`certificate ${outs["certificateId"]} is left unrevoked`);
  });

  it("an order awaiting approval under an undocumented status: delete cancels nothing", async () => {
    const { id, outs } = await createOrder({ skipApproval: false });
    await f.sim.admin.setReportedStatuses(Number(id), { order: "on_hold", request: "queued" });
    await f.sim.admin.clearRequests();
    const r = await f.order.read(id, outs);
    expect(r.props).toMatchObject({ status: "on_hold", requests: [{ status: "queued" }] });
    await f.order.delete(id, r.props);
    expect(await writes()).toEqual([]);
    expect((await f.sim.admin.state()) as { orders: { id: number; status: string }[] }).toMatchObject({
      orders: expect.arrayContaining([expect.objectContaining({ id: Number(id), status: "needs_approval" })]),
    });
    expect(f.log.lines.some((l) => l.startsWith("warn:") && l.includes(`order ${id} has status "on_hold"`) && l.includes("no certificate"))).toBe(true);
  });

  it("an undocumented request status on a documented order: read as it is; the order still behaves by its status", async () => {
    const { id, outs } = await createOrder();
    await f.sim.admin.setReportedStatuses(Number(id), { request: "cancelled_by_dc" });
    const r = await f.order.read(id, outs);
    expect(r.props).toMatchObject({ status: "issued", requests: [{ status: "cancelled_by_dc" }] });
    expect(unknownLines("cancelled_by_dc")).toHaveLength(1);
    await f.sim.admin.clearRequests();
    await f.order.delete(id, r.props);
    expect(await writes()).toEqual([`PUT /certificate/${outs["certificateId"]}/revoke`]);
  });

  it("orders placed while the account answers an undocumented status are created without error", async () => {
    await f.sim.admin.setSettings({ reportedStatuses: { order: "legacy_issued" } });
    const { id, outs } = await createOrder();
    // The order's answer carried the certificate: DigiCert's word that it issued; stored.
    expect(outs["status"]).toBe("issued");
    expect((await calls(f.sim)).filter((c) => c.startsWith("POST"))).toHaveLength(1);
    expect(outs["certificatePem"]).toContain("-----BEGIN CERTIFICATE-----");
    // The refresh reads the status DigiCert reports, one the provider cannot judge, without error.
    const r = await providersOn(f.sim).order.read(id, outs);
    expect(r.props["status"]).toBe("legacy_issued");
    expect(r.props["certificatePem"]).toBe(outs["certificatePem"]);
  });

  it("a certificate issued under an undocumented order status is downloaded once DigiCert reports its serial, and checked", async () => {
    const { id, outs } = await createOrder({ skipApproval: false });
    await f.sim.admin.setReportedStatuses(Number(id), { order: "approved" });
    await api(f.sim, "PUT", `/request/${(outs["requests"] as { id: number }[])[0]!.id}/status`, { status: "approved" });
    await f.sim.admin.clearRequests();
    const r = await f.order.read(id, outs);
    const certificateId = r.props["certificateId"] as number;
    expect(r.props["status"]).toBe("approved");
    const serial = (s: string) => s.toUpperCase().replace(/^0+/, "");
    expect(serial(new X509Certificate(r.props["certificatePem"] as string).serialNumber)).toBe(serial((await simOrder(f.sim, Number(id))).certificate.serial_number!));
    expect((await calls(f.sim)).filter((c) => c.includes("/download/"))).toEqual([`GET /certificate/${certificateId}/download/format/pem_all`]);
  });

  it("under an undocumented order status, a failed download is a warning at refresh, not an error", async () => {
    const { id, outs } = await createOrder({ skipApproval: false });
    await f.sim.admin.setReportedStatuses(Number(id), { order: "approved" });
    await api(f.sim, "PUT", `/request/${(outs["requests"] as { id: number }[])[0]!.id}/status`, { status: "approved" });
    await f.sim.admin.addFaults([{ method: "GET", path: "/download/", kind: "status", status: 403, times: 1 }]);
    const r = await f.order.read(id, outs);
    expect(r.props).toMatchObject({ status: "approved", certificateId: expect.any(Number) });
    expect(r.props).not.toHaveProperty("certificatePem");
    expect(f.log.lines.some((l) => l.startsWith("warn:") && l.includes(`order ${id} has status "approved"`) && l.includes("no PEM stored"))).toBe(true);
    // The next refresh tries again.
    expect((await f.order.read(id, r.props)).props["certificatePem"]).toContain("-----BEGIN CERTIFICATE-----");
  });
});

describe("CertificateReissue", () => {
  it("an undocumented order status: read as it is, delete cancels nothing", async () => {
    const { id: orderId } = await createOrder();
    const re = await f.reissue.create(reissueInputs(Number(orderId), { skipApproval: false }));
    await f.sim.admin.setReportedStatuses(Number(orderId), { order: "reissue_queued" });
    await f.sim.admin.clearRequests();
    const r = await f.reissue.read(re.id, re.outs as unknown as Outs);
    expect(r.props["status"]).toBe("pending");
    await f.reissue.delete(re.id, r.props);
    expect(await writes()).toEqual([]);
    expect((await simOrder(f.sim, Number(orderId))).requests.find((q) => q.type === "reissue")).toBeDefined();
    expect((await f.sim.admin.state()) as { orders: { id: number; status: string }[] }).toMatchObject({
      orders: expect.arrayContaining([expect.objectContaining({ id: Number(orderId), status: "reissue_pending" })]),
    });
    expect(f.log.lines.some((l) => l.startsWith("warn:") && l.includes(`order ${orderId} has status "reissue_queued"`) && l.includes("nothing was canceled"))).toBe(true);
  });

  it("an undocumented status of its reissue request: read as it is, delete cancels nothing", async () => {
    const { id: orderId } = await createOrder();
    const re = await f.reissue.create(reissueInputs(Number(orderId), { skipApproval: false }));
    await f.sim.admin.setReportedStatuses(Number(orderId), { request: "awaiting_dcv" });
    await f.sim.admin.clearRequests();
    const r = await f.reissue.read(re.id, re.outs as unknown as Outs);
    expect(r.props).toMatchObject({ status: "awaiting_dcv", requests: [{ status: "awaiting_dcv" }] });
    await f.reissue.delete(re.id, r.props);
    expect(await writes()).toEqual([]);
    expect(f.log.lines.some((l) => l.startsWith("warn:") && l.includes(`has status "awaiting_dcv"`) && l.includes("nothing was canceled"))).toBe(true);
  });
});

describe("OrderCtStatus", () => {
  it("reads and deletes on an order answering an undocumented status", async () => {
    const { id } = await createOrder();
    await f.ct.create({ orderId: Number(id), disableCt: true });
    await f.sim.admin.setReportedStatuses(Number(id), { order: "grandfathered" });
    expect(await f.ct.read(id)).toEqual({ id, props: { orderId: Number(id), disableCt: true, orderRevokeScope: "certificate" }, inputs: { orderId: Number(id), disableCt: true } });
    await f.ct.delete(id, { orderId: Number(id), disableCt: true });
    expect((await simOrder(f.sim, Number(id))).disable_ct).toBe(false);
  });
});

describe("getOrderDuplicates", () => {
  it("lists a duplicate whose certificate status is undocumented as it is", async () => {
    const { id } = await createOrder();
    await f.sim.admin.addDuplicate(Number(id));
    await f.sim.admin.setReportedStatuses(Number(id), { certificate: "superseded" });
    const r = await getOrderDuplicates(f.ctx, { orderId: Number(id) });
    expect(r.certificates.map((c) => c.status)).toEqual(["superseded"]);
    expect(unknownLines("superseded")).toHaveLength(1);
  });
});
