// pkcs12Bundle and the PKCS#12 writer, read back by the openssl command line: both
// profiles, the key matching the certificate, the chain, a wrong password refused.
import { execFileSync, spawnSync } from "node:child_process";
import { createPrivateKey, X509Certificate } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { csrFor, generateKey, publicKeyOf } from "../../provider/credentials/key";
import { pkcs12Bundle, pkcs12BundleOutput } from "../../sdk/pkcs12-bundle";

let dir: string;
const file = (name: string) => path.join(dir, name);
const openssl = (...args: string[]) => execFileSync("openssl", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/** A CA and a leaf it signs, made by openssl: the leaf's key is the test's. */
function issue(keyPem: string, cn: string): { leaf: string; chain: string } {
  fs.writeFileSync(file("leaf.key"), keyPem);
  openssl("req", "-new", "-key", file("leaf.key"), "-subj", `/CN=${cn}`, "-out", file("leaf.csr"));
  openssl("x509", "-req", "-in", file("leaf.csr"), "-CA", file("ca.pem"), "-CAkey", file("ca.key"), "-CAcreateserial", "-days", "30", "-out", file("leaf.pem"));
  return { leaf: fs.readFileSync(file("leaf.pem"), "utf8"), chain: fs.readFileSync(file("ca.pem"), "utf8") };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "p12-"));
  openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", file("ca.key"), "-out", file("ca.pem"), "-subj", "/CN=Test Root CA", "-days", "30");
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const PASSWORD = "corr3ct hörse";

/** What `openssl pkcs12 -info` prints for the bundle, with the password. */
function info(base64: string, password: string): { out: string; status: number | null; err: string } {
  fs.writeFileSync(file("bundle.p12"), Buffer.from(base64, "base64"));
  const r = spawnSync("openssl", ["pkcs12", "-info", "-in", file("bundle.p12"), "-passin", `pass:${password}`, "-nodes"], { encoding: "utf8" });
  return { out: r.stdout, status: r.status, err: r.stderr };
}

const blocks = (text: string, label: string) => text.match(new RegExp(`-----BEGIN ${label}-----[\\s\\S]*?-----END ${label}-----`, "g")) ?? [];

describe.each([
  ["modern", ["MAC: sha256, Iteration 2048", "PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256"]],
  ["legacy", ["MAC: sha1, Iteration 2048", "pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048"]],
] as const)("the %s profile", (profile, expected) => {
  test.each([
    ["RSA 2048", { keyAlgorithm: "RSA" as const }],
    ["ECDSA P384", { keyAlgorithm: "ECDSA" as const, ecdsaCurve: "P384" as const }],
  ])("openssl reads it: %s key matching the certificate, then the chain", async (_, spec) => {
    const key = generateKey(spec);
    const { leaf, chain } = issue(key.privateKeyPem, "Lock Cole");
    const { pkcs12 } = await pkcs12Bundle({ certificatePem: leaf, chainPem: chain, privateKeyPem: key.privateKeyPem, password: PASSWORD, profile, friendlyName: "Lock Cole" });
    const { out, status, err } = info(pkcs12, PASSWORD);
    expect({ status, err: status === 0 ? "" : err }).toEqual({ status: 0, err: "" });
    for (const line of expected) expect(err + out).toContain(line);
    expect(out).toContain("friendlyName: Lock Cole");
    const certs = blocks(out, "CERTIFICATE").map((p) => new X509Certificate(p));
    expect(certs.map((c) => c.fingerprint256)).toEqual([new X509Certificate(leaf).fingerprint256, new X509Certificate(chain).fingerprint256]);
    const [keyOut] = blocks(out, "PRIVATE KEY");
    expect(publicKeyOf(keyOut!)).toBe(certs[0]!.publicKey.export({ type: "spki", format: "pem" }).toString());
    expect(certs[0]!.checkPrivateKey(createPrivateKey(keyOut!))).toBe(true);
  });

  test("a wrong password is refused (the MAC does not verify)", async () => {
    const key = generateKey({ keyAlgorithm: "ECDSA" });
    const { leaf, chain } = issue(key.privateKeyPem, "Terra Branford");
    const { pkcs12 } = await pkcs12Bundle({ certificatePem: leaf, chainPem: chain, privateKeyPem: key.privateKeyPem, password: PASSWORD, profile });
    const r = info(pkcs12, "not the password");
    expect(r.status).not.toBe(0);
    expect(r.err).toMatch(/mac verify (failure|error)/i);
  });
});

test("the default profile is modern; the same inputs give the same file, another password other salts", async () => {
  const key = generateKey({ keyAlgorithm: "ECDSA" });
  const { leaf } = issue(key.privateKeyPem, "Celes Chere");
  const a = await pkcs12Bundle({ certificatePem: leaf, privateKeyPem: key.privateKeyPem, password: PASSWORD });
  const b = await pkcs12Bundle({ certificatePem: leaf, privateKeyPem: key.privateKeyPem, password: PASSWORD });
  // An output holding the bundle does not change at every `up`.
  expect(a.pkcs12).toBe(b.pkcs12);
  const c = await pkcs12Bundle({ certificatePem: leaf, privateKeyPem: key.privateKeyPem, password: `${PASSWORD}-2` });
  expect(c.pkcs12).not.toBe(a.pkcs12);
  expect(info(c.pkcs12, `${PASSWORD}-2`).status).toBe(0);
  const r = info(a.pkcs12, PASSWORD);
  expect(r.status).toBe(0);
  expect(r.err + r.out).toContain("MAC: sha256");
  expect(blocks(r.out, "CERTIFICATE")).toHaveLength(1);
});

test("a key that is not the certificate's is refused, without its text in the message", async () => {
  const key = generateKey({ keyAlgorithm: "ECDSA" });
  const other = generateKey({ keyAlgorithm: "ECDSA" });
  const { leaf } = issue(key.privateKeyPem, "Sabin Figaro");
  const err = await pkcs12Bundle({ certificatePem: leaf, privateKeyPem: other.privateKeyPem, password: PASSWORD }).catch((e: Error) => e);
  expect(err).toBeInstanceOf(Error);
  expect((err as Error).message).toMatch(/not the key of the certificate/);
  const body = other.privateKeyPem.split("\n")[1]!;
  expect((err as Error).message).not.toContain(body.slice(0, 20));
});

test("an empty password and an unknown profile are refused, naming the field only", async () => {
  const key = generateKey({ keyAlgorithm: "ECDSA" });
  const { leaf } = issue(key.privateKeyPem, "Edgar Figaro");
  await expect(pkcs12Bundle({ certificatePem: leaf, privateKeyPem: key.privateKeyPem, password: "" })).rejects.toThrow(/password must not be empty/);
  await expect(pkcs12Bundle({ certificatePem: leaf, privateKeyPem: key.privateKeyPem, password: "x", profile: "rc2" as never })).rejects.toThrow(/profile must be "modern" or "legacy"/);
});

test("pkcs12BundleOutput gives a secret", async () => {
  const key = generateKey({ keyAlgorithm: "ECDSA" });
  const { leaf } = issue(key.privateKeyPem, "Setzer Gabbiani");
  const out = pkcs12BundleOutput({ certificatePem: leaf, privateKeyPem: key.privateKeyPem, password: PASSWORD });
  expect(await pulumi.isSecret(out)).toBe(true);
  const value = await new Promise<string>((resolve) => out.apply((r) => resolve(r.pkcs12)));
  expect(info(value, PASSWORD).status).toBe(0);
});

test.each([
  ["RSA 3072", { keyAlgorithm: "RSA" as const, rsaBits: 3072 as const }, "3072 bit"],
  ["ECDSA P256", { keyAlgorithm: "ECDSA" as const, ecdsaCurve: "P256" as const }, "P-256"],
  ["ECDSA P384", { keyAlgorithm: "ECDSA" as const, ecdsaCurve: "P384" as const }, "P-384"],
])("the CSR of a %s key verifies and holds that key and the names", async (_, spec, text) => {
  const key = generateKey(spec);
  const csr = await csrFor(key.privateKeyPem, { commonName: "Lock Cole", emails: ["locke.cole@example.com"] });
  fs.writeFileSync(file("k.csr"), csr);
  const out = execFileSync("openssl", ["req", "-in", file("k.csr"), "-verify", "-noout", "-text"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  expect(out).toContain(text);
  expect(out).toContain("CN = Lock Cole");
  expect(out).toContain("email:locke.cole@example.com");
  const pub = execFileSync("openssl", ["req", "-in", file("k.csr"), "-pubkey", "-noout"], { encoding: "utf8" });
  expect(pub).toBe(key.publicKeyPem);
});
