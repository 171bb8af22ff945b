// certificatePem and chainPem of ClientCertificateOrder and CertificateReissue, against
// the simulator (which signs real X.509 certificates) over real HTTP: where the PEM comes
// from, that it is downloaded once per certificate, and that what is stored is checked.
import { X509Certificate } from "node:crypto";
import { CertificateCheckError, DigiCertProviderError } from "../../provider/kit/runtime/errors";
import { api, calls, orderInputs, providersOn, reissueInputs, simOrder, startFixture, useBaseUrl, type Fixture } from "../support/providers";
import { startProxy, type Proxy } from "../support/proxy";

type Outs = Record<string, unknown>;

let f: Fixture;
let proxy: Proxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  await f.sim.close();
});

async function createOrder(over: Record<string, unknown> = {}) {
  const r = await f.order.create(orderInputs(over));
  return { id: r.id, outs: r.outs as unknown as Outs };
}

const downloads = async () => (await calls(f.sim)).filter((c) => c.includes("/download/"));
const blocks = (pem: string) => pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n/g) ?? [];
const hexSerial = (s: string) => s.toUpperCase().replace(/^0+/, "");

/** What DigiCert's pem_all holds for the certificate, straight from the simulator: leaf, intermediate, root. */
async function pemAll(certificateId: number): Promise<string[]> {
  const res = await fetch(`${f.sim.baseUrl}/certificate/${certificateId}/download/format/pem_all`, { headers: { "X-DC-DEVKEY": "test-key-4f1c9e2a7b" } });
  return blocks(await res.text());
}

/** The PEM outputs are the certificate DigiCert reports, the chain is its issuers without it. */
async function expectCertificate(outs: Outs, certificateId: number): Promise<X509Certificate> {
  const pem = outs["certificatePem"] as string;
  const chain = outs["chainPem"] as string;
  const leaf = new X509Certificate(pem);
  expect(blocks(pem)).toHaveLength(1);
  const [expectedLeaf, ...expectedChain] = await pemAll(certificateId);
  expect(pem).toBe(expectedLeaf);
  expect(blocks(chain)).toEqual(expectedChain);
  expect(blocks(chain)).toHaveLength(2);
  expect(chain).not.toContain(pem.trim());
  // Intermediate, then root: the intermediate signed the leaf, the root the intermediate.
  const [intermediate, root] = blocks(chain).map((p) => new X509Certificate(p));
  expect(leaf.verify(intermediate!.publicKey)).toBe(true);
  expect(intermediate!.verify(root!.publicKey)).toBe(true);
  expect(root!.verify(root!.publicKey)).toBe(true);
  return leaf;
}

describe("ClientCertificateOrder", () => {
  it("issued at once: the PEM comes from the order's answer, no download; it parses and its serial is DigiCert's", async () => {
    f = await startFixture();
    const { id, outs } = await createOrder();
    expect(await downloads()).toEqual([]);
    expect(f.log.lines.some((l) => l.includes("stored as PEM, from the order's answer"))).toBe(true);
    const info = await simOrder(f.sim, Number(id));
    const leaf = await expectCertificate(outs, info.certificate.id!);
    expect(hexSerial(leaf.serialNumber)).toBe(hexSerial(info.certificate.serial_number!));
    expect(outs["serialNumber"]).toBe(info.certificate.serial_number);
  });

  it("issued during create's wait: downloaded once; refreshes keep it without downloading again", async () => {
    f = await startFixture({ issueDelayMs: 400 }, 5);
    const { id, outs } = await createOrder();
    expect(outs["status"]).toBe("issued");
    const certificateId = outs["certificateId"] as number;
    expect(await downloads()).toEqual([`GET /certificate/${certificateId}/download/format/pem_all`]);
    const leaf = await expectCertificate(outs, certificateId);
    expect(hexSerial(leaf.serialNumber)).toBe(hexSerial(outs["serialNumber"] as string));
    await f.sim.admin.clearRequests();
    let state = outs;
    for (let i = 0; i < 3; i++) {
      // Each refresh is a provider process of its own.
      const r = await providersOn(f.sim).order.read(id, state);
      expect(r.props["certificatePem"]).toBe(outs["certificatePem"]);
      expect(r.props["chainPem"]).toBe(outs["chainPem"]);
      state = r.props;
    }
    expect(await calls(f.sim)).toEqual(Array(3).fill(`GET /order/certificate/${id}`));
  });

  it("issued after create's wait: no PEM at create; the refresh that first sees the issuance downloads it, once", async () => {
    f = await startFixture({}, 1);
    const { id, outs } = await createOrder({ skipApproval: false });
    expect(outs).not.toHaveProperty("certificatePem");
    expect(outs).not.toHaveProperty("chainPem");
    const pending = await f.order.read(id, outs);
    expect(pending.props).not.toHaveProperty("certificatePem");
    expect(await downloads()).toEqual([]);
    const requestId = (outs["requests"] as { id: number }[])[0]!.id;
    await api(f.sim, "PUT", `/request/${requestId}/status`, { status: "approved" });
    await f.sim.admin.clearRequests();
    // The next refresh: a provider process of its own.
    const issued = await providersOn(f.sim, 1).order.read(id, pending.props);
    const certificateId = issued.props["certificateId"] as number;
    expect(await downloads()).toEqual([`GET /certificate/${certificateId}/download/format/pem_all`]);
    const leaf = await expectCertificate(issued.props, certificateId);
    expect(hexSerial(leaf.serialNumber)).toBe(hexSerial((await simOrder(f.sim, Number(id))).certificate.serial_number!));
    await f.sim.admin.clearRequests();
    await providersOn(f.sim, 1).order.read(id, issued.props);
    expect(await downloads()).toEqual([]);
  });

  it("the PEM is the order's current certificate: after a reissue, the reissued one, the one delete revokes", async () => {
    f = await startFixture({}, 1);
    const { id, outs } = await createOrder();
    const re = await f.reissue.create(reissueInputs(Number(id)));
    const reOuts = re.outs as unknown as Outs;
    const newId = reOuts["certificateId"] as number;
    expect(newId).not.toBe(outs["certificateId"]);
    await f.sim.admin.clearRequests();
    const r = await f.order.read(id, outs);
    expect(r.props["certificateId"]).toBe(newId);
    expect(await downloads()).toEqual([`GET /certificate/${newId}/download/format/pem_all`]);
    const leaf = await expectCertificate(r.props, newId);
    expect(r.props["certificatePem"]).not.toBe(outs["certificatePem"]);
    expect(r.props["certificatePem"]).toBe(reOuts["certificatePem"]);
    expect(hexSerial(leaf.serialNumber)).toBe(hexSerial((await simOrder(f.sim, Number(id))).certificate.serial_number!));
    await f.sim.admin.clearRequests();
    await f.order.delete(id, r.props);
    expect((await calls(f.sim)).filter((c) => c.includes("/revoke"))).toEqual([`PUT /certificate/${newId}/revoke`]);
  });

  it("a stored PEM that does not parse is replaced by the certificate's, downloaded", async () => {
    f = await startFixture();
    const { id, outs } = await createOrder();
    await f.sim.admin.clearRequests();
    const r = await f.order.read(id, { ...outs, certificatePem: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n" });
    expect(r.props["certificatePem"]).toBe(outs["certificatePem"]);
    expect(await downloads()).toHaveLength(1);
  });

  it("state without PEM (written by an earlier release) gets it at the next refresh", async () => {
    f = await startFixture();
    const { id, outs } = await createOrder();
    const { certificatePem: _p, chainPem: _c, ...earlier } = outs;
    const r = await f.order.read(id, earlier);
    await expectCertificate(r.props, outs["certificateId"] as number);
  });

  it("a download that fails does not fail the create: the order stands, refresh fetches the PEM", async () => {
    f = await startFixture({ issueDelayMs: 300 }, 5);
    await f.sim.admin.addFaults([{ method: "GET", path: "/download/", kind: "status", status: 403, times: 1 }]);
    const { id, outs } = await createOrder();
    expect(outs["status"]).toBe("issued");
    expect(outs).not.toHaveProperty("certificatePem");
    expect(f.log.lines.some((l) => l.startsWith("warn:") && l.includes(`order ${id}: the PEM of certificate ${outs["certificateId"]} was not stored`))).toBe(true);
    expect((await calls(f.sim)).filter((c) => c.startsWith("POST"))).toHaveLength(1);
    const r = await f.order.read(id, outs);
    await expectCertificate(r.props, outs["certificateId"] as number);
  });
});

describe("a PEM whose serial is not DigiCert's", () => {
  /** A proxy that answers every download with another certificate's pem_all. */
  async function swapDownloads(otherCertificateId: number) {
    proxy = await startProxy(f.sim.baseUrl, (_m, p) => p.replace(/^\/certificate\/\d+\/download\//, `/certificate/${otherCertificateId}/download/`));
    useBaseUrl(f, proxy.baseUrl, 5);
  }

  it("at refresh: an error naming both serials, and nothing stored", async () => {
    f = await startFixture({}, 1);
    const other = await createOrder({ certificate: { commonName: "Terra Branford", emails: ["terra@example.com"], signatureHash: "sha256" } });
    const { id, outs } = await createOrder({ skipApproval: false });
    await api(f.sim, "PUT", `/request/${(outs["requests"] as { id: number }[])[0]!.id}/status`, { status: "approved" });
    await swapDownloads(other.outs["certificateId"] as number);
    const err = await f.order.read(id, outs).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CertificateCheckError);
    expect(err).toBeInstanceOf(DigiCertProviderError);
    const e = err as CertificateCheckError;
    const reported = (await simOrder(f.sim, Number(id))).certificate.serial_number!;
    expect(hexSerial(e.reportedSerial)).toBe(hexSerial(reported));
    expect(hexSerial(e.pemSerial!)).toBe(hexSerial(other.outs["serialNumber"] as string));
    expect(e.message).toContain(e.reportedSerial);
    expect(e.message).toContain(e.pemSerial!);
  });

  it("at create: the order stands without PEM, the warning names both serials", async () => {
    f = await startFixture({ issueDelayMs: 300 }, 5);
    const other = await createOrder();
    await swapDownloads(other.outs["certificateId"] as number);
    const { id, outs } = await createOrder({ certificate: { commonName: "Terra Branford", emails: ["terra@example.com"], signatureHash: "sha256" } });
    expect(outs["status"]).toBe("issued");
    expect(outs).not.toHaveProperty("certificatePem");
    const warning = f.log.lines.find((l) => l.startsWith("warn:") && l.includes(`order ${id}: the PEM`));
    expect(warning).toContain(outs["serialNumber"] as string);
    expect(warning).toContain(other.outs["serialNumber"] as string);
  });

  it("a download that does not parse as X.509: an error, nothing stored", async () => {
    f = await startFixture({}, 1);
    const { id, outs } = await createOrder({ skipApproval: false });
    await api(f.sim, "PUT", `/request/${(outs["requests"] as { id: number }[])[0]!.id}/status`, { status: "approved" });
    // The order info's JSON is no certificate: the proxy serves it where pem_all is asked for.
    proxy = await startProxy(f.sim.baseUrl, (_m, p) => (p.includes("/download/") ? `/order/certificate/${id}` : p));
    useBaseUrl(f, proxy.baseUrl);
    const err = (await f.order.read(id, outs).catch((e: unknown) => e)) as CertificateCheckError;
    expect(err).toBeInstanceOf(CertificateCheckError);
    expect(err.pemSerial).toBeUndefined();
    expect(err.message).toContain("holds no PEM certificate");
  });
});

describe("CertificateReissue", () => {
  it("its PEM is the reissued certificate's, downloaded once; the chain excludes it", async () => {
    f = await startFixture({}, 1);
    const { id: orderId, outs: orderOuts } = await createOrder();
    await f.sim.admin.clearRequests();
    const re = await f.reissue.create(reissueInputs(Number(orderId)));
    const outs = re.outs as unknown as Outs;
    const certificateId = outs["certificateId"] as number;
    expect(await downloads()).toEqual([`GET /certificate/${certificateId}/download/format/pem_all`]);
    const leaf = await expectCertificate(outs, certificateId);
    const info = await simOrder(f.sim, Number(orderId));
    expect(info.certificate.id).toBe(certificateId);
    expect(hexSerial(leaf.serialNumber)).toBe(hexSerial(info.certificate.serial_number!));
    expect(outs["certificatePem"]).not.toBe(orderOuts["certificatePem"]);
    await f.sim.admin.clearRequests();
    const r = await f.reissue.read(re.id, outs);
    expect(r.props["certificatePem"]).toBe(outs["certificatePem"]);
    expect(await downloads()).toEqual([]);
  });

  it("approved outside the stack: the read that sees it issued downloads the PEM", async () => {
    f = await startFixture({}, 1);
    const { id: orderId } = await createOrder();
    const re = await f.reissue.create(reissueInputs(Number(orderId), { skipApproval: false }));
    const outs = re.outs as unknown as Outs;
    expect(outs).not.toHaveProperty("certificatePem");
    await api(f.sim, "PUT", `/request/${(outs["requests"] as { id: number }[])[0]!.id}/status`, { status: "approved" });
    const r = await f.reissue.read(re.id, outs);
    await expectCertificate(r.props, r.props["certificateId"] as number);
  });

  it("a reissue replaced by a later one keeps its PEM, and fetches none it cannot check", async () => {
    f = await startFixture({}, 1);
    const { id: orderId } = await createOrder();
    const first = await f.reissue.create(reissueInputs(Number(orderId)));
    const firstOuts = first.outs as unknown as Outs;
    const { certificatePem: _p, chainPem: _c, ...withoutPem } = firstOuts;
    await f.reissue.create(reissueInputs(Number(orderId), { comments: "again" }));
    await f.sim.admin.clearRequests();
    expect((await f.reissue.read(first.id, firstOuts)).props["certificatePem"]).toBe(firstOuts["certificatePem"]);
    // DigiCert reports no serial for a certificate that is no longer the order's: nothing to check a download against.
    expect((await f.reissue.read(first.id, withoutPem)).props).not.toHaveProperty("certificatePem");
    expect(await downloads()).toEqual([]);
  });
});
