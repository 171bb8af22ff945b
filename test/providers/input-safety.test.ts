// Inputs that must never reach DigiCert as given: a private key pasted anywhere, a CSR
// that is not one sound CSR, control characters in names, duplicate emails. Each is
// refused at `check` (or, for values unknown at preview, at create and update) naming
// the field, and the simulator's request log proves no API call was made.
import { getOrderDuplicates } from "../../provider/kinds/get-order-duplicates/function";
import { UNKNOWN } from "../../provider/kit/inputs/check";
import { inspectCsr } from "../../provider/kit/inputs/csr";
import { stderrLogger } from "../../provider/kit/runtime/log";
import { ClientCertificateOrderProvider } from "../../provider/kinds/client-certificate-order/provider";
import { PRIVATE_KEY_REMOVED } from "../../provider/kit/inputs/private-key";
import * as fs from "fs";
import * as path from "path";
import { libraryVerifies, makeCsr, withAlteredSignature, type CsrKey } from "../support/csr";
import { keyLeaks, privateKey, PRIVATE_KEYS } from "../support/private-keys";
import { calls, CSR, orderInputs, reissueInputs, startFixture, type Fixture } from "../support/providers";

let f: Fixture;
beforeAll(async () => {
  f = await startFixture({}, 1);
});
afterAll(async () => {
  await f.sim.close();
});
beforeEach(async () => {
  await f.sim.admin.clearRequests();
  f.log.lines.length = 0;
});

/** Runs `fn` and returns what it wrote to stderr alongside its result. */
async function capturingStderr<T>(fn: () => Promise<T>): Promise<{ value: T; stderr: string }> {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    return { value: await fn(), stderr: chunks.join("") };
  } finally {
    spy.mockRestore();
  }
}

const cert = (over: Record<string, unknown>) => ({ commonName: "Lock Cole", emails: ["locke.cole@example.com"], signatureHash: "sha256", ...over });
const withCert = (over: Record<string, unknown>) => orderInputs({ certificate: cert(over) });
const reissueCert = (over: Record<string, unknown>) =>
  reissueInputs(10_000_001, { certificate: { commonName: "Lock Cole", csr: CSR, signatureHash: "sha256", ...over } });
const FOUND = /holds a private key \("-----BEGIN [A-Z ]+-----"\); it was found and was not kept, sent or logged/;

describe("a private key anywhere in the inputs", () => {
  test.each(PRIVATE_KEYS.map((k) => [k.label, k] as const))(
    "%s after the CSR in certificate.csr: refused at check naming the field, its body nowhere, 0 API calls",
    async (_label, key) => {
      const order = new ClientCertificateOrderProvider(f.ctx, stderrLogger);
      const { value: r, stderr } = await capturingStderr(() => order.check({}, withCert({ csr: `${CSR}${key.pem}` })));
      expect(r.failures).toEqual([{ property: "", reason: expect.stringMatching(new RegExp(`^certificate\\.csr: ${FOUND.source}`)) }]);
      expect(r.failures![0]!.reason).toContain(`-----BEGIN ${key.label}-----`);
      // What check returns is what the engine keeps and shows: the value is replaced.
      expect((r.inputs as { certificate: { csr: string } }).certificate.csr).toBe(PRIVATE_KEY_REMOVED);
      expect(keyLeaks(`${JSON.stringify(r)}\n${stderr}`, key.pem)).toEqual([]);
      expect(await calls(f.sim)).toEqual([]);
    },
  );

  const key = privateKey("RSA PRIVATE KEY");
  const where: [string, () => Promise<{ failures?: readonly { property: string; reason: string }[]; inputs?: unknown }>, string][] = [
    ["ClientCertificateOrder certificate.commonName", () => f.order.check({}, withCert({ commonName: key.pem })), "certificate.commonName"],
    ["ClientCertificateOrder certificate.emails[0]", () => f.order.check({}, withCert({ emails: [key.pem] })), "certificate.emails[0]"],
    ["ClientCertificateOrder certificate.organizationUnits[1]", () => f.order.check({}, withCert({ organizationUnits: ["Accounting", key.pem] })), "certificate.organizationUnits[1]"],
    ["ClientCertificateOrder customFields[0].value", () => f.order.check({}, orderInputs({ customFields: [{ metadataId: 3, value: key.pem }] })), "customFields[0].value"],
    ["ClientCertificateOrder revocationComments", () => f.order.check({}, orderInputs({ revocationComments: `key was:\n${key.pem}` })), "revocationComments"],
    ["ClientCertificateOrder, as the name of a field", () => f.order.check({}, orderInputs({ [key.pem]: "x" })), "(a field whose name holds a private key)"],
    ["CertificateReissue certificate.csr, alone", () => f.reissue.check({}, reissueCert({ csr: key.pem })), "certificate.csr"],
    ["CertificateReissue certificate.dnsNames[0]", () => f.reissue.check({}, reissueCert({ dnsNames: [key.pem] })), "certificate.dnsNames[0]"],
    ["CertificateReissue comments", () => f.reissue.check({}, reissueInputs(10_000_001, { comments: key.pem })), "comments"],
    ["OrderCtStatus orderId, as a string", () => f.ct.check({}, { orderId: key.pem, disableCt: true }), "orderId"],
  ];
  test.each(where)("in %s: refused naming the field, scrubbed, its body nowhere", async (_n, run, field) => {
    const r = await run();
    // Under no property (the engine would print a top-level one's value beside it), naming the place.
    expect(r.failures).toEqual([{ property: "", reason: expect.stringMatching(FOUND) }]);
    expect(r.failures![0]!.reason.startsWith(`${field}: `)).toBe(true);
    expect(keyLeaks(JSON.stringify(r) + f.log.lines.join("\n"), key.pem)).toEqual([]);
    expect(JSON.stringify(r.inputs)).not.toContain("PRIVATE KEY-----");
    expect(await calls(f.sim)).toEqual([]);
  });

  test("getOrderDuplicates: refused before its call, naming orderId, its body not in the error", async () => {
    const err = (await getOrderDuplicates(f.ctx, { orderId: key.pem as never }).catch((e: Error) => e)) as Error;
    expect(err.message).toMatch(/getOrderDuplicates: invalid input:\n {2}- orderId: holds a private key/);
    expect(keyLeaks(`${err.message}\n${err.stack}`, key.pem)).toEqual([]);
    expect(await calls(f.sim)).toEqual([]);
  });

  test("a key cut short (no END line) is refused the same way; other bad fields are still reported", async () => {
    const cut = key.pem.split("\n").slice(0, 6).join("\n");
    const r = await f.order.check({}, orderInputs({ certificate: cert({ csr: `${CSR}${cut}` }), validityYears: 3 }));
    expect(r.failures).toEqual([
      { property: "", reason: expect.stringMatching(new RegExp(`^certificate\\.csr: ${FOUND.source}`)) },
      { property: "validityYears", reason: "must be 1 or 2 (years)" },
    ]);
    expect(keyLeaks(JSON.stringify(r), cut)).toEqual([]);
  });
});

describe("a value unknown at preview is checked at create and update, before any request", () => {
  const key = privateKey("PRIVATE KEY");

  test("ClientCertificateOrder: check passes an unknown CSR; create with a key in it fails naming the field, 0 API calls", async () => {
    expect((await f.order.check({}, withCert({ csr: UNKNOWN }))).failures).toEqual([]);
    const err = (await f.order.create(withCert({ csr: `${CSR}${key.pem}` })).catch((e: Error) => e)) as Error;
    expect(err.message).toMatch(/ClientCertificateOrder: invalid input:\n {2}- certificate\.csr: holds a private key/);
    expect(keyLeaks(`${err.message}\n${err.stack}\n${f.log.lines.join("\n")}`, key.pem)).toEqual([]);
    expect(await calls(f.sim)).toEqual([]);
  });

  test("ClientCertificateOrder update: revocationComments turning out to hold a key fails, nothing kept", async () => {
    const created = await f.order.create(orderInputs());
    await f.sim.admin.clearRequests();
    const outs = created.outs as unknown as Record<string, unknown>;
    const err = (await f.order.update(created.id, outs, orderInputs({ revocationComments: key.pem })).catch((e: Error) => e)) as Error;
    expect(err.message).toMatch(/revocationComments: holds a private key/);
    expect(keyLeaks(err.message, key.pem)).toEqual([]);
    expect(await calls(f.sim)).toEqual([]);
  });

  test("CertificateReissue create and update: a CSR turning out to carry a key fails before the reissue POST", async () => {
    const order = await f.order.create(orderInputs());
    const orderId = Number(order.id);
    const first = await f.reissue.create(reissueInputs(orderId));
    await f.sim.admin.clearRequests();
    const bad = reissueInputs(orderId, { certificate: { commonName: "Lock Cole", csr: `${CSR}${key.pem}`, signatureHash: "sha256" } });
    const onCreate = (await f.reissue.create(bad).catch((e: Error) => e)) as Error;
    const onUpdate = (await f.reissue.update(first.id, first.outs as unknown as Record<string, unknown>, bad).catch((e: Error) => e)) as Error;
    for (const e of [onCreate, onUpdate]) {
      expect(e.message).toMatch(/CertificateReissue: invalid input:\n {2}- certificate\.csr: holds a private key/);
      expect(keyLeaks(e.message, key.pem)).toEqual([]);
    }
    expect(await calls(f.sim)).toEqual([]);
  });

  test("OrderCtStatus create and update: an order id that turns out to be a key fails before the PUT", async () => {
    for (const run of [() => f.ct.create({ orderId: key.pem, disableCt: true }), () => f.ct.update("1", { orderId: 1, disableCt: true }, { orderId: key.pem, disableCt: true })]) {
      const e = (await run().catch((x: Error) => x)) as Error;
      expect(e.message).toMatch(/orderId: holds a private key/);
      expect(keyLeaks(e.message, key.pem)).toEqual([]);
    }
    expect(await calls(f.sim)).toEqual([]);
  });
});

describe("a CSR is checked as a CSR", () => {
  const truncated = ["-----BEGIN CERTIFICATE REQUEST-----", "MIICgDCCAWgCAQAwOzESMBAGA1UEAwwJTG9jayBDb2xlMSUwIwYJKoZIhvcNAQkB", "-----END CERTIFICATE REQUEST-----"].join("\n");
  const refused: [string, () => string, RegExp][] = [
    ["truncated (the test fixtures' old CSR)", () => truncated, /does not parse as a PKCS #10 certificate signing request/],
    ["two CSRs", () => CSR + CSR, /must hold exactly one certificate signing request; it holds 2/],
    ["a CSR and a certificate", () => `${CSR}-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n`, /must hold only the certificate signing request; it also holds a "-----BEGIN CERTIFICATE-----" block/],
    ["a signature that does not verify", () => withAlteredSignature(CSR), /signature that does not verify with the request's own public key/],
    ["no END line", () => CSR.replace("-----END CERTIFICATE REQUEST-----", ""), /there is no "-----END CERTIFICATE REQUEST-----" line/],
    ["text before it", () => `Subject: Lock Cole\n${CSR}`, /with no text before or after it/],
    ["a body that is not base64", () => CSR.replace(/\n[A-Za-z0-9+/]{10}/, "\n**********"), /its body is not base64/],
  ];
  test.each(refused)("%s: refused at check on both resources, naming certificate.csr, 0 API calls", async (_n, pem, reason) => {
    const order = await f.order.check({}, withCert({ csr: pem() }));
    const reissue = await f.reissue.check({}, reissueCert({ csr: pem() }));
    for (const r of [order, reissue]) expect(r.failures).toEqual([{ property: "certificate.csr", reason: expect.stringMatching(reason) }]);
    expect(await calls(f.sim)).toEqual([]);
  });

  test("the committed CSRs are real: the test fixture and the example's parse and verify", () => {
    const example = fs.readFileSync(path.join(__dirname, "../../examples/client-certificates/reissue.csr.pem"), "utf8");
    expect(inspectCsr(CSR)).toEqual({ ok: true, subject: { commonName: "Lock Cole", emails: ["locke.cole@example.com"] } });
    expect(inspectCsr(example)).toEqual({ ok: true, subject: { commonName: "Lock Cole", emails: ["locke.cole@example.com"] } });
  });

  test.each<CsrKey>(["RSA", "RSA-PSS", "EC", "Ed25519"])("%s: the provider's verdict is the library's, for a sound and an altered CSR", async (key) => {
    const pem = await makeCsr({ commonName: "Lock Cole", emails: ["locke.cole@example.com", "lc@example.com"], key });
    expect(inspectCsr(pem)).toEqual({ ok: true, subject: { commonName: "Lock Cole", emails: ["locke.cole@example.com", "locke.cole@example.com", "lc@example.com"] } });
    expect(await libraryVerifies(pem)).toBe(true);
    const altered = withAlteredSignature(pem);
    expect(inspectCsr(altered).ok).toBe(false);
    expect(await libraryVerifies(altered)).toBe(false);
  });

  test("a CSR naming someone else warns at check, naming both; a matching one is silent", async () => {
    const terra = await makeCsr({ commonName: "Terra Branford", emails: ["terra.branford@example.com"] });
    const r = await f.order.check({}, withCert({ csr: terra }));
    expect(r.failures).toEqual([]);
    expect(f.log.lines).toEqual([
      'warn: ClientCertificateOrder certificate.csr: the CSR\'s subject common name is "Terra Branford", certificate.commonName is "Lock Cole"; DigiCert issues the certificate with what the request body says, not with the CSR\'s subject',
      'warn: ClientCertificateOrder certificate.csr: the CSR\'s email addresses are "terra.branford@example.com", certificate.emails are "locke.cole@example.com"; DigiCert issues the certificate with what the request body says, not with the CSR\'s subject',
    ]);
    f.log.lines.length = 0;
    await f.order.check({}, withCert({ csr: CSR, emails: ["Locke.Cole@example.com"] }));
    await f.reissue.check({}, reissueCert({}));
    expect(f.log.lines).toEqual([]);
    await f.reissue.check({}, reissueCert({ commonName: "Locke" }));
    expect(f.log.lines).toEqual([expect.stringMatching(/^warn: CertificateReissue certificate\.csr: the CSR's subject common name is "Lock Cole", certificate\.commonName is "Locke"/)]);
    expect(await calls(f.sim)).toEqual([]);
  });

  test("the warning reaches stderr, where the engine shows a dynamic provider's lines", async () => {
    const order = new ClientCertificateOrderProvider(f.ctx, stderrLogger);
    const { stderr } = await capturingStderr(() => order.check({}, withCert({ commonName: "Celes Chere" , csr: CSR })));
    expect(stderr).toContain('digicert: warning: ClientCertificateOrder certificate.csr: the CSR\'s subject common name is "Lock Cole", certificate.commonName is "Celes Chere"');
  });
});

describe("names refuse control characters; comments take line breaks only; emails are listed once", () => {
  const refused: [string, () => Promise<{ failures?: readonly { property: string; reason: string }[] }>, string, RegExp][] = [
    ["a line break in the common name", () => f.order.check({}, withCert({ commonName: "Lock\nCole" })), "certificate.commonName", /must not contain control characters or line breaks \(nor invisible format characters\); found U\+000A, a line break \(LF\), at character 5/],
    ["a tab in an organization unit", () => f.order.check({}, withCert({ organizationUnits: ["Ac\tcounting"] })), "certificate.organizationUnits[0]", /found U\+0009, a tab, at character 3/],
    ["a NUL in a DNS name", () => f.reissue.check({}, reissueCert({ dnsNames: ["example.com", "a\u0000.example.com"] })), "certificate.dnsNames[1]", /found U\+0000, NUL, at character 2/],
    ["a right-to-left override in the reissue's common name", () => f.reissue.check({}, reissueCert({ commonName: "Lock \u202eeloC" })), "certificate.commonName", /found U\+202E, a bidirectional control, at character 6/],
    ["a zero-width space in the common name", () => f.order.check({}, withCert({ commonName: "Lock\u200bCole" })), "certificate.commonName", /found U\+200B, an invisible zero-width character, at character 5/],
    ["a byte order mark in the common name", () => f.order.check({}, withCert({ commonName: "\ufeffLock Cole" })), "certificate.commonName", /found U\+FEFF, a byte order mark/],
    ["a word joiner in an organization unit", () => f.order.check({}, withCert({ organizationUnits: ["Ac\u2060counting"] })), "certificate.organizationUnits[0]", /found U\+2060, an invisible zero-width character, at character 3/],
    ["a right-to-left mark in the reissue's common name", () => f.reissue.check({}, reissueCert({ commonName: "Lock\u200f" })), "certificate.commonName", /found U\+200F, a bidirectional control/],
    ["an Arabic letter mark in a DNS name", () => f.reissue.check({}, reissueCert({ dnsNames: ["a\u061c.example.com"] })), "certificate.dnsNames[0]", /found U\+061C, a bidirectional control/],
    ["a zero-width space in an email", () => f.order.check({}, withCert({ emails: ["locke\u200b@example.com"] })), "certificate.emails[0]", /found U\+200B, an invisible zero-width character, at character 6/],
    ["a bell in the revocation comments", () => f.order.check({}, orderInputs({ revocationComments: "gone\u0007" })), "revocationComments", /may hold line breaks but no other control characters; found U\+0007/],
    ["an escape in the reissue's comments", () => f.reissue.check({}, reissueInputs(10_000_001, { comments: "\u001b[31mred" })), "comments", /found U\+001B, ESC, at character 1/],
    ["a tab in a custom field's value", () => f.order.check({}, orderInputs({ customFields: [{ metadataId: 3, value: "a\tb" }] })), "customFields[0].value", /may hold line breaks but no other control characters; found U\+0009/],
    ["the same email twice", () => f.order.check({}, withCert({ emails: ["locke.cole@example.com", "locke.cole@example.com"] })), "certificate.emails[1]", /duplicates the email address at \[0\] \("locke\.cole@example\.com"\)/],
    ["the same email in another case", () => f.order.check({}, withCert({ emails: ["locke.cole@example.com", "b@example.com", "Locke.Cole@Example.com"] })), "certificate.emails[2]", /duplicates the email address at \[0\] \("Locke\.Cole@Example\.com" and "locke\.cole@example\.com" differ only in case\)/],
  ];
  test.each(refused)("%s: refused at check naming the field, 0 API calls", async (_n, run, field, reason) => {
    const r = await run();
    expect(r.failures).toEqual([{ property: field, reason: expect.stringMatching(reason) }]);
    expect(await calls(f.sim)).toEqual([]);
  });

  test("comments may hold line breaks; emails unknown at preview are not duplicates of each other", async () => {
    expect((await f.order.check({}, orderInputs({ revocationComments: "line one\nline two\r\n" }))).failures).toEqual([]);
    expect((await f.reissue.check({}, reissueInputs(10_000_001, { comments: "rotated:\n- new key" }))).failures).toEqual([]);
    expect((await f.order.check({}, withCert({ emails: [UNKNOWN, UNKNOWN] }))).failures).toEqual([]);
  });
});
