// ClientCertificate from Pulumi YAML with an explicit provider (`options: provider`): the
// plugin's Construct passes it on, so the component's order and key are that provider's
// resources, configured by its arguments alone. The stack has no `digicert:*` config, so
// a default provider could not have placed the order.
import { engineChoice } from "../../engine/engine-env";
import { EngineFixture, ROOT, type EngineStack, type TestSimulator } from "./support/fixture";

jest.setTimeout(10 * 60_000);

const KEY = "yaml-explicit-provider-key-3e1d";

const fx = new EngineFixture();
let sim: TestSimulator;
let es: EngineStack;

beforeAll(async () => {
  engineChoice(ROOT);
  sim = await fx.simulator({ apiKeys: [KEY] });
  const program = `name: yaml-client-certificate-provider
runtime: yaml
config:
  accountKey:
    type: string
resources:
  account:
    type: pulumi:providers:digicert
    properties:
      baseUrl: ${sim.baseUrl}
      apiKey: \${accountKey}
      waitForIssuanceSeconds: 1
  edgar:
    type: digicert:index:ClientCertificate
    properties:
      productId: client_authentication_plus
      organizationId: 112233
      skipApproval: true
      certificate:
        commonName: Edgar Figaro
        emails: [edgar.figaro@example.com]
        signatureHash: sha256
    options:
      provider: \${account}
outputs:
  orderId: \${edgar.orderId}
  certificatePem: \${edgar.certificatePem}
`;
  es = await fx.stack({
    name: "yaml-explicit",
    program: { files: { "Pulumi.yaml": program } },
    plugin: fx.plugin(),
    config: { accountKey: { value: KEY, secret: true } },
  });
});
afterAll(() => fx.close());

test("the component's order and key are the explicit provider's, and its certificate is issued", async () => {
  const r = await es.stack.up();
  // the stack, the provider, the component, its order and its key
  expect(r.summary.resourceChanges).toEqual({ create: 5 });
  expect((await sim.takeCalls()).filter((c) => c.startsWith("POST /order/certificate/client_"))).toHaveLength(1);
  const resources = (await es.resources()) as { type: string; urn: string; provider?: string }[];
  const account = resources.find((x) => x.type === "pulumi:providers:digicert")!;
  expect(account.urn).toMatch(/::account$/);
  const children = resources.filter((x) => x.type === "digicert:index:ClientCertificateOrder" || x.type === "digicert:index:ClientCertificateKey");
  expect(children).toHaveLength(2);
  for (const c of children) expect(c.provider).toMatch(new RegExp(`^${account.urn.replace(/[$]/g, "\\$")}::`));
  const out = await es.outputs();
  expect((await sim.order(out["orderId"] as number)).status).toBe("issued");
  expect(out["certificatePem"]).toMatch(/^-----BEGIN CERTIFICATE-----/);
});
