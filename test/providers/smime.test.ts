// The products a real account sells today, through ClientCertificateOrder against the
// simulator over real HTTP: the S/MIME subject DigiCert requires since 2025-07-10, Secure
// Email's usage and profile, and the email validation an S/MIME order waits for.
import { calls, orderInputs, providersOn, startFixture, type Fixture } from "../support/providers";

let f: Fixture;
beforeEach(async () => {
  f = await startFixture({}, 0);
});
afterEach(async () => {
  await f.sim.close();
});

const alice = {
  emails: ["alice@example.com", "alice.work@example.com"],
  signatureHash: "sha256",
  commonNameIndicator: "given_name_surname",
  individual: { firstName: "Alice", lastName: "Example" },
};
const premium = () => orderInputs({ productId: "client_premium", certificate: alice });
const sponsor = () =>
  orderInputs({
    productId: "secure_email_sponsor",
    profileType: "multipurpose",
    certificate: { ...alice, usageDesignation: { primaryUsage: "dual_use", additionalUsages: ["non_repudiation"] } },
  });

interface SimState {
  orders: { id: number; productId: string; subject?: Record<string, unknown>; requested: { commonName: string } }[];
}
const simState = async () => (await f.sim.admin.state()) as SimState;

describe("check", () => {
  it("warns once about an older product id, naming the current one, with no API call", async () => {
    const older = orderInputs();
    expect((await f.order.check({}, older)).failures).toEqual([]);
    expect((await f.order.check(older, older)).failures).toEqual([]);
    const named = f.log.lines.filter((l) => l.includes('"client_premium_sha2" is the older id') && l.includes('"client_premium"'));
    expect(named).toHaveLength(1);
    expect(f.log.lines.filter((l) => l.includes("common_name_indicator") || l.includes("commonNameIndicator"))).toHaveLength(1);
    expect(await calls(f.sim)).toEqual([]);
  });

  it("an order of an earlier release as client_email_security_plus without indicator stands (warning); a new one is refused", async () => {
    const old = orderInputs({ productId: "client_email_security_plus" });
    expect((await f.order.check(old, old)).failures).toEqual([]);
    expect(f.log.lines.some((l) => l.startsWith("warn: client_email_security_plus: DigiCert requires certificate.commonNameIndicator"))).toBe(true);
    const fresh = await f.order.check({}, old);
    expect(fresh.failures?.map((x) => x.property)).toEqual(["certificate.commonNameIndicator", "certificate.individual"]);
    expect(await calls(f.sim)).toEqual([]);
  });
});

describe("diff", () => {
  it("an older id and its current equivalent are one product: no change; another product replaces", async () => {
    const created = await f.order.create(orderInputs());
    const same = await f.order.diff(created.id, created.outs, { ...orderInputs(), productId: "client_premium" });
    expect(same.changes).toBe(false);
    const other = await f.order.diff(created.id, created.outs, { ...orderInputs(), productId: "client_authentication_plus" });
    expect(other.replaces).toEqual(["productId"]);
  });

  it("changing the S/MIME subject or the profile replaces the order", async () => {
    const created = await f.order.create(sponsor());
    const next = sponsor() as { certificate: Record<string, unknown> };
    const indicator = await f.order.diff(created.id, created.outs, { ...next, certificate: { ...next.certificate, commonNameIndicator: "pseudonym", individual: { pseudonym: "Al" } } });
    expect(indicator.replaces).toEqual(["certificate"]);
    const profile = await f.order.diff(created.id, created.outs, { ...sponsor(), profileType: "strict" });
    expect(profile.replaces).toEqual(["profileType"]);
  });
});

describe("create, email validation, refresh", () => {
  it("client_premium: the body carries the indicator and individual; the order waits with its emails unvalidated; refresh after validation gives the PEM and no diff", async () => {
    const inputs = premium();
    const created = await f.order.create(inputs);
    const outs = created.outs as Record<string, unknown>;
    expect(outs["status"]).toBe("pending");
    expect(outs["certificatePem"]).toBeUndefined();
    expect(outs["emailValidations"]).toEqual(alice.emails.map((email) => ({ email, status: "unvalidated", dateEmailed: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) })));
    expect(f.log.lines.some((l) => l.includes("2 of 2 email address(es) still unvalidated") && l.includes("must follow the link"))).toBe(true);
    const [order] = (await simState()).orders;
    expect(order?.subject).toEqual({ commonNameIndicator: "given_name_surname", individual: { firstName: "Alice", lastName: "Example" } });
    expect(order?.requested.commonName).toBe("Alice Example");
    expect(await calls(f.sim)).toContain(`GET /order/certificate/${created.id}/email-validation`);

    await f.sim.admin.validateEmails(Number(created.id));
    const fresh = providersOn(f.sim, 0);
    const read = await fresh.order.read(created.id, outs);
    const props = read.props as Record<string, unknown>;
    expect(props["status"]).toBe("issued");
    expect(props["certificatePem"]).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(props["subjectCommonName"]).toBe("Alice Example");
    expect((props["emailValidations"] as { status: string }[]).map((v) => v.status)).toEqual(["validated", "validated"]);
    const diff = await fresh.order.diff(created.id, props, inputs);
    expect(diff.changes).toBe(false);

    // Issued and validated: a later refresh reads no email validation again.
    await f.sim.admin.clearRequests();
    await providersOn(f.sim, 0).order.read(created.id, props);
    expect((await calls(f.sim)).filter((c) => c.endsWith("/email-validation"))).toEqual([]);
  });

  it("class1_smime: no commonName sent; DigiCert's name (the first email) is the subjectCommonName output and makes no diff", async () => {
    const inputs = orderInputs({ productId: "class1_smime", certificate: { emails: ["bob@example.com"], signatureHash: "sha256" } });
    expect((await f.order.check({}, inputs)).failures).toEqual([]);
    const created = await f.order.create(inputs);
    await f.sim.admin.validateEmails(Number(created.id));
    const read = await providersOn(f.sim, 0).order.read(created.id, created.outs as Record<string, unknown>);
    expect((read.props as Record<string, unknown>)["subjectCommonName"]).toBe("bob@example.com");
    expect((read.inputs as { certificate: Record<string, unknown> }).certificate["commonName"]).toBeUndefined();
    expect((await f.order.diff(created.id, read.props as Record<string, unknown>, inputs)).changes).toBe(false);
  });

  it("secure_email_sponsor: usage_designation and profile_type reach DigiCert inside certificate", async () => {
    const inputs = sponsor();
    expect((await f.order.check({}, inputs)).failures).toEqual([]);
    const created = await f.order.create(inputs);
    expect((created.outs as Record<string, unknown>)["status"]).toBe("pending");
    const [order] = (await simState()).orders;
    expect(order?.productId).toBe("secure_email_sponsor");
    expect(order?.subject).toEqual({
      profileType: "multipurpose",
      usageDesignation: { primaryUsage: "dual_use", additionalUsages: ["non_repudiation"] },
      commonNameIndicator: "given_name_surname",
      individual: { firstName: "Alice", lastName: "Example" },
    });
  });

  it("client_authentication_plus issues at once with skipApproval and reads no email validation", async () => {
    const inputs = orderInputs({ productId: "client_authentication_plus", certificate: { commonName: "svc-a", emails: ["ops@example.com"], signatureHash: "sha256" } });
    const created = await f.order.create(inputs);
    const outs = created.outs as Record<string, unknown>;
    expect(outs["certificatePem"]).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(outs["emailValidations"]).toBeUndefined();
    expect((await calls(f.sim)).filter((c) => c.endsWith("/email-validation"))).toEqual([]);
  });
});
