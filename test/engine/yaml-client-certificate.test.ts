// ClientCertificate from Pulumi YAML, through the real engine, Pulumi YAML's language host
// and the native plugin's Construct, against a simulator this test starts: preview calls
// nothing; up places one order and hands out a certificate and a PKCS#12 that openssl
// reads with the password, holding the key of the certificate; the state holds the
// component and the plugin's own order and key (no dynamic provider), the key encrypted
// in `pulumi stack export`; the pkcs12Bundle function, invoked, bundles the same key
// and certificate in the legacy profile; a second up changes nothing; a bad key or PKCS#12 term
// fails at preview naming the field and what is allowed; inside the renewal window one
// up renews with a new key, and the next changes nothing.
import { execFileSync, spawnSync } from "node:child_process";
import { createPrivateKey, createPublicKey, X509Certificate } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { engineChoice } from "../../engine/engine-env";
import { leaks } from "./support/key-leaks";
import { EngineFixture, ROOT, type EngineStack, type TestSimulator } from "./support/fixture";

jest.setTimeout(10 * 60_000);

const KEY = "yaml-component-key-5c81f0";
const PASSWORD = "yaml-p12-pässword-7";
const POST_ORDER = /^POST \/order\/certificate\/client_/;

const PROGRAM = `name: yaml-client-certificate
runtime: yaml

config:
  p12Password:
    type: string
  keyAlgorithm:
    type: string
    default: ECDSA

resources:
  edgar:
    type: digicert:index:ClientCertificate
    properties:
      productId: client_authentication_plus
      organizationId: 112233
      validityYears: 1
      skipApproval: true
      certificate:
        commonName: Edgar Figaro
        emails:
          - edgar.figaro@example.com
        signatureHash: sha256
      # Passed through unchecked on purpose: a bad value fails at preview.
      keyAlgorithm: \${keyAlgorithm}
      ecdsaCurve: P384
      pkcs12Password: \${p12Password}
      pkcs12Profile: modern
      friendlyName: Edgar's certificate

variables:
  # The function, served by the plugin as an invoke: the same key and certificate, the legacy profile.
  legacyBundle:
    fn::invoke:
      function: digicert:index:pkcs12Bundle
      arguments:
        certificatePem: \${edgar.certificatePem}
        chainPem: \${edgar.chainPem}
        privateKeyPem: \${edgar.privateKeyPem}
        password: \${p12Password}
        profile: legacy
        friendlyName: Edgar (legacy)

outputs:
  legacyPkcs12: \${legacyBundle.pkcs12}
  orderId: \${edgar.orderId}
  certificatePem: \${edgar.certificatePem}
  chainPem: \${edgar.chainPem}
  fullChainPem: \${edgar.fullChainPem}
  privateKeyPem: \${edgar.privateKeyPem}
  pkcs12: \${edgar.pkcs12}
  serialNumber: \${edgar.serialNumber}
  renewAfter: \${edgar.renewAfter}
  notAfter: \${edgar.notAfter}
`;

const fx = new EngineFixture();
let sim: TestSimulator;
let es: EngineStack;

beforeAll(async () => {
  // Throws, saying to run `make engine`, when the record has no YAML host.
  engineChoice(ROOT);
  sim = await fx.simulator({ apiKeys: [KEY] });
  const plugin = fx.plugin();
  es = await fx.stack({
    name: "yaml-component",
    program: { files: { "Pulumi.yaml": PROGRAM } },
    plugin,
    sim,
    config: { p12Password: { value: PASSWORD, secret: true } },
  });
});
afterAll(() => fx.close());

const spki = (pem: string) => createPublicKey(createPrivateKey(pem)).export({ type: "spki", format: "pem" }).toString();
const certSpki = (pem: string) => new X509Certificate(pem).publicKey.export({ type: "spki", format: "pem" }).toString();
const blocks = (text: string, label: string) => text.match(new RegExp(`-----BEGIN ${label}-----[\\s\\S]*?-----END ${label}-----`, "g")) ?? [];
const keyBody = (pem: string) => pem.split("\n").filter((l) => l && !l.startsWith("-----")).join("");

let first: Record<string, unknown>;

test("1. preview plans the component with the plugin's own order and key, calling nothing", async () => {
  const p = await es.stack.preview();
  // the stack, the component, its order and its key
  expect(p.changeSummary).toEqual({ create: 4 });
  expect(p.stdout).toContain("digicert:index:ClientCertificate");
  expect(p.stdout).toContain("digicert:index:ClientCertificateOrder");
  expect(p.stdout).toContain("digicert:index:ClientCertificateKey");
  expect(await sim.takeCalls()).toEqual([]);
});

test("2. up orders once; the certificate, chain and PKCS#12 hold the key, which openssl reads with the password", async () => {
  const r = await es.stack.up();
  expect(r.summary.resourceChanges).toEqual({ create: 4 });
  expect((await sim.takeCalls()).filter((c) => POST_ORDER.test(c))).toHaveLength(1);
  first = await es.outputs();
  const certificatePem = first["certificatePem"] as string;
  const privateKeyPem = first["privateKeyPem"] as string;
  expect(certSpki(certificatePem)).toBe(spki(privateKeyPem));
  expect(new X509Certificate(certificatePem).publicKey.asymmetricKeyDetails?.namedCurve).toBe("secp384r1");
  expect((first["fullChainPem"] as string).startsWith(certificatePem.trimEnd())).toBe(true);
  expect(first["serialNumber"]).toBe(new X509Certificate(certificatePem).serialNumber.toUpperCase());
  expect(Date.parse(first["notAfter"] as string) - Date.parse(first["renewAfter"] as string)).toBe(30 * 86_400_000);
  const order = await sim.order(first["orderId"] as number);
  expect(order.status).toBe("issued");

  const dir = fs.mkdtempSync(path.join(es.workDir, "openssl-"));
  const file = path.join(dir, "edgar.p12");
  fs.writeFileSync(file, Buffer.from(first["pkcs12"] as string, "base64"));
  const o = spawnSync("openssl", ["pkcs12", "-info", "-in", file, "-passin", `pass:${PASSWORD}`, "-nodes"], { encoding: "utf8" });
  expect({ status: o.status, err: o.status === 0 ? "" : o.stderr }).toEqual({ status: 0, err: "" });
  expect(o.stderr + o.stdout).toContain("PBES2, PBKDF2, AES-256-CBC");
  expect(o.stdout).toContain("friendlyName: Edgar's certificate");
  const certs = blocks(o.stdout, "CERTIFICATE").map((p) => new X509Certificate(p).fingerprint256);
  const chain = blocks(first["chainPem"] as string, "CERTIFICATE").map((p) => new X509Certificate(p).fingerprint256);
  expect(certs).toEqual([new X509Certificate(certificatePem).fingerprint256, ...chain]);
  expect(spki(blocks(o.stdout, "PRIVATE KEY")[0]!)).toBe(spki(privateKeyPem));
  // The invoke's bundle: the legacy profile, the same key and certificate.
  const legacy = path.join(dir, "edgar-legacy.p12");
  fs.writeFileSync(legacy, Buffer.from(first["legacyPkcs12"] as string, "base64"));
  const l = spawnSync("openssl", ["pkcs12", "-info", "-in", legacy, "-passin", `pass:${PASSWORD}`, "-nodes"], { encoding: "utf8" });
  expect({ status: l.status, err: l.status === 0 ? "" : l.stderr }).toEqual({ status: 0, err: "" });
  expect(l.stderr + l.stdout).toContain("MAC: sha1");
  expect(l.stdout).toContain("friendlyName: Edgar (legacy)");
  expect(blocks(l.stdout, "CERTIFICATE").map((p) => new X509Certificate(p).fingerprint256)).toEqual([new X509Certificate(certificatePem).fingerprint256, ...chain]);
  expect(spki(blocks(l.stdout, "PRIVATE KEY")[0]!)).toBe(spki(privateKeyPem));

  // openssl verifies the leaf against the simulator's chain, for a client.
  const pems = blocks(first["chainPem"] as string, "CERTIFICATE");
  fs.writeFileSync(path.join(dir, "root.pem"), pems.at(-1)! + "\n");
  fs.writeFileSync(path.join(dir, "intermediates.pem"), pems.slice(0, -1).join("\n") + "\n");
  fs.writeFileSync(path.join(dir, "leaf.pem"), certificatePem);
  const verify = execFileSync(
    "openssl",
    ["verify", "-purpose", "sslclient", "-CAfile", path.join(dir, "root.pem"), "-untrusted", path.join(dir, "intermediates.pem"), path.join(dir, "leaf.pem")],
    { encoding: "utf8" },
  );
  expect(verify.trim()).toBe(`${path.join(dir, "leaf.pem")}: OK`);

  const wrong = spawnSync("openssl", ["pkcs12", "-info", "-in", file, "-passin", "pass:not-the-password", "-nodes"], { encoding: "utf8" });
  expect(wrong.status).not.toBe(0);

  // The state: the component, and the plugin's own types beneath it; no serialized provider.
  const digicert = (await es.resources()).filter((x) => x.type.startsWith("digicert:"));
  expect(digicert.map((x) => x.type).sort()).toEqual(["digicert:index:ClientCertificate", "digicert:index:ClientCertificateKey", "digicert:index:ClientCertificateOrder"]);
  for (const x of digicert) expect(Object.keys({ ...x.inputs, ...x.outputs })).not.toContain("__provider");
  const component = digicert.find((x) => x.type === "digicert:index:ClientCertificate")!;
  expect(digicert.filter((x) => x.parent === component.urn)).toHaveLength(2);

  // The key and the bundle: encrypted in what `pulumi stack export` shows, nowhere in the engine's output or the simulator.
  const exported = await es.exportText();
  expect(exported).toContain("4dabf18193072939515e22adb298388d");
  const simState = JSON.stringify(await sim.state());
  const body = keyBody(privateKeyPem);
  for (const piece of [body.slice(0, 48), body.slice(-48)]) {
    expect(leaks(exported, piece)).toEqual([]);
    expect(leaks(r.stdout + r.stderr, piece)).toEqual([]);
    expect(leaks(simState, piece)).toEqual([]);
  }
  expect(leaks(exported, (first["pkcs12"] as string).slice(0, 48))).toEqual([]);
  expect(leaks(exported, (first["legacyPkcs12"] as string).slice(0, 48))).toEqual([]);
  expect(exported).not.toContain(PASSWORD);
});

test("3. a second up changes nothing and orders nothing; the key and the bundle stay", async () => {
  const r = await es.stack.up();
  expect(r.summary.resourceChanges).toEqual({ same: 4 });
  expect((await sim.takeCalls()).filter((c) => !c.startsWith("GET "))).toEqual([]);
  const now = await es.outputs();
  expect(now["privateKeyPem"]).toBe(first["privateKeyPem"]);
  expect(now["pkcs12"]).toBe(first["pkcs12"]);

  // The state one certificate costs through the plugin (docs/benchmarks.md): its component, order and key, as exported.
  const deployment = JSON.parse(await es.exportText()) as { deployment: { resources: { urn: string }[] } };
  const mine = deployment.deployment.resources.filter((x) => /::edgar(-order|-key)?$/.test(x.urn));
  expect(mine).toHaveLength(3);
  const bytes = mine.map((x) => Buffer.byteLength(JSON.stringify(x)));
  console.log(`state of one ClientCertificate through the plugin (ECDSA P384): component, order, key: ${bytes.join(" + ")} = ${bytes.reduce((a, b) => a + b, 0)} bytes`);
  expect(bytes.reduce((a, b) => a + b, 0)).toBeLessThan(48_000);
});

test("4. a bad key algorithm fails preview naming the field and the values allowed, and nothing reaches DigiCert", async () => {
  await es.stack.setConfig("keyAlgorithm", { value: "DSA" });
  await sim.takeCalls();
  await expect(es.stack.preview()).rejects.toThrow(/keyAlgorithm.*must be the key's algorithm: one of "RSA", "ECDSA"/s);
  expect(await sim.takeCalls()).toEqual([]);
  await es.stack.setConfig("keyAlgorithm", { value: "ECDSA" });
});

test("5. a bad key algorithm known only when it resolves (a secret) fails the preview naming the field; the plugin lives on", async () => {
  await es.stack.setConfig("keyAlgorithm", { value: "Ed25519", secret: true });
  await sim.takeCalls();
  const err = await es.stack.preview().then(
    () => new Error("the preview passed"),
    (e: Error) => e,
  );
  expect(err.message).toMatch(/keyAlgorithm must be the key's algorithm: one of "RSA", "ECDSA"/);
  // The failure failed the Construct; it did not end the plugin.
  expect(err.message).not.toContain("exited prematurely");
  await es.stack.setConfig("keyAlgorithm", { value: "ECDSA" });
  const p = await es.stack.preview();
  expect(p.changeSummary).toEqual({ same: 4 });
  expect(await sim.takeCalls()).toEqual([]);
});

test("6. inside the renewal window, one up renews once with a new key through the plugin; outputs switch together; the next up changes nothing", async () => {
  const s = await sim.state();
  const held = s.orders.find((x) => x.id === first["orderId"])!;
  const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
  await sim.admin.setValidity(held.certificateId!, { validFrom: day(-340), validTill: day(25) });
  await es.stack.refresh();
  await sim.takeCalls();
  const r = await es.stack.up();
  const calls = await sim.takeCalls();
  expect(calls.filter((c) => POST_ORDER.test(c))).toHaveLength(1);
  expect(calls.filter((c) => c.includes("/revoke"))).toEqual([]);
  const renewed = await es.outputs();
  expect(renewed["orderId"]).not.toBe(first["orderId"]);
  const orders = (await sim.state()).orders;
  const renewal = orders.find((o) => o.id === renewed["orderId"])!;
  expect(renewal).toMatchObject({ renewalOfOrderId: first["orderId"] });
  // The renewal's CSR holds the new key, and the outputs are that key and its certificate.
  const csrKey = execFileSync("openssl", ["req", "-pubkey", "-noout"], { input: renewal.requested.csr as string, encoding: "utf8" });
  expect(csrKey).toBe(spki(renewed["privateKeyPem"] as string));
  expect(spki(renewed["privateKeyPem"] as string)).not.toBe(spki(first["privateKeyPem"] as string));
  expect(certSpki(renewed["certificatePem"] as string)).toBe(spki(renewed["privateKeyPem"] as string));
  expect(renewed["pkcs12"]).not.toBe(first["pkcs12"]);
  const body = keyBody(renewed["privateKeyPem"] as string);
  expect(leaks(r.stdout + r.stderr, body.slice(0, 48))).toEqual([]);

  const again = await es.stack.up();
  expect(again.summary.resourceChanges).toEqual({ same: 4 });
  expect((await sim.takeCalls()).filter((c) => !c.startsWith("GET "))).toEqual([]);
});
