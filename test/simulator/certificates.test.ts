// The simulator issues real X.509 certificates: node:crypto parses what it answers,
// and serial, thumbprint and validity are the certificate's wherever they are reported.
import { X509Certificate } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { api, CSR, issuedOrder, orderBody, PRODUCT, reissueBody, useSimulator, type Call } from "./support/helpers";
import { startSimulator } from "../../simulator";
import { x509 } from "../../simulator/x509";

const { sim, call } = useSimulator();

function splitPem(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/g) ?? [];
}

async function pemAll(c: Call, certificateId: number): Promise<X509Certificate[]> {
  const r = await c("GET", `/certificate/${certificateId}/download/format/pem_all`);
  expect(r.status).toBe(200);
  return splitPem(r.text).map((pem) => new X509Certificate(pem));
}

const thumbprintOf = (cert: X509Certificate): string => cert.fingerprint.replace(/:/g, "");
const ymdOf = (date: string): string => new Date(date).toISOString().slice(0, 10);
const csrKey = (csr: string): Buffer => Buffer.from(new x509.Pkcs10CertificateRequest(csr).publicKey.rawData);
const spki = (cert: X509Certificate): Buffer => cert.publicKey.export({ type: "spki", format: "der" });

describe("an issued order's certificate", () => {
  test("pem_all is leaf, intermediate, root: a chain that verifies, and the leaf is what order info reports", async () => {
    const { orderId, certificateId } = await issuedOrder(call());
    const [leaf, intermediate, root, ...rest] = await pemAll(call(), certificateId);
    expect(rest).toEqual([]);
    if (!leaf || !intermediate || !root) throw new Error("pem_all holds fewer than three certificates");

    expect(leaf.verify(intermediate.publicKey)).toBe(true);
    expect(leaf.checkIssued(intermediate)).toBe(true);
    expect(intermediate.verify(root.publicKey)).toBe(true);
    expect(root.verify(root.publicKey)).toBe(true);
    expect(intermediate.ca).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.subject).toBe("CN=Lock Cole\nOU=Accounting");
    expect(leaf.subjectAltName).toBe("email:locke.cole@example.com");
    expect(leaf.keyUsage).toEqual(["1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.4"]);

    const info = (await call()("GET", `/order/certificate/${orderId}`)).json;
    expect(info.certificate.serial_number).toBe(leaf.serialNumber);
    expect(info.certificate.thumbprint).toBe(thumbprintOf(leaf));
    expect(info.certificate.valid_from).toBe(ymdOf(leaf.validFrom));
    expect(info.certificate.valid_till).toBe(ymdOf(leaf.validTo));
    expect(info.certificate.ca_cert.name).toBe(intermediate.subject.split("\n")[0]?.replace("CN=", ""));
  });

  test("the order POST that issues at once carries the same chain as certificate_chain", async () => {
    const r = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody({ skip_approval: true }));
    const chain = r.json.certificate_chain as { subject_common_name: string; pem: string }[];
    const downloaded = (await call()("GET", `/certificate/${r.json.certificate_id}/download/format/pem_all`)).text;
    expect(chain.map((c) => c.pem).join("")).toBe(downloaded);
    const names = chain.map((c) => new X509Certificate(c.pem).subject.split("\n")[0]);
    expect(chain.map((c) => `CN=${c.subject_common_name}`)).toEqual(names);
    expect(chain[0]?.subject_common_name).toBe("Lock Cole");
  });

  test("an order waiting for approval carries no chain; it is issued on approval", async () => {
    const r = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody());
    expect(r.json.certificate_chain).toBeUndefined();
    await call()("PUT", `/request/${r.json.requests[0].id}/status`, { status: "approved" });
    const info = (await call()("GET", `/order/certificate/${r.json.id}`)).json;
    const [leaf] = await pemAll(call(), info.certificate.id);
    expect(leaf?.serialNumber).toBe(info.certificate.serial_number);
  });

  test("the CSR's key is certified; without a CSR the simulator's own EC key, shared by orders", async () => {
    const withCsr = await issuedOrder(call(), { certificate: { ...(orderBody().certificate as object), csr: CSR } });
    const [leaf] = await pemAll(call(), withCsr.certificateId);
    expect(spki(leaf as X509Certificate).equals(csrKey(CSR))).toBe(true);
    expect((await call()("GET", `/order/certificate/${withCsr.orderId}`)).json.certificate.key_size).toBe(2048);

    const [a] = await pemAll(call(), (await issuedOrder(call())).certificateId);
    const [b] = await pemAll(call(), (await issuedOrder(call())).certificateId);
    expect(a?.publicKey.asymmetricKeyType).toBe("ec");
    expect(spki(a as X509Certificate).equals(spki(b as X509Certificate))).toBe(true);
    expect(a?.serialNumber).not.toBe(b?.serialNumber);
  });

  test("pem_noroot, cer and p7b hold the same certificates", async () => {
    const { certificateId } = await issuedOrder(call());
    const all = splitPem((await call()("GET", `/certificate/${certificateId}/download/format/pem_all`)).text);
    expect(splitPem((await call()("GET", `/certificate/${certificateId}/download/format/pem_noroot`)).text)).toEqual(all.slice(0, 2));
    expect((await call()("GET", `/certificate/${certificateId}/download/format/cer`)).text).toBe(all[0]);
    const p7b = (await call()("GET", `/certificate/${certificateId}/download/format/p7b`)).text;
    const bundled = new x509.X509Certificates(p7b).map((c) => c.serialNumber.toUpperCase());
    expect(bundled).toEqual(all.map((pem) => new X509Certificate(pem).serialNumber));
  });

  test("a reissue issues a new certificate for its CSR's key; order info reports it", async () => {
    const { orderId, certificateId } = await issuedOrder(call());
    const r = await call()("POST", `/order/certificate/${orderId}/reissue`, reissueBody({ skip_approval: true }));
    expect(r.status).toBe(201);
    const [before] = await pemAll(call(), certificateId);
    const [after] = await pemAll(call(), r.json.certificate_id);
    if (!before || !after) throw new Error("no leaf");
    expect(after.serialNumber).not.toBe(before.serialNumber);
    expect(spki(after).equals(csrKey(CSR))).toBe(true);
    const info = (await call()("GET", `/order/certificate/${orderId}`)).json;
    expect(info.certificate.id).toBe(r.json.certificate_id);
    expect(info.certificate.serial_number).toBe(after.serialNumber);
    expect(info.certificate.thumbprint).toBe(thumbprintOf(after));
    // A reissue keeps the order's end date.
    expect(ymdOf(after.validTo)).toBe(ymdOf(before.validTo));
  });

  test("duplicates and the order list report the certificates' own serials, thumbprints and dates", async () => {
    const { orderId, certificateId } = await issuedOrder(call());
    const duplicateId = await sim().admin.addDuplicate(orderId);
    const [duplicate] = await pemAll(call(), duplicateId);
    const listed = (await call()("GET", `/order/certificate/${orderId}/duplicate`)).json.certificates[0];
    expect(listed.serial_number).toBe(duplicate?.serialNumber);
    expect(listed.thumbprint).toBe(thumbprintOf(duplicate as X509Certificate));
    expect(listed.valid_till).toBe(ymdOf((duplicate as X509Certificate).validTo));

    const [leaf] = await pemAll(call(), certificateId);
    const item = (await call()("GET", "/order/certificate")).json.orders.find((o: { id: number }) => o.id === orderId);
    expect(item.certificate.valid_till).toBe(ymdOf((leaf as X509Certificate).validTo));
  });
});

describe("a CSR that does not parse", () => {
  const truncated = "-----BEGIN CERTIFICATE REQUEST-----\nMIICgDCCAWgCAQAwOzESMBAGA1UEAwwJTG9jayBDb2xlMSUwIwYJKoZIhvcNAQkB\n-----END CERTIFICATE REQUEST-----";

  test.each([
    ["truncated", truncated],
    ["not PEM", "not a csr"],
    ["empty", ""],
  ])("an order with a %s CSR is 400 csr_invalid_cannot_parse naming certificate.csr, and places nothing", async (_, csr) => {
    const r = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody({ certificate: { ...(orderBody().certificate as object), csr } }));
    expect(r.status).toBe(400);
    expect(r.json.errors).toEqual([{ code: "csr_invalid_cannot_parse", message: expect.stringMatching(/^certificate\.csr: cannot be parsed/) }]);
    expect((await call()("GET", "/order/certificate")).json).toEqual({ page: { total: 0, limit: 1000, offset: 0 } });
  });

  test("a reissue with one is 400 too, and the order keeps its certificate", async () => {
    const { orderId, certificateId } = await issuedOrder(call());
    const r = await call()("POST", `/order/certificate/${orderId}/reissue`, reissueBody({ certificate: { common_name: "Lock Cole", csr: truncated, signature_hash: "sha256" } }));
    expect(r.status).toBe(400);
    expect(r.json.errors[0]).toEqual({ code: "csr_invalid_cannot_parse", message: expect.stringMatching(/^certificate\.csr: /) });
    const info = (await call()("GET", `/order/certificate/${orderId}`)).json;
    expect(info.status).toBe("issued");
    expect(info.certificate.id).toBe(certificateId);
  });
});

describe("the CA", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "digicert-sim-ca-"));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("is kept in the state file: a restarted simulator serves the same certificates and signs with the same intermediate", async () => {
    const stateFile = path.join(dir, "state.json");
    const first = await startSimulator({ port: 0, stateFile });
    let before: string;
    let certificateId: number;
    try {
      certificateId = (await issuedOrder(api(first))).certificateId;
      before = (await api(first)("GET", `/certificate/${certificateId}/download/format/pem_all`)).text;
    } finally {
      await first.close();
    }
    const second = await startSimulator({ port: 0, stateFile });
    try {
      const c = api(second);
      expect((await c("GET", `/certificate/${certificateId}/download/format/pem_all`)).text).toBe(before);
      const [leaf, intermediate] = await pemAll(c, (await issuedOrder(c)).certificateId);
      expect(intermediate?.raw.equals(new X509Certificate(splitPem(before)[1] as string).raw)).toBe(true);
      expect(leaf?.verify((intermediate as X509Certificate).publicKey)).toBe(true);
    } finally {
      await second.close();
    }
  });

  test("outlives a reset", async () => {
    const root = async (): Promise<string | undefined> => splitPem((await call()("GET", `/certificate/${(await issuedOrder(call())).certificateId}/download/format/pem_all`)).text)[2];
    const before = await root();
    await sim().admin.reset();
    expect(await root()).toBe(before);
  });
});
