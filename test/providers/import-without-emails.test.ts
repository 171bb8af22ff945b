// `pulumi import` of an order whose info carries no emails: DigiCert returns emails "only
// for S/MIME certificate orders" (Order info), so a client_authentication_plus order is
// read back without them. Against the simulator over real HTTP.
import { api, calls, startFixture, type Fixture } from "../support/providers";

let f: Fixture;
beforeEach(async () => {
  f = await startFixture();
});
afterEach(async () => {
  await f.sim.close();
});

const placedElsewhere = async () =>
  ((await api(f.sim, "POST", "/order/certificate/client_authentication_plus", {
    certificate: { common_name: "Lock Cole", emails: ["locke.cole@example.com"], signature_hash: "sha256" },
    organization: { id: 112233 },
    validity_years: 1,
    skip_approval: true,
  })).json as { id: number }).id;

const orderPosts = async () => (await calls(f.sim)).filter((c) => c.startsWith("POST /order/certificate")).length;

describe("import of a client_authentication_plus order", () => {
  it("builds inputs without emails from what the order carries; they check, and emails declared later are no new order", async () => {
    const id = String(await placedElsewhere());
    const info = (await api(f.sim, "GET", `/order/certificate/${id}`)).json as { certificate: Record<string, unknown> };
    expect(info.certificate["emails"]).toBeUndefined();
    await f.sim.admin.clearRequests();

    const r = await f.order.read(id, {});
    expect(r.props).toMatchObject({ orderId: Number(id), status: "issued" });
    expect(r.inputs).toMatchObject({ productId: "client_authentication_plus", organizationId: 112233, certificate: { commonName: "Lock Cole", signatureHash: "sha256" } });
    const cert = (r.inputs as { certificate: Record<string, unknown> }).certificate;
    expect(cert).not.toHaveProperty("emails");

    // The engine checks the imported inputs against themselves: the order stands, with a warning.
    const checked = await f.order.check(r.inputs!, r.inputs!);
    expect(checked.failures ?? []).toEqual([]);
    expect(f.log.lines.some((l) => l.includes("stands without certificate.emails"))).toBe(true);

    // The program that declares them later plans no new order.
    const declared = { ...r.inputs!, certificate: { ...cert, emails: ["locke.cole@example.com"] } };
    const d = await f.order.diff(id, { ...r.props, ...r.inputs }, declared);
    expect(d.replaces ?? []).toEqual([]);
    expect(await orderPosts()).toBe(0);
  });

  it("a new order still needs emails (the Order client certificate page requires them)", async () => {
    const inputs = { productId: "client_authentication_plus", certificate: { commonName: "Lock Cole", signatureHash: "sha256" }, organizationId: 112233, validityYears: 1 };
    const r = await f.order.check({}, inputs);
    expect((r.failures ?? []).map((x) => x.property)).toEqual(["certificate.emails"]);
  });
});
