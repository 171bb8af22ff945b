// ClientCertificate through the real engine against a simulator this test starts: a
// TypeScript program with two of them (the default: RSA, a new key at renewal, the
// modern PKCS#12; and ECDSA P384 with rotateKeyOnRenewal false and the legacy PKCS#12).
// openssl reads the bundles and verifies the leaf against the simulator's chain; the key
// is encrypted in `pulumi stack export`, and absent from what the simulator holds and from
// the engine's output. With the certificates inside the renewal window, one `up` renews
// each once, the rotating one with a new key, and the next `up` changes nothing.
import { execFileSync, spawnSync } from "node:child_process";
import { createPrivateKey, createPublicKey, X509Certificate } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { BodyRecorder } from "./support/body-recorder";
import { leaks } from "./support/key-leaks";
import { EngineFixture, typescriptProgram, type EngineStack, type TestSimulator } from "./support/fixture";

jest.setTimeout(15 * 60_000);

const KEY = "client-certificate-key-7d2e9a";
const PASSWORD = "p12-pässword-42";
const DAY = 86_400_000;
const day = (days: number): string => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const POST_ORDER = /^POST \/order\/certificate\/client_/;

const PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import * as digicert from "pulumi-digicert";

const common = { organizationId: 112233, validityYears: 1 as const, skipApproval: true, pkcs12Password: pulumi.secret("${PASSWORD}") };
const rotating = new digicert.ClientCertificate("rotating", {
  ...common,
  productId: "client_authentication_plus",
  certificate: { commonName: "Lock Cole", emails: ["locke.cole@example.com"], signatureHash: "sha256" },
});
const kept = new digicert.ClientCertificate("kept", {
  ...common,
  productId: "client_authentication_plus",
  certificate: { commonName: "Terra Branford", emails: ["terra.branford@example.com"], signatureHash: "sha256" },
  keyAlgorithm: "ECDSA",
  ecdsaCurve: "P384",
  rotateKeyOnRenewal: false,
  pkcs12Profile: "legacy",
  friendlyName: "Terra's certificate",
});
const out = (c: digicert.ClientCertificate) => ({
  orderId: c.orderId, certificatePem: c.certificatePem, chainPem: c.chainPem, fullChainPem: c.fullChainPem,
  privateKeyPem: c.privateKeyPem, pkcs12: c.pkcs12, serialNumber: c.serialNumber, sha256Fingerprint: c.sha256Fingerprint,
  notBefore: c.notBefore, notAfter: c.notAfter, renewAfter: c.renewAfter, validTill: c.validTill,
});
export const rotatingCertificate = out(rotating);
export const keptCertificate = out(kept);
`;

interface Out {
  orderId: number;
  certificatePem: string;
  chainPem: string;
  fullChainPem: string;
  privateKeyPem: string;
  pkcs12: string;
  serialNumber: string;
  sha256Fingerprint: string;
  notBefore: string;
  notAfter: string;
  renewAfter: string;
  validTill: string;
}

const fx = new EngineFixture();
let sim: TestSimulator;
let es: EngineStack;
let dir: string;
// In front of the simulator: the body of every request the provider sent.
let recorder: BodyRecorder;

beforeAll(async () => {
  sim = await fx.simulator({ apiKeys: [KEY] });
  recorder = await BodyRecorder.start(sim.baseUrl);
  es = await fx.stack({
    name: "client-certificate",
    program: typescriptProgram("client-certificate", PROGRAM),
    sim,
    config: { "digicert:baseUrl": { value: recorder.baseUrl } },
  });
  dir = fs.mkdtempSync(path.join(es.workDir, "openssl-"));
});
afterAll(async () => {
  await recorder?.close();
  await fx.close();
});

async function outputs(): Promise<{ rotating: Out; kept: Out }> {
  const o = await es.outputs();
  return { rotating: o["rotatingCertificate"] as Out, kept: o["keptCertificate"] as Out };
}

const spki = (pem: string) => createPublicKey(createPrivateKey(pem)).export({ type: "spki", format: "pem" }).toString();
const certSpki = (pem: string) => new X509Certificate(pem).publicKey.export({ type: "spki", format: "pem" }).toString();
const blocks = (text: string, label: string) => text.match(new RegExp(`-----BEGIN ${label}-----[\\s\\S]*?-----END ${label}-----`, "g")) ?? [];
/** The key's base64 body, the part that would show if it leaked. */
const keyBody = (pem: string) => pem.split("\n").filter((l) => l && !l.startsWith("-----")).join("");

/** openssl pkcs12 -info with the password: its certificates and key. */
function readBundle(o: Out, name: string): { out: string; err: string } {
  const file = path.join(dir, `${name}.p12`);
  fs.writeFileSync(file, Buffer.from(o.pkcs12, "base64"));
  const r = spawnSync("openssl", ["pkcs12", "-info", "-in", file, "-passin", `pass:${PASSWORD}`, "-nodes"], { encoding: "utf8" });
  expect({ status: r.status, err: r.status === 0 ? "" : r.stderr }).toEqual({ status: 0, err: "" });
  return { out: r.stdout, err: r.stderr };
}

/** The bundle holds the outputs' key, leaf and chain; openssl verifies the leaf against the chain. */
function expectCredential(o: Out, name: string, profileLines: string[]): void {
  expect(certSpki(o.certificatePem)).toBe(spki(o.privateKeyPem));
  expect(o.fullChainPem.startsWith(o.certificatePem.trimEnd())).toBe(true);
  const { out, err } = readBundle(o, name);
  for (const line of profileLines) expect(err + out).toContain(line);
  const certs = blocks(out, "CERTIFICATE").map((p) => new X509Certificate(p));
  const chain = blocks(o.chainPem, "CERTIFICATE").map((p) => new X509Certificate(p));
  expect(certs.map((c) => c.fingerprint256)).toEqual([new X509Certificate(o.certificatePem).fingerprint256, ...chain.map((c) => c.fingerprint256)]);
  expect(spki(blocks(out, "PRIVATE KEY")[0]!)).toBe(spki(o.privateKeyPem));

  const root = blocks(o.chainPem, "CERTIFICATE").at(-1)!;
  const intermediates = blocks(o.chainPem, "CERTIFICATE").slice(0, -1);
  fs.writeFileSync(path.join(dir, "root.pem"), root + "\n");
  fs.writeFileSync(path.join(dir, "intermediates.pem"), intermediates.join("\n") + "\n");
  fs.writeFileSync(path.join(dir, "leaf.pem"), o.certificatePem);
  const verify = execFileSync("openssl", ["verify", "-purpose", "sslclient", "-CAfile", path.join(dir, "root.pem"), "-untrusted", path.join(dir, "intermediates.pem"), path.join(dir, "leaf.pem")], { encoding: "utf8" });
  expect(verify.trim()).toBe(`${path.join(dir, "leaf.pem")}: OK`);

  const leaf = new X509Certificate(o.certificatePem);
  expect(o.serialNumber).toBe(leaf.serialNumber.toUpperCase());
  expect(o.sha256Fingerprint).toBe(leaf.fingerprint256.replace(/:/g, "").toLowerCase());
  expect(o.notAfter).toBe(new Date(leaf.validTo).toISOString());
  expect(Date.parse(o.notAfter) - Date.parse(o.renewAfter)).toBe(30 * DAY);
}

/** Neither key shows in what the user sees, in any request sent to DigiCert, in what the simulator holds, or in plain state. */
async function expectKeysHidden(o: { rotating: Out; kept: Out }, engineOutput: string): Promise<void> {
  expect(recorder.sent.filter((r) => POST_ORDER.test(`${r.method} ${r.path}`)).length).toBeGreaterThanOrEqual(2);
  const simState = JSON.stringify(await sim.state()) + JSON.stringify(recorder.sent);
  const exported = await es.exportText();
  for (const c of [o.rotating, o.kept]) {
    const body = keyBody(c.privateKeyPem);
    for (const piece of [body.slice(0, 48), body.slice(-48)]) {
      expect(leaks(engineOutput, piece)).toEqual([]);
      expect(leaks(simState, piece)).toEqual([]);
      expect(leaks(exported, piece)).toEqual([]);
    }
    expect(leaks(exported, keyBody(c.pkcs12).slice(0, 48))).toEqual([]);
  }
}

let first: { rotating: Out; kept: Out };

test("1. up orders both, and hands out key, certificate, chain and PKCS#12 that openssl reads", async () => {
  const r = await es.stack.up();
  // the stack, and for each: the component, its order and its key
  expect(r.summary.resourceChanges).toMatchObject({ create: 7 });
  expect((await sim.takeCalls()).filter((c) => POST_ORDER.test(c))).toHaveLength(2);
  first = await outputs();
  expectCredential(first.rotating, "rotating", ["MAC: sha256", "PBES2, PBKDF2, AES-256-CBC", "hmacWithSHA256"]);
  expectCredential(first.kept, "kept", ["MAC: sha1", "pbeWithSHA1And3-KeyTripleDES-CBC", "friendlyName: Terra's certificate"]);
  expect(new X509Certificate(first.kept.certificatePem).publicKey.asymmetricKeyDetails?.namedCurve).toBe("secp384r1");
  expect(new X509Certificate(first.rotating.certificatePem).publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
  await expectKeysHidden(first, r.stdout + r.stderr);
  const exported = await es.exportText();
  expect(exported).toContain("4dabf18193072939515e22adb298388d"); // Pulumi's secret signature: the key is there, encrypted
});

test("2. a second up changes nothing and orders nothing (the new key of the run is not kept)", async () => {
  const r = await es.stack.up();
  expect(r.summary.resourceChanges).toEqual({ same: 7 });
  expect((await sim.takeCalls()).filter((c) => !c.startsWith("GET "))).toEqual([]);
  const now = await outputs();
  expect(now.rotating.privateKeyPem).toBe(first.rotating.privateKeyPem);
  expect(now.rotating.pkcs12).toBe(first.rotating.pkcs12);
  expect(now.kept.certificatePem).toBe(first.kept.certificatePem);

  // The state one certificate costs (docs/benchmarks.md): its component, order and key, as exported (secrets encrypted).
  const deployment = JSON.parse(await es.exportText()) as { deployment: { resources: { urn: string }[] } };
  const mine = deployment.deployment.resources.filter((r) => /::rotating(-order|-key)?$/.test(r.urn));
  expect(mine).toHaveLength(3);
  const bytes = mine.map((r) => Buffer.byteLength(JSON.stringify(r)));
  console.log(`state of one ClientCertificate (RSA 2048): component, order, key: ${bytes.join(" + ")} = ${bytes.reduce((a, b) => a + b, 0)} bytes`);
  expect(bytes.reduce((a, b) => a + b, 0)).toBeLessThan(48_000);
});

test("3. inside the renewal window, one up renews each once: a new key for the rotating one, the same for the other; outputs switch together", async () => {
  const s = await sim.state();
  for (const o of [first.rotating, first.kept]) {
    await sim.admin.setValidity(s.orders.find((x) => x.id === o.orderId)!.certificateId!, { validFrom: day(-340), validTill: day(25) });
  }
  await es.stack.refresh();
  await sim.takeCalls();
  const r = await es.stack.up();
  const calls = await sim.takeCalls();
  expect(calls.filter((c) => POST_ORDER.test(c))).toHaveLength(2);
  expect(calls.filter((c) => c.includes("/revoke"))).toEqual([]);
  const renewed = await outputs();
  expect(renewed.rotating.orderId).not.toBe(first.rotating.orderId);
  expect(renewed.kept.orderId).not.toBe(first.kept.orderId);
  const orders = (await sim.state()).orders;
  expect(orders.find((o) => o.id === renewed.rotating.orderId)).toMatchObject({ renewalOfOrderId: first.rotating.orderId });
  expect(orders.find((o) => o.id === renewed.kept.orderId)).toMatchObject({ renewalOfOrderId: first.kept.orderId });
  // The CSRs DigiCert received with the renewals: a new public key, and the old one.
  const csrKey = (orderId: number) =>
    execFileSync("openssl", ["req", "-pubkey", "-noout"], { input: orders.find((o) => o.id === orderId)!.requested.csr as string, encoding: "utf8" });
  expect(csrKey(renewed.rotating.orderId)).not.toBe(spki(first.rotating.privateKeyPem));
  expect(csrKey(renewed.rotating.orderId)).toBe(spki(renewed.rotating.privateKeyPem));
  expect(csrKey(renewed.kept.orderId)).toBe(spki(first.kept.privateKeyPem));

  // rotating: a new key, and the certificate of that key; the bundle holds both.
  expect(spki(renewed.rotating.privateKeyPem)).not.toBe(spki(first.rotating.privateKeyPem));
  expect(renewed.rotating.certificatePem).not.toBe(first.rotating.certificatePem);
  expectCredential(renewed.rotating, "rotating-renewed", ["MAC: sha256"]);
  // kept: the same key, certified anew.
  expect(renewed.kept.privateKeyPem).toBe(first.kept.privateKeyPem);
  expect(renewed.kept.certificatePem).not.toBe(first.kept.certificatePem);
  expect(certSpki(renewed.kept.certificatePem)).toBe(spki(first.kept.privateKeyPem));
  expectCredential(renewed.kept, "kept-renewed", ["MAC: sha1"]);
  await expectKeysHidden(renewed, r.stdout + r.stderr);
});

test("4. the next up changes nothing", async () => {
  const r = await es.stack.up();
  expect(r.summary.resourceChanges).toEqual({ same: 7 });
  expect((await sim.takeCalls()).filter((c) => !c.startsWith("GET "))).toEqual([]);
});
