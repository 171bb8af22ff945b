// ClientCertificateKey: keeps the run's candidate key only when the order was placed with
// its CSR, keeps the held key otherwise, and (served by the native plugin) returns the
// key as a secret even though no input marked it so.
import { csrFor, generateKey } from "../../provider/credentials/key";
import { ClientCertificateKeyProvider } from "../../provider/kinds/client-certificate-key/provider";
import { UNKNOWN } from "../../provider/kit/inputs/check";
import { MemoryLogger } from "../../provider/kit/runtime/log";
import { NativeProvider } from "../../provider/serving/plugin/serving";
import { SIG_KEY, secret } from "../../provider/serving/plugin/wire";

async function candidate() {
  const key = generateKey({ keyAlgorithm: "ECDSA" });
  return { candidatePrivateKeyPem: key.privateKeyPem, candidateCsrPem: await csrFor(key.privateKeyPem, { commonName: "Lock Cole", emails: ["locke.cole@example.com"] }) };
}

const p = new ClientCertificateKeyProvider();

test("create keeps the candidate the order was placed with, and not as an output of its own name", async () => {
  const c = await candidate();
  const r = await p.create({ ...c, orderCsr: c.candidateCsrPem });
  expect(r.outs).toMatchObject({ privateKeyPem: c.candidatePrivateKeyPem, csrPem: c.candidateCsrPem });
  expect(r.outs).not.toHaveProperty("candidatePrivateKeyPem");
});

test("create refuses when the order was placed with another CSR (an interrupted run's), keeping nothing", async () => {
  const [c, other] = [await candidate(), await candidate()];
  await expect(p.create({ ...c, orderCsr: other.candidateCsrPem })).rejects.toThrow(/not placed with this run's key/);
  await expect(p.create({ ...c })).rejects.toThrow(/reports no orderCsr/);
});

test("a new candidate alone is no change; a renewal placed with it is, and update keeps it", async () => {
  const first = await candidate();
  const held = (await p.create({ ...first, orderCsr: first.candidateCsrPem })).outs as Record<string, unknown>;
  const next = await candidate();
  expect((await p.diff("id", held, { ...next, orderCsr: first.candidateCsrPem })).changes).toBe(false);
  expect((await p.diff("id", held, { ...next, orderCsr: UNKNOWN })).changes).toBe(true);
  expect((await p.diff("id", held, { ...next, orderCsr: next.candidateCsrPem })).changes).toBe(true);
  const kept = await p.update("id", held, { ...next, orderCsr: first.candidateCsrPem });
  expect(kept.outs).toMatchObject({ privateKeyPem: first.candidatePrivateKeyPem });
  const renewed = await p.update("id", held, { ...next, orderCsr: next.candidateCsrPem });
  expect(renewed.outs).toMatchObject({ privateKeyPem: next.candidatePrivateKeyPem, csrPem: next.candidateCsrPem });
});

test("check waits for inputs unknown at preview, and still refuses a known bad one", async () => {
  const c = await candidate();
  expect((await p.check({}, { candidatePrivateKeyPem: UNKNOWN, candidateCsrPem: UNKNOWN, orderCsr: UNKNOWN })).failures).toBeUndefined();
  expect((await p.check({}, { ...c, orderCsr: UNKNOWN })).failures).toBeUndefined();
  const bad = await p.check({}, { candidatePrivateKeyPem: UNKNOWN, candidateCsrPem: "not a CSR" });
  expect(bad.failures?.map((f) => f.property)).toEqual(["candidateCsrPem"]);
});

test("served by the native plugin, the key comes back a secret", async () => {
  const plugin = new NativeProvider("0.0.0", new MemoryLogger());
  const c = await candidate();
  const urn = "urn:pulumi:dev::proj::digicert:index:ClientCertificateKey::k";
  const r = await plugin.create("digicert:index:ClientCertificateKey", urn, { candidatePrivateKeyPem: secret(c.candidatePrivateKeyPem), candidateCsrPem: c.candidateCsrPem, orderCsr: c.candidateCsrPem });
  expect(r.outs["privateKeyPem"]).toMatchObject({ [SIG_KEY]: expect.any(String), value: c.candidatePrivateKeyPem });
  expect(typeof r.outs["csrPem"]).toBe("string");
});
