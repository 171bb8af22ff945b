// ClientCertificate from Pulumi YAML with inputs taken from another resource's outputs,
// through the plugin's Construct: unknown at the first preview (the component's new key
// and its CSR are then unknown too, and the key resource's check waits for them), known at
// up; and an output with no value, which YAML passes as null at up: absent to the
// component, so the order's check names the field instead of the Construct failing on
// the null.
import { engineChoice } from "../../engine/engine-env";
import { EngineFixture, ROOT, writeProgram, type EngineStack, type PluginDir, type TestSimulator } from "./support/fixture";

jest.setTimeout(10 * 60_000);

const program = (commonName: string) => `name: yaml-client-certificate-inputs
runtime: yaml
resources:
  setzer-first:
    type: digicert:index:ClientCertificateOrder
    properties:
      productId: client_authentication_plus
      organizationId: 112233
      skipApproval: true
      certificate:
        commonName: Setzer Gabbiani
        emails: [setzer.gabbiani@example.com]
        signatureHash: sha256
  setzer:
    type: digicert:index:ClientCertificate
    properties:
      productId: client_authentication_plus
      organizationId: \${setzer-first.organizationId}
      skipApproval: true
      certificate:
        commonName: ${commonName}
        emails: [setzer.gabbiani@example.com]
        signatureHash: sha256
outputs:
  certificatePem: \${setzer.certificatePem}
`;

const fx = new EngineFixture();
let sim: TestSimulator;
let es: EngineStack;
let plugin: PluginDir;

beforeAll(async () => {
  engineChoice(ROOT);
  sim = await fx.simulator({ apiKeys: ["yaml-inputs-key-0b7a"] });
  plugin = fx.plugin();
  es = await fx.stack({ name: "yaml-inputs", program: { files: { "Pulumi.yaml": program("${setzer-first.certificate.commonName}") } }, plugin, sim });
});
afterAll(() => fx.close());

test("1. inputs unknown at preview: the component, its order and its key are planned, nothing called", async () => {
  const p = await es.stack.preview();
  // the stack, the first order, the component, its order and its key
  expect(p.changeSummary).toEqual({ create: 5 });
  expect(await sim.takeCalls()).toEqual([]);
});

test("2. up: known then, the component's certificate names the other order's common name", async () => {
  const r = await es.stack.up();
  expect(r.summary.resourceChanges).toEqual({ create: 5 });
  const { X509Certificate } = await import("node:crypto");
  expect(new X509Certificate((await es.outputs())["certificatePem"] as string).subject).toContain("CN=Setzer Gabbiani");
});

test("3. an output with no value (null in YAML at up) is an absent input: the order's check names the field, nothing is ordered", async () => {
  writeProgram(es.workDir, { files: { "Pulumi.yaml": program("${setzer-first.customExpirationDate}") } }, plugin);
  await sim.takeCalls();
  // The preview sees the value as unknown; the up gets YAML's null.
  const err = await es.stack.up().then(
    () => new Error("the up passed"),
    (e: Error) => e,
  );
  expect(err.message).toMatch(/certificate\.commonName: is required for client_authentication_plus/);
  expect(err.message).not.toContain("Cannot convert undefined or null to object");
  expect((await sim.takeCalls()).filter((c) => c.startsWith("POST /order/certificate/client_"))).toEqual([]);
});
