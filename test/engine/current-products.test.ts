// The products a real account sells today (issue #27, docs/which-product.md) through the
// real engine, once per serving: a TypeScript program on the dynamic resources and a
// Pulumi YAML program on the native plugin. Each orders client_authentication_plus
// (issued at once with skipApproval), client_premium with the S/MIME subject DigiCert
// requires since 2025-07-10, and secure_email_sponsor with its usage and profile. The
// bodies are read as they went out (a recorder in front of the simulator), the S/MIME
// orders wait on their email validation, and once the recipients validated (the
// simulator's admin route) a refresh brings their certificates and nothing is left to do.
import { engineChoice } from "../../engine/engine-env";
import { BodyRecorder } from "./support/body-recorder";
import { EngineFixture, ROOT, typescriptProgram, type EngineStack, type PluginDir, type TestSimulator } from "./support/fixture";

jest.setTimeout(10 * 60_000);

const KEY = "current-products-key-5e81c0a7";
const PREMIUM_EMAILS = ["alice@example.com", "alice.work@example.com"];
const SPONSOR_EMAILS = ["bob@example.com"];

const TS_PROGRAM = `import * as digicert from "pulumi-digicert";

const common = { organizationId: 112233, validityYears: 1, skipApproval: true } as const;

new digicert.ClientCertificateOrder("svc-a", {
  productId: "client_authentication_plus",
  certificate: { commonName: "svc-a", emails: ["ops@example.com"], signatureHash: "sha256" },
  ...common,
});

new digicert.ClientCertificateOrder("alice-premium", {
  productId: "client_premium",
  certificate: {
    emails: ${JSON.stringify(PREMIUM_EMAILS)},
    signatureHash: "sha256",
    commonNameIndicator: "given_name_surname",
    individual: { firstName: "Alice", lastName: "Example" },
  },
  ...common,
});

new digicert.ClientCertificateOrder("bob-email", {
  productId: "secure_email_sponsor",
  profileType: "multipurpose",
  certificate: {
    emails: ${JSON.stringify(SPONSOR_EMAILS)},
    signatureHash: "sha256",
    commonNameIndicator: "given_name_surname",
    individual: { firstName: "Bob", lastName: "Sponsor" },
    usageDesignation: { primaryUsage: "dual_use", additionalUsages: ["non_repudiation"] },
  },
  ...common,
});
`;

const YAML_PROGRAM = `name: current-products-yaml
runtime: yaml
resources:
  svc-a:
    type: digicert:index:ClientCertificateOrder
    properties:
      productId: client_authentication_plus
      certificate:
        commonName: svc-a
        emails: [ops@example.com]
        signatureHash: sha256
      organizationId: 112233
      validityYears: 1
      skipApproval: true
  alice-premium:
    type: digicert:index:ClientCertificateOrder
    properties:
      productId: client_premium
      certificate:
        emails: [${PREMIUM_EMAILS.join(", ")}]
        signatureHash: sha256
        commonNameIndicator: given_name_surname
        individual:
          firstName: Alice
          lastName: Example
      organizationId: 112233
      validityYears: 1
      skipApproval: true
  bob-email:
    type: digicert:index:ClientCertificateOrder
    properties:
      productId: secure_email_sponsor
      profileType: multipurpose
      certificate:
        emails: [${SPONSOR_EMAILS.join(", ")}]
        signatureHash: sha256
        commonNameIndicator: given_name_surname
        individual:
          firstName: Bob
          lastName: Sponsor
        usageDesignation:
          primaryUsage: dual_use
          additionalUsages: [non_repudiation]
      organizationId: 112233
      validityYears: 1
      skipApproval: true
`;

const PEM = /^-----BEGIN CERTIFICATE-----\n/;

interface Serving {
  sim: TestSimulator;
  recorder: BodyRecorder;
  es: EngineStack;
}

/** The same steps for each serving; `start` makes its simulator, recorder and stack. */
function orderTheCurrentProducts(start: (fx: EngineFixture) => Promise<Serving>): void {
  const fx = new EngineFixture();
  let recorder: BodyRecorder | undefined;
  let s: Serving;
  beforeAll(async () => {
    s = await start(fx);
    recorder = s.recorder;
  });
  afterAll(async () => {
    await fx.close();
    await recorder?.close();
  });

  /** The one POST the provider sent to order `productId`: its body. */
  const orderBody = (productId: string): Record<string, unknown> => {
    const posts = s.recorder.posts(`/order/certificate/${productId}`).filter((p) => p.path === `/order/certificate/${productId}`);
    expect(posts).toHaveLength(1);
    return posts[0]!.body as Record<string, unknown>;
  };

  test("up sends each product's documented fields, once each", async () => {
    const r = await s.es.stack.up();
    expect(r.summary.resourceChanges).toEqual({ create: 4 });

    const auth = orderBody("client_authentication_plus");
    expect(auth).toMatchObject({ certificate: { common_name: "svc-a", emails: ["ops@example.com"], signature_hash: "sha256" }, skip_approval: true });
    for (const field of ["common_name_indicator", "individual", "usage_designation", "profile_type"]) {
      expect(auth["certificate"]).not.toHaveProperty(field);
    }

    const premium = orderBody("client_premium");
    expect(premium["certificate"]).toMatchObject({
      emails: PREMIUM_EMAILS,
      common_name_indicator: "given_name_surname",
      individual: { first_name: "Alice", last_name: "Example" },
    });
    // DigiCert issues these Multipurpose: no profile to send.
    expect(premium["certificate"]).not.toHaveProperty("profile_type");
    expect(premium).not.toHaveProperty("common_name_indicator");

    const sponsor = orderBody("secure_email_sponsor");
    expect(sponsor["certificate"]).toMatchObject({
      emails: SPONSOR_EMAILS,
      common_name_indicator: "given_name_surname",
      individual: { first_name: "Bob", last_name: "Sponsor" },
      usage_designation: { primary_usage: "dual_use", additional_usages: ["non_repudiation"] },
      profile_type: "multipurpose",
    });
    // Secure Email takes no common name: DigiCert builds it from the indicator.
    expect(sponsor["certificate"]).not.toHaveProperty("common_name");
    expect(sponsor).not.toHaveProperty("profile_type");
    expect(sponsor).not.toHaveProperty("usage_designation");

    expect(s.recorder.posts("/order/certificate/")).toHaveLength(3);
  });

  test("client_authentication_plus is issued at once; the S/MIME orders wait with their emails unvalidated", async () => {
    const auth = await s.es.outputsOf("svc-a");
    expect(auth).toMatchObject({ status: "issued" });
    expect(auth["certificatePem"]).toMatch(PEM);
    expect(auth["emailValidations"]).toBeUndefined();

    for (const [name, emails] of [["alice-premium", PREMIUM_EMAILS], ["bob-email", SPONSOR_EMAILS]] as const) {
      const out = await s.es.outputsOf(name);
      expect(out).toMatchObject({ status: "pending" });
      expect(out["certificatePem"]).toBeUndefined();
      expect(out["emailValidations"]).toEqual(emails.map((email) => ({ email, status: "unvalidated", dateEmailed: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) })));
      expect((await s.sim.order(out["orderId"] as number)).status).toBe("pending");
    }
  });

  test("after the recipients validate, refresh gives the certificates and preview --expect-no-changes holds", async () => {
    for (const name of ["alice-premium", "bob-email"]) {
      await s.sim.admin.validateEmails((await s.es.outputsOf(name))["orderId"] as number);
    }
    await s.sim.takeCalls();
    const before = s.recorder.sent.length;

    // The engine's refresh summary counts changed inputs only (none here): the outputs tell.
    await s.es.stack.refresh();
    for (const [name, emails] of [["alice-premium", PREMIUM_EMAILS], ["bob-email", SPONSOR_EMAILS]] as const) {
      const out = await s.es.outputsOf(name);
      expect(out).toMatchObject({ status: "issued" });
      expect(out["certificatePem"]).toMatch(PEM);
      expect(out["emailValidations"]).toEqual(emails.map((email) => expect.objectContaining({ email, status: "validated" })));
    }
    expect(await s.es.outputsOf("alice-premium")).toMatchObject({ subjectCommonName: "Alice Example" });

    // Fails (exit code 255) if the engine plans any step.
    await s.es.cli("preview", "--expect-no-changes");
    // Neither refresh nor preview sent anything but reads.
    expect((await s.sim.takeCalls()).filter((c) => !c.startsWith("GET "))).toEqual([]);
    expect(s.recorder.sent.slice(before).filter((q) => q.method !== "GET")).toEqual([]);
  });
}

/** A simulator, and a recorder in front of it that the stack's provider talks to. */
async function simulatorBehindRecorder(fx: EngineFixture): Promise<{ sim: TestSimulator; recorder: BodyRecorder }> {
  const sim = await fx.simulator({ apiKeys: [KEY] });
  const recorder = await BodyRecorder.start(sim.baseUrl);
  return { sim, recorder };
}

describe("TypeScript program, dynamic resources", () => {
  orderTheCurrentProducts(async (fx) => {
    const { sim, recorder } = await simulatorBehindRecorder(fx);
    const es = await fx.stack({
      name: "current-products-ts",
      program: typescriptProgram("current-products-ts", TS_PROGRAM),
      sim,
      config: { "digicert:baseUrl": { value: recorder.baseUrl } },
    });
    return { sim, recorder, es };
  });
});

describe("Pulumi YAML program, native plugin", () => {
  orderTheCurrentProducts(async (fx) => {
    // Throws, saying to run `make engine`, when the record has no YAML host.
    engineChoice(ROOT);
    const { sim, recorder } = await simulatorBehindRecorder(fx);
    const plugin: PluginDir = fx.plugin();
    const es = await fx.stack({ name: "current-products-yaml", program: { files: { "Pulumi.yaml": YAML_PROGRAM } }, plugin, sim, config: { "digicert:baseUrl": { value: recorder.baseUrl } } });
    return { sim, recorder, es };
  });
});
