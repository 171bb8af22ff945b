// The example a team would copy (examples/client-key-and-certificate, a ClientCertificate)
// through the real Pulumi engine against a simulator this test starts: `up` makes the key,
// orders the certificate with its CSR and writes the files a client loads; a second `up`
// plans nothing and keeps the key; the certificate certifies the CSR's (the key's) public
// key, and the key is a secret in state.
import { KeyObject, X509Certificate, createPublicKey, webcrypto } from "crypto";
import * as fs from "fs";
import * as path from "path";
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { EngineFixture, exampleProgram, type EngineStack, type TestSimulator } from "./support/fixture";

jest.setTimeout(15 * 60_000);

const KEY = "example-key-3b9d7e1a40";

const fx = new EngineFixture();
let sim: TestSimulator;
let es: EngineStack;

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

/** A public key, or the public half of a private one, as SPKI DER. */
const spki = (key: KeyObject | string): Buffer =>
  (key instanceof KeyObject && key.type === "public" ? key : createPublicKey(key)).export({ type: "spki", format: "der" });
const certs = (dir: string, file: string): string => fs.readFileSync(path.join(dir, "certs", file), "utf8");

beforeAll(async () => {
  sim = await fx.simulator({ apiKeys: [KEY] });
  const program = exampleProgram("client-key-and-certificate", ["Pulumi.yaml", "package.json", "index.ts", "tsconfig.json"]);
  es = await fx.stack({ name: "example", program, sim });
});
afterAll(() => fx.close());

let first: { csrPem: string; key: string; certificatePem: string; orderId: number };

test("up makes the key and CSR, orders the certificate with the CSR, and writes the files a client loads", async () => {
  const r = await es.stack.up();
  expect(r.summary.resourceChanges).toMatchObject({ create: 4 }); // the stack, the component, its order and its key
  const out = await es.outputs();
  const calls = await sim.takeCalls();
  expect(calls.filter((c) => c.startsWith("POST "))).toEqual(["POST /order/certificate/client_authentication_plus"]);

  // The files, where the program says a client loads them, match the outputs; the key is this user's only.
  const certificatePem = certs(es.workDir, "client.crt");
  expect(certificatePem).toBe(out["certificatePem"]);
  expect(certs(es.workDir, "ca-chain.pem")).toBe(out["chainPem"]);
  expect(fs.statSync(path.join(es.workDir, "certs/client.key")).mode & 0o777).toBe(0o600);
  const key = certs(es.workDir, "client.key");

  // The certificate certifies the CSR's public key, which is the private key's.
  const certificate = new X509Certificate(certificatePem);
  const order = (await sim.state()).orders.find((o) => o.id === out["orderId"]);
  const csrPem = order!.requested.csr as string;
  const csr = new x509.Pkcs10CertificateRequest(csrPem);
  expect(Buffer.from(csr.publicKey.rawData).equals(spki(key))).toBe(true);
  expect(spki(certificate.publicKey).equals(spki(key))).toBe(true);
  expect(await csr.verify()).toBe(true);
  // The chain's first certificate issued the leaf.
  const issuer = new X509Certificate((out["chainPem"] as string).split(/(?<=-----END CERTIFICATE-----)\n?/)[0]!);
  expect(certificate.checkIssued(issuer)).toBe(true);
  expect(certificate.verify(issuer.publicKey)).toBe(true);

  first = { csrPem, key, certificatePem, orderId: out["orderId"] as number };
});

test("the private key is a secret in state: encrypted in the backend's file, never in plain text", async () => {
  // The Automation API's export shows secrets decrypted, marked as secrets.
  const key = (await es.resources()).find((r) => r.type.endsWith(":ClientCertificateKey"))!;
  expect(key.outputs?.["privateKeyPem"]).toMatchObject({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" });
  // What the backend keeps: the key's ciphertext only; the CSR in the clear.
  const files = fs.readdirSync(es.backendDir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".json") && f.includes("stacks"));
  const stored = files.map((f) => fs.readFileSync(path.join(es.backendDir, f), "utf8")).join("\n");
  expect(stored).toContain("ciphertext");
  for (const line of first.key.split("\n").filter((l) => l.length === 64)) expect(stored).not.toContain(line);
  expect(stored).toContain(first.csrPem.split("\n")[1]!);
});

test("a second up plans nothing, makes no new key and orders nothing", async () => {
  const p = await es.stack.preview();
  expect(p.changeSummary).toEqual({ same: 4 });
  const r = await es.stack.up();
  expect(r.summary.resourceChanges).toEqual({ same: 4 });
  expect((await sim.takeCalls()).filter((c) => !c.startsWith("GET "))).toEqual([]);
  const out = await es.outputs();
  expect(out["orderId"]).toBe(first.orderId);
  expect(certs(es.workDir, "client.key")).toBe(first.key);
  expect(certs(es.workDir, "client.crt")).toBe(first.certificatePem);
});

test("destroy revokes the certificate", async () => {
  const r = await es.stack.destroy();
  expect(r.summary.resourceChanges).toMatchObject({ delete: 4 });
  const revokes = (await sim.state()).requests.filter((q) => q.type === "revoke");
  expect(revokes.map((q) => q.orderId)).toEqual([first.orderId]);
});
