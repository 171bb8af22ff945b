// CertificateReissue and OrderCtStatus against the simulator over real HTTP.
import { makeCsr } from "../support/csr";
import { calls, orderInputs, reissueInputs, simOrder, startFixture, type Fixture } from "../support/providers";

let f: Fixture;
let orderId: number;
beforeEach(async () => {
  f = await startFixture({}, 1);
  const r = await f.order.create(orderInputs());
  orderId = Number(r.id);
  await f.sim.admin.clearRequests();
});
afterEach(async () => {
  await f.sim.close();
});

describe("CertificateReissue", () => {
  it("check names a missing CSR and a bad hash, without an API call", async () => {
    const r = await f.reissue.check({}, reissueInputs(orderId, { certificate: { commonName: "x", csr: "", signatureHash: "md5" } }));
    const props = (r.failures ?? []).map((x) => x.property).sort();
    expect(props).toEqual(["certificate.csr", "certificate.signatureHash"]);
    expect(await calls(f.sim)).toEqual([]);
  });

  it("create with skip approval issues a new certificate for the order", async () => {
    const r = await f.reissue.create(reissueInputs(orderId));
    expect(r.id).toBe(String(orderId));
    const outs = r.outs as unknown as Record<string, unknown>;
    expect(outs["status"]).toBe("issued");
    const info = await simOrder(f.sim, orderId);
    expect(outs["certificateId"]).toBe(info.certificate.id);
    expect(await calls(f.sim)).toContain(`POST /order/certificate/${orderId}/reissue`);
  });

  it("create without approval leaves a pending reissue request", async () => {
    const r = await f.reissue.create(reissueInputs(orderId, { skipApproval: false }));
    const outs = r.outs as unknown as Record<string, unknown>;
    expect(outs["status"]).toBe("pending");
    expect((outs["requests"] as { status: string }[])[0]?.status).toBe("pending");
    expect((await simOrder(f.sim, orderId)).status).toBe("reissue_pending");
  });

  it("diff: certificate details update (a new reissue), a new order replaces, nothing changed is no diff", async () => {
    const olds = reissueInputs(orderId);
    expect(await f.reissue.diff("1", olds, olds)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    expect(await f.reissue.diff("1", olds, reissueInputs(orderId + 1))).toEqual({ changes: true, replaces: ["orderId"], deleteBeforeReplace: false });
    const changed = reissueInputs(orderId, { certificate: { commonName: "Locke", csr: await makeCsr({ commonName: "Locke" }), signatureHash: "sha256" } });
    expect(await f.reissue.diff("1", olds, changed)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("update of the certificate details performs a new reissue on the same order", async () => {
    const first = await f.reissue.create(reissueInputs(orderId));
    const news = reissueInputs(orderId, { certificate: { commonName: "Locke Cole", csr: await makeCsr({ commonName: "Locke Cole" }), signatureHash: "sha256" } });
    await f.sim.admin.clearRequests();
    const r = await f.reissue.update(first.id, first.outs as unknown as Record<string, unknown>, news);
    expect((await calls(f.sim)).filter((c) => c.startsWith("POST"))).toEqual([`POST /order/certificate/${orderId}/reissue`]);
    expect(r.outs?.certificateId).not.toBe((first.outs as unknown as Record<string, unknown>)["certificateId"]);
  });

  it("update of comments only makes no API call", async () => {
    const first = await f.reissue.create(reissueInputs(orderId));
    await f.sim.admin.clearRequests();
    const r = await f.reissue.update(first.id, first.outs as unknown as Record<string, unknown>, reissueInputs(orderId, { comments: "other" }));
    expect(await calls(f.sim)).toEqual([]);
    expect(r.outs).toMatchObject({ comments: "other", status: "issued" });
  });

  it("read shows a pending reissue approved outside the stack", async () => {
    const r = await f.reissue.create(reissueInputs(orderId, { skipApproval: false }));
    const requestId = ((r.outs as unknown as Record<string, unknown>)["requests"] as { id: number }[])[0]!.id;
    await fetch(`${f.sim.baseUrl}/request/${requestId}/status`, {
      method: "PUT",
      headers: { "X-DC-DEVKEY": "test-key-4f1c9e2a7b", "Content-Type": "application/json" },
      body: JSON.stringify({ status: "approved" }),
    });
    const read = await f.reissue.read(r.id, r.outs as unknown as Record<string, unknown>);
    expect(read.props).toMatchObject({ status: "issued" });
    expect(read.props["certificateId"]).toBe((await simOrder(f.sim, orderId)).certificate.id);
  });

  it("delete rejects the request of a reissue awaiting approval (no cancel), so the order can be revoked afterwards", async () => {
    const r = await f.reissue.create(reissueInputs(orderId, { skipApproval: false }));
    const requestId = (r.outs as unknown as { requests: { id: number }[] }).requests[0]!.id;
    await f.sim.admin.clearRequests();
    await f.reissue.delete(r.id, r.outs as unknown as Record<string, unknown>);
    expect(await calls(f.sim)).toEqual([`GET /order/certificate/${orderId}`, `PUT /request/${requestId}/status`]);
    const info = await simOrder(f.sim, orderId);
    expect(info.status).toBe("issued");
    expect(info.requests.find((q) => q.type === "reissue")?.status).toBe("rejected");
  });

  it("delete of an issued reissue revokes nothing", async () => {
    const r = await f.reissue.create(reissueInputs(orderId));
    await f.sim.admin.clearRequests();
    await f.reissue.delete(r.id, r.outs as unknown as Record<string, unknown>);
    expect(await calls(f.sim)).toEqual([`GET /order/certificate/${orderId}`]);
    expect(f.log.lines.some((l) => l.includes("stays the order's certificate"))).toBe(true);
  });
});

describe("OrderCtStatus", () => {
  it("create sets disable_ct with one PUT", async () => {
    const r = await f.ct.create({ orderId, disableCt: true });
    expect(r).toEqual({ id: String(orderId), outs: { orderId, disableCt: true, orderRevokeScope: "certificate" } });
    expect(await calls(f.sim)).toEqual([`PUT /order/certificate/${orderId}/ct-status`]);
    expect((await simOrder(f.sim, orderId)).disable_ct).toBe(true);
  });

  it("check names disableCt when it is not a boolean", async () => {
    const r = await f.ct.check({}, { orderId, disableCt: "yes" });
    expect(r.failures).toEqual([{ property: "disableCt", reason: expect.stringContaining("boolean") }]);
  });

  it("diff: disableCt updates in place, a new orderId replaces", async () => {
    const olds = { orderId, disableCt: true };
    expect(await f.ct.diff("1", olds, olds)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    expect(await f.ct.diff("1", olds, { orderId, disableCt: false })).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(await f.ct.diff("1", olds, { orderId: 1, disableCt: true })).toEqual({ changes: true, replaces: ["orderId"], deleteBeforeReplace: false });
  });

  it("read shows CT status changed outside the stack", async () => {
    await f.ct.create({ orderId, disableCt: true });
    await fetch(`${f.sim.baseUrl}/order/certificate/${orderId}/ct-status`, {
      method: "PUT",
      headers: { "X-DC-DEVKEY": "test-key-4f1c9e2a7b", "Content-Type": "application/json" },
      body: JSON.stringify({ disable_ct: false }),
    });
    const r = await f.ct.read(String(orderId));
    expect(r).toEqual({ id: String(orderId), props: { orderId, disableCt: false, orderRevokeScope: "certificate" }, inputs: { orderId, disableCt: false } });
  });

  it("update changes the status", async () => {
    await f.ct.create({ orderId, disableCt: true });
    await f.ct.update(String(orderId), { orderId, disableCt: true }, { orderId, disableCt: false });
    expect((await simOrder(f.sim, orderId)).disable_ct).toBe(false);
  });

  it("delete restores CT logging", async () => {
    await f.ct.create({ orderId, disableCt: true });
    await f.ct.delete(String(orderId), { orderId, disableCt: true });
    expect((await simOrder(f.sim, orderId)).disable_ct).toBe(false);
    expect(f.log.lines.some((l) => l.includes("CT logging restored"))).toBe(true);
  });

  it("surfaces DigiCert's refusal when the account has CT logging off", async () => {
    await f.sim.admin.setSettings({ ctLoggingEnabled: false });
    await expect(f.ct.create({ orderId, disableCt: true })).rejects.toThrow(/cert_transparency_turned_off_for_account/);
  });

  it("reads an order that no longer exists as gone", async () => {
    expect(await f.ct.read("987654321")).toEqual({});
  });
});
