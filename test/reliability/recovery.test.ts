// Create's recovery after an order or reissue POST failed without a definite answer,
// at the provider level against the simulator's fault injection over real HTTP: the
// order is adopted when DigiCert shows exactly one, otherwise create fails clearly;
// in no case is a second order POSTed.
import { API_KEY, api, calls, CSR, orderInputs, reissueInputs, simOrder, startFixture, type Fixture } from "../support/providers";
import { makeCsr } from "../support/csr";
import { DEFAULT_RETRY_POLICY } from "../../provider/digicert";

let f: Fixture;

async function fixture(extra: Record<string, string> = {}): Promise<Fixture> {
  const fx = await startFixture();
  const config: Record<string, string> = {
    "digicert:apiKey": API_KEY,
    "digicert:baseUrl": fx.sim.baseUrl,
    "digicert:waitForIssuanceSeconds": "2",
    "digicert:orderLookupSeconds": "3",
    ...extra,
  };
  fx.ctx.configure({ get: (k) => config[k] }, {});
  return fx;
}

beforeEach(async () => {
  f = await fixture();
});
afterEach(async () => {
  await f.sim.close();
});

const orderPosts = async () => (await calls(f.sim)).filter((c) => /^POST \/order\/certificate\/client_/.test(c));
const orders = async () => ((await f.sim.admin.state()) as { orders: { id: number; requested: { commonName: string } }[] }).orders;

describe("an order POST without a definite answer", () => {
  test("reset after DigiCert processed it: the order is found in the list and adopted, never ordered again", async () => {
    await f.sim.admin.addFaults([{ kind: "reset", when: "after", method: "POST" }]);
    const r = await f.order.create(orderInputs());
    const all = await orders();
    expect(all).toHaveLength(1);
    expect(r.id).toBe(String(all[0]!.id));
    expect(r.outs).toMatchObject({ orderId: all[0]!.id, status: "issued", certificateId: expect.any(Number) });
    expect(await orderPosts()).toHaveLength(1);
    expect(await calls(f.sim)).toContain("GET /order/certificate");
    expect(f.log.lines.join("\n")).toMatch(/order \d+ \(client_premium_sha2, Lock Cole\) was placed although DigiCert's answer was lost; adopted it/);
  });

  test("answer slower than the client's timeout: the lookup waits until the order shows up, then adopts it", async () => {
    await f.sim.close();
    f = await fixture({ "digicert:timeoutSeconds": "1", "digicert:orderLookupSeconds": "6" });
    await f.sim.admin.addFaults([{ kind: "latency", latencyMs: 2500, method: "POST" }]);
    const r = await f.order.create(orderInputs());
    const all = await orders();
    expect(all).toHaveLength(1);
    expect(r.id).toBe(String(all[0]!.id));
    expect(await orderPosts()).toHaveLength(1);
  });

  test.each([500, 502, 503, 504])("HTTP %i before DigiCert processed it: a clear error that nothing was placed, after looking", async (status) => {
    await f.sim.admin.addFaults([{ kind: "status", status, method: "POST" }]);
    await expect(f.order.create(orderInputs())).rejects.toThrow(
      new RegExp(`answer to the client_premium_sha2 order for "Lock Cole" \\(organization 112233\\) was lost \\(HTTP ${status}\\), and no matching order .* appeared within 3s: nothing was placed\\. Run \`pulumi up\` again`),
    );
    expect(await orders()).toHaveLength(0);
    expect(await orderPosts()).toHaveLength(1);
  });

  test("two matching orders since the attempt: a clear error naming both and adoptOrderId, nothing adopted or ordered", async () => {
    // The other order is placed after this run's look-back read DigiCert's recent orders
    // (once per run: a first create of another certificate reads them), before its POST.
    await f.order.create(orderInputs({ certificate: { commonName: "Someone Else", emails: ["someone@example.com"], signatureHash: "sha256" } }));
    const other = await api(f.sim, "POST", "/order/certificate/client_premium_sha2", {
      certificate: { common_name: "Lock Cole", emails: ["locke.cole@example.com"], signature_hash: "sha256" },
      organization: { id: 112233 },
      validity_years: 1,
    });
    await f.sim.admin.clearRequests();
    await f.sim.admin.addFaults([{ kind: "reset", when: "after", method: "POST" }]);
    const err = await f.order.create(orderInputs()).then(
      () => undefined,
      (e: Error) => e,
    );
    const all = (await orders()).filter((o) => o.requested.commonName === "Lock Cole").map((o) => o.id);
    expect(all).toHaveLength(2);
    expect(err?.message).toMatch(/2 orders placed since .* match it: /);
    for (const id of all) expect(err?.message).toContain(String(id));
    expect(err?.message).toContain("adoptOrderId");
    expect(all).toContain((other.json as { id: number }).id);
    expect(await orderPosts()).toHaveLength(1);
  });

  // DigiCert returns emails only for S/MIME orders: a client_authentication_plus order
  // shows none, and is told by what it carries (product, common name, organization, CSR, date).
  const authPlus = (csr: string) =>
    orderInputs({ productId: "client_authentication_plus", certificate: { commonName: "Lock Cole", emails: ["locke.cole@example.com"], signatureHash: "sha256", csr } });

  test("client_authentication_plus, reset after processing: found without emails and adopted, no second POST", async () => {
    await f.sim.admin.addFaults([{ kind: "reset", when: "after", method: "POST" }]);
    const r = await f.order.create(authPlus(CSR));
    const all = await orders();
    expect(all).toHaveLength(1);
    expect((await simOrder(f.sim, all[0]!.id)).certificate).not.toHaveProperty("emails");
    expect(r.outs).toMatchObject({ orderId: all[0]!.id, status: "issued" });
    expect(await orderPosts()).toHaveLength(1);
  });

  test("client_authentication_plus: an order with another CSR is not taken for it; the one with its CSR is", async () => {
    await f.sim.close();
    f = await fixture({ "digicert:orderLookbackHours": "0" });
    const other = await makeCsr({ commonName: "Lock Cole" });
    const placed = await api(f.sim, "POST", "/order/certificate/client_authentication_plus", {
      certificate: { common_name: "Lock Cole", emails: ["locke.cole@example.com"], signature_hash: "sha256", csr: other },
      organization: { id: 112233 },
      validity_years: 1,
    });
    await f.sim.admin.clearRequests();
    await f.sim.admin.addFaults([{ kind: "reset", when: "after", method: "POST" }]);
    const r = await f.order.create(authPlus(CSR));
    expect(await orders()).toHaveLength(2);
    expect(r.id).not.toBe(String((placed.json as { id: number }).id));
    expect(await orderPosts()).toHaveLength(1);
  });

  test("client_authentication_plus without a CSR: two orders it cannot tell apart stop the create, naming both", async () => {
    // The other order is placed after this run's look-back read DigiCert's recent orders
    // (once per run: a first create of another certificate reads them), before its POST.
    await f.order.create(orderInputs({ productId: "client_authentication_plus", certificate: { commonName: "Someone Else", emails: ["someone@example.com"], signatureHash: "sha256" } }));
    await api(f.sim, "POST", "/order/certificate/client_authentication_plus", {
      certificate: { common_name: "Lock Cole", emails: ["someone.else@example.com"], signature_hash: "sha256" },
      organization: { id: 112233 },
      validity_years: 1,
    });
    await f.sim.admin.clearRequests();
    await f.sim.admin.addFaults([{ kind: "reset", when: "after", method: "POST" }]);
    const inputs = orderInputs({ productId: "client_authentication_plus" });
    await expect(f.order.create(inputs)).rejects.toThrow(/2 orders placed since .* match it: /);
    expect(await orderPosts()).toHaveLength(1);
  });

  test("orders differing in emails, organization or product are not taken for it", async () => {
    const place = (product: string, body: Record<string, unknown>) =>
      api(f.sim, "POST", `/order/certificate/${product}`, {
        certificate: { common_name: "Lock Cole", emails: ["locke.cole@example.com"], signature_hash: "sha256" },
        organization: { id: 112233 },
        validity_years: 1,
        ...body,
      });
    await place("client_premium_sha2", { certificate: { common_name: "Lock Cole", emails: ["someone@example.com"], signature_hash: "sha256" } });
    await place("client_premium_sha2", { organization: { id: 445566 } });
    await place("client_authentication_plus", {});
    await f.sim.admin.addFaults([{ kind: "status", status: 502, method: "POST" }]);
    await expect(f.order.create(orderInputs())).rejects.toThrow(/nothing was placed/);
    expect(await orders()).toHaveLength(3);
  });

  test("two identical resources at once, one POST refused: the other's order is not adopted by both", async () => {
    await f.sim.admin.setSettings({ latencyMs: 300 });
    await f.sim.admin.addFaults([{ kind: "status", status: 503, method: "POST" }]);
    const results = await Promise.allSettled([f.order.create(orderInputs()), f.order.create(orderInputs())]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(String(failed[0]!.reason)).toMatch(/nothing was placed/);
    expect(await orders()).toHaveLength(1);
  });

  test("the lookup itself failing: a clear error that the order may exist and how to adopt it, and no second POST", async () => {
    // The look-back before the POST reads the same list: off here, this is about the lookup after it.
    await f.sim.close();
    f = await fixture({ "digicert:orderLookbackHours": "0" });
    await f.sim.admin.addFaults([
      // The look-back's read (never skipped) passes; every read after the POST fails.
      { kind: "latency", latencyMs: 0, method: "GET", path: "^/order/certificate$", times: 1 },
      { kind: "reset", when: "after", method: "POST" },
      { kind: "status", status: 500, method: "GET", path: "^/order/certificate$", times: -1 },
    ]);
    await expect(f.order.create(orderInputs())).rejects.toThrow(
      /the order may have been placed, and looking for it failed \(DigiCert GET \/order\/certificate failed \(500\).*declare `adoptOrderId` with its id/s,
    );
    expect(await orders()).toHaveLength(1);
    expect(await orderPosts()).toHaveLength(1);
  });
});

describe("the look-back before an order POST", () => {
  test("its read of recent orders failing: a clear error, nothing ordered", async () => {
    await f.sim.admin.addFaults([{ kind: "status", status: 500, method: "GET", path: "^/order/certificate$", times: -1 }]);
    await expect(f.order.create(orderInputs())).rejects.toThrow(
      /before ordering the client_premium_sha2 order for "Lock Cole", reading DigiCert's orders of the last 24 h .*failed: DigiCert GET \/order\/certificate failed \(500\).*Nothing was ordered\. Run `pulumi up` again/s,
    );
    expect(await orderPosts()).toHaveLength(0);
  });
});

describe("a reissue POST without a definite answer", () => {
  async function issuedOrder(): Promise<number> {
    const r = await f.order.create(orderInputs());
    await f.sim.admin.clearRequests();
    return Number(r.id);
  }
  const reissueRequests = async (orderId: number) => (await simOrder(f.sim, orderId)).requests.filter((q) => q.type === "reissue");

  test("reset after processing: the reissue request is found on the order and taken, not filed again", async () => {
    const orderId = await issuedOrder();
    await f.sim.admin.addFaults([{ kind: "reset", when: "after", method: "POST" }]);
    const r = await f.reissue.create(reissueInputs(orderId));
    const filed = await reissueRequests(orderId);
    expect(filed).toHaveLength(1);
    expect(r.outs).toMatchObject({ requests: [{ id: filed[0]!.id }], status: "issued", certificateId: (await simOrder(f.sim, orderId)).certificate.id });
    expect((await calls(f.sim)).filter((c) => c.endsWith("/reissue"))).toHaveLength(1);
  });

  test("HTTP 503 before processing: a clear error that nothing was requested", async () => {
    const orderId = await issuedOrder();
    await f.sim.admin.addFaults([{ kind: "status", status: 503, method: "POST" }]);
    await expect(f.reissue.create(reissueInputs(orderId))).rejects.toThrow(
      new RegExp(`reissue request for order ${orderId} was lost \\(HTTP 503\\), and no reissue request appeared on the order within 3s: nothing was requested`),
    );
    expect(await reissueRequests(orderId)).toHaveLength(0);
  });
});

describe("the settings recovery and fault tolerance read", () => {
  test("digicert:timeoutSeconds and digicert:orderLookupSeconds, from config or environment, checked", async () => {
    const { resolveSettings } = await import("../../provider/kit/runtime/settings");
    const from = (config: Record<string, string>, env: Record<string, string> = {}) => resolveSettings({ get: (k) => config[k] }, env);
    expect(from({})).toMatchObject({ timeoutSeconds: undefined, orderLookupSeconds: 60 });
    expect(from({ "digicert:timeoutSeconds": "2.5", "digicert:orderLookupSeconds": "0" })).toMatchObject({ timeoutSeconds: 2.5, orderLookupSeconds: 0 });
    expect(from({}, { DIGICERT_TIMEOUT_SECONDS: "7", DIGICERT_ORDER_LOOKUP_SECONDS: "15" })).toMatchObject({ timeoutSeconds: 7, orderLookupSeconds: 15 });
    expect(() => from({ "digicert:timeoutSeconds": "0" })).toThrow("digicert:timeoutSeconds (or DIGICERT_TIMEOUT_SECONDS) must be a number of seconds, more than 0");
    expect(() => from({ "digicert:orderLookupSeconds": "soon" })).toThrow("digicert:orderLookupSeconds (or DIGICERT_ORDER_LOOKUP_SECONDS) must be a number of seconds, 0 or more");
  });

  test("the client's timeout follows digicert:timeoutSeconds", async () => {
    await f.sim.close();
    f = await fixture({ "digicert:timeoutSeconds": "1" });
    const created = await f.order.create(orderInputs());
    const attempts = DEFAULT_RETRY_POLICY.limit + 1;
    await f.sim.admin.addFaults([{ kind: "latency", latencyMs: 1500, method: "GET", times: attempts }]);
    await expect(f.order.read(created.id, created.outs as unknown as Record<string, unknown>)).rejects.toThrow(
      new RegExp(`DigiCert GET /order/certificate/\\d+ failed: ETIMEDOUT \\(after ${attempts} attempts\\)`),
    );
  });
});
