// ClientCertificateOrder against the simulator over real HTTP: every row of the
// lifecycle table in the README.
import { API_KEY, api, calls, orderInputs, providersOn, reissueInputs, simOrder, startFixture, useBaseUrl, type Fixture } from "../support/providers";
import { startProxy } from "../support/proxy";
import { REVOKE_READ_MS } from "../../provider/kit/orders/order-info";
import { HeldOrderNotFoundError } from "../../provider/kit/runtime/errors";

let f: Fixture;
beforeEach(async () => {
  f = await startFixture();
});
afterEach(async () => {
  await f.sim.close();
});

async function createOrder(over: Record<string, unknown> = {}) {
  const inputs = orderInputs(over);
  const r = await f.order.create(inputs);
  return { inputs, id: r.id, outs: r.outs as unknown as Record<string, unknown> };
}

describe("check", () => {
  it("accepts the documented example and makes no API call", async () => {
    const r = await f.order.check({}, { ...orderInputs(), __provider: "serialized" });
    expect(r.failures).toEqual([]);
    expect(r.inputs).not.toHaveProperty("__provider");
    expect(await calls(f.sim)).toEqual([]);
  });

  it("names each bad field and what is allowed", async () => {
    const r = await f.order.check(
      {},
      orderInputs({
        productId: "ssl_plus",
        validityYears: 3,
        paymentMethod: "cash",
        certificate: { commonName: "x", emails: ["not-an-email"], signatureHash: "sha1" },
      }),
    );
    const byProp = Object.fromEntries((r.failures ?? []).map((x) => [x.property, x.reason]));
    expect(byProp["productId"]).toContain('"client_premium_sha2"');
    expect(byProp["validityYears"]).toContain("1 or 2");
    expect(byProp["paymentMethod"]).toContain('"balance", "card", "profile"');
    expect(byProp["certificate.emails[0]"]).toContain("email address");
    expect(byProp["certificate.signatureHash"]).toContain("sha256");
    expect(await calls(f.sim)).toEqual([]);
  });

  it("skips values the engine does not know yet", async () => {
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const r = await f.order.check({}, orderInputs({ organizationId: unknown }));
    expect(r.failures).toEqual([]);
  });
});

describe("diff", () => {
  it("takes skipApproval, customFields and paymentMethod as declared when state never recorded them (an imported order); a recorded one that changes still replaces", async () => {
    const { id, outs } = await createOrder();
    const imported: Record<string, unknown> = { ...outs };
    delete imported["skipApproval"];
    delete imported["paymentMethod"];
    const declared = orderInputs({ customFields: [{ metadataId: 7, value: "cost centre 12" }] });
    const r = await f.order.diff(id, imported, declared);
    expect(r.replaces).toEqual([]);
    expect(r.changes).toBe(false);
    expect(f.log.lines.some((l) => l.includes("not recorded for this order"))).toBe(true);
    expect((await f.order.diff(id, outs, orderInputs({ skipApproval: false }))).replaces).toEqual(["skipApproval"]);
  });

  it("reports no change for unchanged inputs, run after run", async () => {
    const { outs } = await createOrder();
    for (let i = 0; i < 3; i++) {
      expect(await f.order.diff("1", outs, orderInputs())).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    }
  });

  it("replaces on anything fixed at ordering", async () => {
    const olds = orderInputs();
    const cases: [Record<string, unknown>, string][] = [
      [{ certificate: { ...(olds["certificate"] as object), commonName: "Terra" } }, "certificate"],
      [{ productId: "client_authentication_plus" }, "productId"],
      [{ organizationId: 9 }, "organizationId"],
      [{ validityYears: 2 }, "validityYears"],
      [{ paymentMethod: "card" }, "paymentMethod"],
      [{ skipApproval: false }, "skipApproval"],
      [{ adoptOrderId: 5 }, "adoptOrderId"],
    ];
    for (const [change, key] of cases) {
      const d = await f.order.diff("1", olds, { ...olds, ...change });
      expect(d.replaces).toEqual([key]);
      expect(d.changes).toBe(true);
    }
  });

  it("plans a new order when DigiCert ended the order outside the stack", async () => {
    for (const status of ["revoked", "rejected", "canceled", "expired"]) {
      const d = await f.order.diff("1", { ...orderInputs(), status }, orderInputs());
      expect(d).toMatchObject({ changes: true, replaces: ["status"] });
    }
    expect((await f.order.diff("1", { ...orderInputs(), status: "needs_approval" }, orderInputs())).changes).toBe(false);
  });

  it("updates revocationComments in place", async () => {
    const olds = orderInputs();
    const d = await f.order.diff("1", olds, { ...olds, revocationComments: "other" });
    expect(d).toMatchObject({ changes: true, replaces: [] });
  });
});

describe("create", () => {
  it("places one order and returns it issued when approval is skipped", async () => {
    const { id, outs } = await createOrder();
    expect(Number(id)).toBe(outs["orderId"]);
    expect(outs).toMatchObject({ status: "issued", productId: "client_premium_sha2" });
    expect(typeof outs["certificateId"]).toBe("number");
    expect(outs["validFrom"]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(outs["validTill"]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(outs["serialNumber"]).toBeTruthy();
    expect(outs["thumbprint"]).toBeTruthy();
    const posts = (await calls(f.sim)).filter((c) => c.startsWith("POST"));
    expect(posts).toEqual(["POST /order/certificate/client_premium_sha2"]);
  });

  it("returns a pending order after waiting, with progress in the log", async () => {
    const { outs } = await createOrder({ skipApproval: false });
    expect(outs["status"]).toBe("needs_approval");
    expect(outs["certificateId"]).toBeUndefined();
    expect((outs["requests"] as { status: string }[])[0]?.status).toBe("pending");
    expect(f.log.lines.some((l) => l.includes("awaiting approval"))).toBe(true);
  });

  it("fails with one clear error when no API key is set, before any call", async () => {
    f.ctx.configure({ get: (k) => (k === "digicert:baseUrl" ? f.sim.baseUrl : undefined) }, {});
    await expect(f.order.create(orderInputs())).rejects.toThrow(/digicert:apiKey.*DIGICERT_API_KEY/);
    expect(await calls(f.sim)).toEqual([]);
  });
});

describe("create of an order DigiCert issues at once", () => {
  it("places one POST and reads nothing back; its outputs are what a refresh reads from DigiCert", async () => {
    const { id, outs } = await createOrder();
    // Before it, the look-back's one read of DigiCert's recent orders (one per process).
    expect(await calls(f.sim)).toEqual(["GET /order/certificate", "POST /order/certificate/client_premium_sha2"]);
    expect(outs).toMatchObject({ orderId: Number(id), status: "issued" });
    const read = await providersOn(f.sim).order.read(id, outs);
    for (const k of ["orderId", "certificateId", "requests", "status", "validFrom", "validTill", "serialNumber", "thumbprint", "certificatePem", "chainPem"]) {
      expect([k, outs[k]]).toEqual([k, read.props[k]]);
    }
    expect(outs["serialNumber"]).toEqual(expect.stringMatching(/^[0-9A-F]+$/));
    expect(f.log.lines.some((l) => l.includes(`order ${id}: issued at once`))).toBe(true);
  });

  it("reads the order back when the answer's certificate does not parse, and keeps the order", async () => {
    // The leaf's first base64 characters broken in the POST's answer only: it no longer parses.
    const proxy = await startProxy(
      f.sim.baseUrl,
      (_method, path) => path,
      (method, _path, text) => (method === "POST" ? text.replace(/(BEGIN CERTIFICATE-----\\n)[A-Za-z0-9+/]{8}/, "$1********") : text),
    );
    try {
      useBaseUrl(f, proxy.baseUrl);
      const { id, outs } = await createOrder();
      expect((await calls(f.sim)).filter((c) => c.startsWith("POST"))).toHaveLength(1);
      expect(await calls(f.sim)).toContain(`GET /order/certificate/${id}`);
      expect(outs).toMatchObject({ orderId: Number(id), status: "issued" });
      expect(f.log.lines.some((l) => l.includes("does not check") && l.includes("reading the order back"))).toBe(true);
    } finally {
      await proxy.close();
    }
  });
});

describe("read", () => {
  it("shows a pending request approved outside the stack", async () => {
    const { id, outs } = await createOrder({ skipApproval: false });
    const requestId = (outs["requests"] as { id: number }[])[0]!.id;
    expect((await api(f.sim, "PUT", `/request/${requestId}/status`, { status: "approved" })).status).toBeLessThan(300);
    const r = await f.order.read(id, outs);
    expect(r.props).toMatchObject({ status: "issued" });
    expect(typeof r.props["certificateId"]).toBe("number");
    expect(r.props["validTill"]).toBeTruthy();
  });

  it("records a certificate revoked outside the stack while the order stays issued; the next diff replaces it and says why", async () => {
    const { id, outs } = await createOrder();
    expect(outs["certificateStatus"]).toBe("issued");
    const rev = await api(f.sim, "PUT", `/certificate/${outs["certificateId"]}/revoke`, { comments: "outside" });
    await api(f.sim, "PUT", `/request/${(rev.json as { id: number }).id}/status`, { status: "approved" });
    const r = await f.order.read(id, outs);
    expect(r.props).toMatchObject({ status: "issued", certificateStatus: "revoked" });
    const d = await f.order.diff(id, r.props, orderInputs());
    expect(d).toMatchObject({ changes: true, replaces: ["certificateStatus"] });
    expect(f.log.lines.some((l) => l.includes(`certificate ${outs["certificateId"]} was revoked outside the stack`) && l.includes("a new order replaces it"))).toBe(true);
  });

  it("shows an order revoked outside the stack as a whole", async () => {
    const { id, outs } = await createOrder();
    await api(f.sim, "PUT", `/order/certificate/${id}/revoke`, { skip_approval: true });
    const r = await f.order.read(id, outs);
    expect(r.props).toMatchObject({ status: "revoked", certificateStatus: "revoked" });
    expect((await f.order.diff(id, r.props, orderInputs())).replaces).toEqual(["status"]);
  });

  it("a certificate download that fails is a warning, as at create: the order stays, no PEM stored", async () => {
    const { id, outs } = await createOrder();
    const stale = { ...outs, certificateId: 1, certificatePem: undefined, chainPem: undefined };
    await f.sim.admin.addFaults([{ kind: "status", status: 404, path: "/download/" }]);
    const r = await f.order.read(id, stale);
    expect(r.props).toMatchObject({ status: "issued", certificateId: outs["certificateId"] });
    expect(r.props["certificatePem"]).toBeUndefined();
    expect(f.log.lines.some((l) => l.includes("failed") && l.includes("no PEM stored this time"))).toBe(true);
    const imported = await f.order.read(id, {});
    expect(imported.props).toMatchObject({ orderId: Number(id), status: "issued" });
  });

  it("returns refreshed inputs, so later diffs compare against DigiCert", async () => {
    const { id, outs } = await createOrder();
    const r = await f.order.read(id, outs);
    expect(r.inputs).toEqual(orderInputs());
    expect((await f.order.diff(id, r.props, orderInputs())).changes).toBe(false);
  });

  it("a refresh of the order and its CT status reads the order once; a change made since is seen", async () => {
    const { id, outs } = await createOrder();
    const ct = await f.ct.create({ orderId: Number(id), disableCt: true });
    await f.sim.admin.clearRequests();
    const [order, status] = await Promise.all([f.order.read(id, outs), f.ct.read(ct.id)]);
    expect(order.props).toMatchObject({ orderId: Number(id), status: "issued" });
    // The order was created by this process: its scope (the default) is kept beside the CT status.
    expect(status.props).toEqual({ orderId: Number(id), disableCt: true, orderRevokeScope: "certificate" });
    expect(await calls(f.sim)).toEqual([`GET /order/certificate/${id}`]);

    // A write through the provider drops the shared answer.
    await f.ct.update(ct.id, { orderId: Number(id), disableCt: true }, { orderId: Number(id), disableCt: false });
    expect((await f.ct.read(ct.id)).props).toEqual({ orderId: Number(id), disableCt: false, orderRevokeScope: "certificate" });
  });

  it("fails the refresh of an order DigiCert answers 404 for (DigiCert keeps every order), and imports nothing for one", async () => {
    await expect(f.order.read("987654321", orderInputs())).rejects.toBeInstanceOf(HeldOrderNotFoundError);
    expect(await f.order.read("987654321", {})).toEqual({});
  });
});

describe("update", () => {
  it("changes revocationComments with no API call", async () => {
    const { id, outs } = await createOrder();
    await f.sim.admin.clearRequests();
    const r = await f.order.update(id, outs, orderInputs({ revocationComments: "changed" }));
    expect(r.outs).toMatchObject({ revocationComments: "changed", orderId: outs["orderId"], status: "issued" });
    expect(await calls(f.sim)).toEqual([]);
  });
});

describe("delete", () => {
  it("revokes the current certificate with the comments and logs the revoke request", async () => {
    const { id, outs } = await createOrder();
    await f.order.delete(id, outs);
    const info = await simOrder(f.sim, Number(id));
    const revoke = info.requests.find((r) => r.type === "revoke");
    expect(revoke).toMatchObject({ status: "pending", comments: "no longer needed" });
    expect(f.log.lines.some((l) => l.includes(`revoke request ${revoke!.id}`) && l.includes("administrator must approve"))).toBe(true);
    expect(await calls(f.sim)).toContain(`PUT /certificate/${outs["certificateId"]}/revoke`);
  });

  // A destroy deletes the CT status first; its delete reads the order in the background
  // so that the order's delete, next, spends no second request on the same read.
  async function restoreCtThenWaitForRead(orderId: number): Promise<void> {
    await f.ct.create({ orderId, disableCt: true });
    await f.sim.admin.clearRequests();
    await f.ct.delete(String(orderId), { orderId, disableCt: true });
    for (let i = 0; i < 200 && !(await calls(f.sim)).includes(`GET /order/certificate/${orderId}`); i++) await new Promise((r) => setTimeout(r, 10));
  }

  it("after its CT status was restored, revokes with the read that restore made: one read of the order", async () => {
    const { id, outs } = await createOrder();
    await restoreCtThenWaitForRead(Number(id));
    await f.order.delete(id, outs);
    expect(await calls(f.sim)).toEqual([
      `PUT /order/certificate/${id}/ct-status`,
      `GET /order/certificate/${id}`,
      `PUT /certificate/${outs["certificateId"]}/revoke`,
    ]);
  });

  // Date.now moved forward, as a CT phase of minutes (N = 1000) moves it.
  async function later<T>(ms: number, body: () => Promise<T>): Promise<T> {
    const realNow = Date.now.bind(Date);
    const spy = jest.spyOn(Date, "now").mockImplementation(() => realNow() + ms);
    try {
      return await body();
    } finally {
      spy.mockRestore();
    }
  }

  it("revokes with that read when the order's delete comes minutes after the restore, in the same command", async () => {
    const { id, outs } = await createOrder();
    await restoreCtThenWaitForRead(Number(id));
    await later(5 * 60_000, () => f.order.delete(id, outs));
    expect(await calls(f.sim)).toEqual([
      `PUT /order/certificate/${id}/ct-status`,
      `GET /order/certificate/${id}`,
      `PUT /certificate/${outs["certificateId"]}/revoke`,
    ]);
  });

  it("reads the order again when that read is older than a revoke accepts (REVOKE_READ_MS, one command's reads)", async () => {
    const { id, outs } = await createOrder();
    await restoreCtThenWaitForRead(Number(id));
    await later(REVOKE_READ_MS + 1000, () => f.order.delete(id, outs));
    expect(await calls(f.sim)).toEqual([
      `PUT /order/certificate/${id}/ct-status`,
      `GET /order/certificate/${id}`,
      `GET /order/certificate/${id}`,
      `PUT /certificate/${outs["certificateId"]}/revoke`,
    ]);
  });

  it("reads the order again when this process wrote to it after that read: the reissued certificate is revoked", async () => {
    const { id, outs } = await createOrder();
    const other = await createOrder({ certificate: { commonName: "Other Person", emails: ["other@example.com"], signatureHash: "sha256" } });
    await restoreCtThenWaitForRead(Number(other.id));
    await restoreCtThenWaitForRead(Number(id));
    const re = await f.reissue.create(reissueInputs(Number(id)));
    const newCert = (re.outs as unknown as Record<string, unknown>)["certificateId"];
    await f.sim.admin.clearRequests();
    await f.order.delete(id, outs);
    // The reissue of one order kept the other order's read.
    await f.order.delete(other.id, other.outs);
    expect(await calls(f.sim)).toEqual([
      `GET /order/certificate/${id}`,
      `PUT /certificate/${newCert}/revoke`,
      `PUT /certificate/${other.outs["certificateId"]}/revoke`,
    ]);
  });

  it("revokes the certificate a reissue put in place, not the one seen at creation", async () => {
    const { id, outs } = await createOrder();
    const re = await f.reissue.create(reissueInputs(Number(id)));
    const newCert = (re.outs as unknown as Record<string, unknown>)["certificateId"];
    expect(newCert).not.toBe(outs["certificateId"]);
    await f.sim.admin.clearRequests();
    await f.order.delete(id, outs);
    expect(await calls(f.sim)).toContain(`PUT /certificate/${newCert}/revoke`);
    expect(await calls(f.sim)).not.toContain(`PUT /certificate/${outs["certificateId"]}/revoke`);
  });

  it("treats an already revoked certificate as done", async () => {
    const { id, outs } = await createOrder();
    const rev = await api(f.sim, "PUT", `/certificate/${outs["certificateId"]}/revoke`, {});
    await api(f.sim, "PUT", `/request/${(rev.json as { id: number }).id}/status`, { status: "approved" });
    await expect(f.order.delete(id, outs)).resolves.toBeUndefined();
    expect(f.log.lines.some((l) => l.includes("already revoked"))).toBe(true);
  });

  it("treats a revoke already waiting for approval as done", async () => {
    const { id, outs } = await createOrder();
    await api(f.sim, "PUT", `/certificate/${outs["certificateId"]}/revoke`, {});
    await expect(f.order.delete(id, outs)).resolves.toBeUndefined();
  });

  it("treats an order that no longer exists as done", async () => {
    await expect(f.order.delete("987654321", orderInputs())).resolves.toBeUndefined();
    expect(f.log.lines.some((l) => l.includes("no longer exists"))).toBe(true);
  });

  it("treats an expired order as done", async () => {
    const { id, outs } = await createOrder();
    await f.sim.admin.patchOrder(Number(id), { status: "expired" });
    await f.sim.admin.clearRequests();
    await f.order.delete(id, outs);
    expect((await calls(f.sim)).filter((c) => c.includes("revoke"))).toEqual([]);
    expect(f.log.lines.some((l) => l.includes("already expired"))).toBe(true);
  });

  it("fails with DigiCert's reason and what to do while a reissue is pending", async () => {
    const { id, outs } = await createOrder();
    await f.reissue.create(reissueInputs(Number(id), { skipApproval: false }));
    await expect(f.order.delete(id, outs)).rejects.toThrow(/Cancel the pending reissue.*or wait/s);
  });

  it("rejects the request of an order awaiting approval: no cancel, no revoke", async () => {
    const { id, outs } = await createOrder({ skipApproval: false });
    const requestId = (outs["requests"] as { id: number }[])[0]!.id;
    await f.sim.admin.clearRequests();
    await f.order.delete(id, outs);
    expect(await calls(f.sim)).toEqual([`GET /order/certificate/${id}`, `PUT /request/${requestId}/status`]);
    expect((await simOrder(f.sim, Number(id))).status).toBe("rejected");
    expect(f.log.lines.some((l) => l.includes(`request ${requestId}, awaiting approval, rejected`))).toBe(true);
  });

  it("cancels a pending (approved, not yet issued) order", async () => {
    await f.sim.admin.setSettings({ issueDelayMs: 300_000 });
    const { id, outs } = await createOrder();
    expect(outs["status"]).toBe("pending");
    await f.sim.admin.clearRequests();
    await f.order.delete(id, outs);
    expect(await calls(f.sim)).toEqual([`GET /order/certificate/${id}`, `PUT /order/certificate/${id}/status`]);
    expect((await simOrder(f.sim, Number(id))).status).toBe("canceled");
  });

  it("skipRevokeApproval revokes the certificate at once: the order stays issued, its certificate revoked", async () => {
    const { id, outs } = await createOrder({ skipRevokeApproval: true });
    await f.sim.admin.clearRequests();
    await f.order.delete(id, outs);
    expect(await calls(f.sim)).toEqual([`GET /order/certificate/${id}`, `PUT /certificate/${outs["certificateId"]}/revoke`]);
    const info = await simOrder(f.sim, Number(id));
    expect(info.status).toBe("issued");
    expect(info.requests.filter((r) => r.type === "revoke")).toEqual([]);
    expect(((await api(f.sim, "GET", `/order/certificate/${id}`)).json as { certificate: { status: string } }).certificate.status).toBe("revoked");
  });

  it('revokeScope "order" sends one PUT /order/certificate/{id}/revoke and reads nothing before it', async () => {
    const { id, outs } = await createOrder({ revokeScope: "order" });
    await f.order.create(orderInputs()); // another order, untouched
    await f.sim.admin.clearRequests();
    await f.order.delete(id, outs);
    expect(await calls(f.sim)).toEqual([`PUT /order/certificate/${id}/revoke`]);
    const revoke = (await simOrder(f.sim, Number(id))).requests.find((r) => r.type === "revoke");
    expect(revoke).toMatchObject({ status: "pending", comments: "no longer needed" });
    expect(f.log.lines.some((l) => l.includes(`revoke request ${revoke!.id} for every certificate of the order`))).toBe(true);
  });

  it('revokeScope "order" with skipRevokeApproval revokes the order at once, in one request', async () => {
    const { id, outs } = await createOrder({ revokeScope: "order", skipRevokeApproval: true });
    await f.sim.admin.clearRequests();
    await f.order.delete(id, outs);
    expect(await calls(f.sim)).toEqual([`PUT /order/certificate/${id}/revoke`]);
    expect((await simOrder(f.sim, Number(id))).status).toBe("revoked");
  });

  it('revokeScope "order" on an order DigiCert refuses to revoke reads it and takes the documented path: awaiting approval, revoked, revoke pending', async () => {
    const waiting = await createOrder({ skipApproval: false, revokeScope: "order" });
    await f.order.delete(waiting.id, waiting.outs);
    expect((await simOrder(f.sim, Number(waiting.id))).status).toBe("rejected");

    const revoked = await createOrder({ revokeScope: "order" });
    await api(f.sim, "PUT", `/order/certificate/${revoked.id}/revoke`, { skip_approval: true });
    await expect(f.order.delete(revoked.id, revoked.outs)).resolves.toBeUndefined();
    expect(f.log.lines.some((l) => l.includes(`order ${revoked.id} is already revoked`))).toBe(true);

    const pending = await createOrder({ revokeScope: "order" });
    await api(f.sim, "PUT", `/order/certificate/${pending.id}/revoke`, {});
    await f.sim.admin.clearRequests();
    await expect(f.order.delete(pending.id, pending.outs)).resolves.toBeUndefined();
    expect((await calls(f.sim)).filter((c) => c.startsWith("PUT"))).toEqual([`PUT /order/certificate/${pending.id}/revoke`]);
  });

  it('revokeScope "order" while a reissue is pending fails with DigiCert\'s reason and what to do', async () => {
    const { id, outs } = await createOrder({ revokeScope: "order" });
    await f.reissue.create(reissueInputs(Number(id), { skipApproval: false }));
    await expect(f.order.delete(id, outs)).rejects.toThrow(/Cancel the pending reissue.*or wait/s);
  });

  it("leaves an order whose certificate was revoked outside the stack: nothing more to revoke", async () => {
    const { id, outs } = await createOrder();
    await api(f.sim, "PUT", `/certificate/${outs["certificateId"]}/revoke`, { skip_approval: true });
    await f.sim.admin.clearRequests();
    await f.order.delete(id, outs);
    expect(await calls(f.sim)).toEqual([`GET /order/certificate/${id}`]);
    expect(f.log.lines.some((l) => l.includes("is already revoked; nothing to revoke"))).toBe(true);
  });

  it("needs no revoke for a rejected order", async () => {
    const { id, outs } = await createOrder({ skipApproval: false });
    const requestId = (outs["requests"] as { id: number }[])[0]!.id;
    await api(f.sim, "PUT", `/request/${requestId}/status`, { status: "rejected" });
    await f.sim.admin.clearRequests();
    await f.order.delete(id, outs);
    expect(await calls(f.sim)).toEqual([`GET /order/certificate/${id}`]);
  });
});

describe("adoptOrderId", () => {
  async function orderOutsideTheStack(): Promise<number> {
    const r = await api(f.sim, "POST", "/order/certificate/client_premium_sha2", {
      certificate: { common_name: "Terra Branford", emails: ["terra@example.com"], signature_hash: "sha256" },
      organization: { id: 112233 },
      validity_years: 1,
      skip_approval: true,
    });
    return (r.json as { id: number }).id;
  }
  const adoptInputs = (orderId: number, commonName = "Terra Branford") =>
    orderInputs({
      adoptOrderId: orderId,
      certificate: { commonName, emails: ["terra@example.com"], signatureHash: "sha256" },
      revocationComments: undefined,
    });

  it("adopts an existing order without ordering", async () => {
    const orderId = await orderOutsideTheStack();
    await f.sim.admin.clearRequests();
    const r = await f.order.create(adoptInputs(orderId));
    expect(r.id).toBe(String(orderId));
    expect(r.outs).toMatchObject({ orderId, status: "issued" });
    expect((await calls(f.sim)).filter((c) => c.startsWith("POST"))).toEqual([]);
    const refreshed = await f.order.read(r.id, r.outs as unknown as Record<string, unknown>);
    expect(refreshed.props["orderId"]).toBe(orderId);
  });

  it("refuses to adopt an order that does not match the program", async () => {
    const orderId = await orderOutsideTheStack();
    await expect(f.order.create(adoptInputs(orderId, "Someone Else"))).rejects.toThrow(/certificate: DigiCert has .*Terra Branford/);
  });

  it("revokes an adopted order on delete", async () => {
    const orderId = await orderOutsideTheStack();
    const r = await f.order.create(adoptInputs(orderId));
    await f.order.delete(r.id, r.outs as unknown as Record<string, unknown>);
    expect((await simOrder(f.sim, orderId)).requests.some((q) => q.type === "revoke")).toBe(true);
  });
});

it("never puts the API key in outputs or logs", async () => {
  const { id, outs } = await createOrder({ skipApproval: false });
  await f.order.read(id, outs);
  await f.order.delete(id, outs);
  expect(JSON.stringify(outs)).not.toContain(API_KEY);
  expect(f.log.lines.join("\n")).not.toContain(API_KEY);
});
