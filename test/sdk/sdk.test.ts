// SDK wiring under pulumi.runtime.setMocks: type tokens, inputs reaching the engine,
// outputs coming back, and getOrderDuplicates against the simulator.
import * as pulumi from "@pulumi/pulumi";
import { startSimulator, type Simulator } from "../../simulator";
import { serializedProvider } from "../../provider/serving/dynamic/stub";

const KEY = "sdk-test-key-91d0";
const registered: pulumi.runtime.MockResourceArgs[] = [];
let sim: Simulator;
let digicert: typeof import("../../sdk");

beforeAll(async () => {
  sim = await startSimulator({ port: 0, apiKeys: [KEY] });
  pulumi.runtime.setAllConfig({ "digicert:apiKey": KEY, "digicert:baseUrl": sim.baseUrl });
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        registered.push(args);
        const outs: Record<string, unknown> = { ...args.inputs };
        if (args.type.endsWith(":ClientCertificateOrder")) Object.assign(outs, { orderId: 4242, certificateId: 77, status: "issued", requests: [{ id: 9, status: "approved" }] });
        if (args.type.endsWith(":CertificateReissue")) Object.assign(outs, { certificateId: 78, status: "issued", requests: [] });
        return { id: `${args.name}-id`, state: outs };
      },
      call: () => ({}),
    },
    "sdk-test",
    "dev",
    false,
  );
  digicert = await import("../../sdk");
});
afterAll(async () => {
  await sim.close();
});

const value = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply(resolve));

it("registers each resource under its digicert type with camelCase inputs", async () => {
  const order = new digicert.ClientCertificateOrder("o", {
    productId: "client_email_security_plus",
    certificate: { commonName: pulumi.output("Lock Cole"), emails: [pulumi.output("locke@example.com")], signatureHash: "sha256" },
    organizationId: 112233,
    customFields: [{ metadataId: 3, value: "cost-center-7" }],
  });
  const ct = new digicert.OrderCtStatus("ct", { orderId: order.orderId, disableCt: true });
  const re = new digicert.CertificateReissue("re", {
    orderId: order.orderId,
    certificate: { commonName: "Lock Cole", csr: "-----BEGIN CERTIFICATE REQUEST-----", signatureHash: "sha256" },
  });
  expect(await value(order.orderId)).toBe(4242);
  expect(await value(order.certificateId)).toBe(77);
  expect(await value(order.status)).toBe("issued");
  expect(await value(ct.disableCt)).toBe(true);
  expect(await value(re.certificateId)).toBe(78);
  const types = registered.map((r) => r.type);
  expect(types).toEqual(
    expect.arrayContaining([
      "pulumi-nodejs:dynamic/digicert:ClientCertificateOrder",
      "pulumi-nodejs:dynamic/digicert:OrderCtStatus",
      "pulumi-nodejs:dynamic/digicert:CertificateReissue",
    ]),
  );
  const o = registered.find((r) => r.name === "o")!;
  expect(o.inputs).toMatchObject({
    productId: "client_email_security_plus",
    certificate: { commonName: "Lock Cole", emails: ["locke@example.com"], signatureHash: "sha256" },
    customFields: [{ metadataId: 3, value: "cost-center-7" }],
  });
  expect(o.inputs["__provider"]).toBe(serializedProvider("ClientCertificateOrder"));
  expect(o.inputs["__provider"]).not.toContain(KEY);
  expect(registered.find((r) => r.name === "ct")!.inputs).toMatchObject({ orderId: 4242, disableCt: true });
});

it("getOrderDuplicates lists an order's duplicates from DigiCert, in both forms", async () => {
  const placed = await fetch(`${sim.baseUrl}/order/certificate/client_premium_sha2`, {
    method: "POST",
    headers: { "X-DC-DEVKEY": KEY, "Content-Type": "application/json" },
    body: JSON.stringify({
      certificate: { common_name: "Lock Cole", emails: ["locke@example.com"], signature_hash: "sha256" },
      organization: { id: 1 },
      validity_years: 1,
      skip_approval: true,
    }),
  });
  const orderId = ((await placed.json()) as { id: number }).id;
  const issued = await sim.admin.addDuplicate(orderId, { issued: true });
  const pending = await sim.admin.addDuplicate(orderId, { issued: false });
  const r = await digicert.getOrderDuplicates({ orderId });
  expect(r.certificates.map((c) => c.id).sort()).toEqual([issued, pending].sort());
  const issuedItem = r.certificates.find((c) => c.id === issued)!;
  expect(issuedItem.serialNumber).toBeTruthy();
  expect(issuedItem.commonName).toBe("Lock Cole");
  expect(r.certificates.find((c) => c.id === pending)!.serialNumber).toBeUndefined();
  const viaOutput = await value(digicert.getOrderDuplicatesOutput({ orderId: pulumi.output(orderId) }));
  expect(viaOutput.certificates).toHaveLength(2);
});

it("getOrderDuplicates rejects a bad order id before any call", async () => {
  await sim.admin.clearRequests();
  await expect(digicert.getOrderDuplicates({ orderId: -1 })).rejects.toThrow(/orderId: must be a positive integer/);
  expect(await sim.admin.requests()).toEqual([]);
});

describe("ClientCertificate", () => {
  const args = {
    productId: "client_authentication_plus" as const,
    organizationId: 112233,
    certificate: { commonName: "Edgar Figaro", emails: ["edgar@example.com"], signatureHash: "sha256" as const },
  };

  it("refuses a bad key or PKCS#12 term before registering anything, naming the field and the values allowed, never the password", () => {
    const before = registered.length;
    const bad = { ...args, keyAlgorithm: "DSA", rsaBits: 1024, pkcs12Profile: "weak", pkcs12Password: "" } as unknown as import("../../sdk").ClientCertificateArgs;
    expect(() => new digicert.ClientCertificate("bad", bad)).toThrow(
      'digicert:index:ClientCertificate bad: keyAlgorithm must be the key\'s algorithm: one of "RSA", "ECDSA"; rsaBits must be the RSA key\'s size in bits: one of 2048, 3072, 4096; ' +
        'pkcs12Password must not be empty: a PKCS#12 file without a password leaves the key readable; pkcs12Profile must be the PKCS#12 profile: one of "modern", "legacy"',
    );
    expect(() => new digicert.ClientCertificate("bad-curve", { ...args, keyAlgorithm: "ECDSA", ecdsaCurve: "P521" } as never)).toThrow(/ecdsaCurve must be the ECDSA key's curve: one of "P256", "P384"/);
    expect(registered.length).toBe(before);
  });

  it("registers the dynamic order and key from the SDK, the plugin's own types with the plugin's children", async () => {
    const { nativeChildren } = await import("../../provider/serving/plugin/construct-children");
    const { ClientCertificateComponent } = await import("../../provider/components/client-certificate/component");
    const dyn = new digicert.ClientCertificate("dyn", args);
    const nat = new ClientCertificateComponent("nat", args, undefined, nativeChildren);
    await value(pulumi.all([dyn.urn, nat.urn, dyn.orderId, nat.orderId, dyn.privateKeyPem, nat.privateKeyPem]));
    const typeOf = (name: string) => registered.find((r) => r.name === name)?.type;
    expect([typeOf("dyn-order"), typeOf("dyn-key")]).toEqual(["pulumi-nodejs:dynamic/digicert:ClientCertificateOrder", "pulumi-nodejs:dynamic/digicert:ClientCertificateKey"]);
    expect([typeOf("nat-order"), typeOf("nat-key")]).toEqual(["digicert:index:ClientCertificateOrder", "digicert:index:ClientCertificateKey"]);
    expect(Object.keys(registered.find((r) => r.name === "nat-order")!.inputs)).not.toContain("__provider");
  });
});
