// PUT /__admin/certificates/{id}/validity: a test brings a certificate into a renewal
// window (or past its end) by moving its dates; the certificate is signed again.
import { X509Certificate } from "node:crypto";
import { issuedOrder, PRODUCT, orderBody, useSimulator } from "./support/helpers";

const { sim, call } = useSimulator();

const ymdIn = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const ymdOf = (date: string): string => new Date(date).toISOString().slice(0, 10);

async function leaf(certificateId: number): Promise<X509Certificate> {
  const text = (await call()("GET", `/certificate/${certificateId}/download/format/cer`)).text;
  return new X509Certificate(text);
}

test("re-signs the certificate with the new dates, same serial and key, and every report follows", async () => {
  const { orderId, certificateId } = await issuedOrder(call());
  const before = await leaf(certificateId);
  const moved = await sim().admin.setValidity(certificateId, { validFrom: ymdIn(-340), validTill: ymdIn(25) });

  const after = await leaf(certificateId);
  expect(after.serialNumber).toBe(before.serialNumber);
  expect(after.publicKey.export({ type: "spki", format: "der" })).toEqual(before.publicKey.export({ type: "spki", format: "der" }));
  expect(ymdOf(after.validFrom)).toBe(ymdIn(-340));
  expect(ymdOf(after.validTo)).toBe(ymdIn(25));
  expect(after.fingerprint.replace(/:/g, "")).toBe(moved.thumbprint);
  expect(moved.thumbprint).not.toBe(before.fingerprint.replace(/:/g, ""));
  expect(moved).toEqual({ id: certificateId, serialNumber: before.serialNumber, thumbprint: moved.thumbprint, validFrom: ymdIn(-340), validTill: ymdIn(25) });

  const info = (await call()("GET", `/order/certificate/${orderId}`)).json;
  expect(info.status).toBe("issued");
  expect(info.certificate).toMatchObject({ valid_from: ymdIn(-340), valid_till: ymdIn(25), days_remaining: 25, thumbprint: moved.thumbprint });
  const item = (await call()("GET", `/order/certificate?filters[valid_till]=${ymdIn(25)}...${ymdIn(25)}`)).json.orders;
  expect(item.map((o: { id: number }) => o.id)).toEqual([orderId]);
});

test("a valid_till in the past expires the order; a later one brings it back to issued", async () => {
  const { orderId, certificateId } = await issuedOrder(call());
  await sim().admin.setValidity(certificateId, { validFrom: ymdIn(-400), validTill: ymdIn(-1) });
  expect((await call()("GET", `/order/certificate/${orderId}`)).json.status).toBe("expired");
  await sim().admin.setValidity(certificateId, { validFrom: ymdIn(-400), validTill: ymdIn(10) });
  expect((await call()("GET", `/order/certificate/${orderId}`)).json.status).toBe("issued");
});

test("dates from 2050 on are written as GeneralizedTime and read back", async () => {
  const { certificateId } = await issuedOrder(call());
  await sim().admin.setValidity(certificateId, { validFrom: "2049-12-31", validTill: "2051-06-30" });
  const after = await leaf(certificateId);
  expect(ymdOf(after.validFrom)).toBe("2049-12-31");
  expect(ymdOf(after.validTo)).toBe("2051-06-30");
});

test("refuses bad dates naming the field, and a certificate that is not issued", async () => {
  const { certificateId } = await issuedOrder(call());
  await expect(sim().admin.setValidity(certificateId, { validFrom: "2026-02-30", validTill: ymdIn(3) })).rejects.toThrow(/valid_from: must be a date formatted yyyy-MM-dd/);
  await expect(sim().admin.setValidity(certificateId, { validFrom: ymdIn(3), validTill: ymdIn(1) })).rejects.toThrow(/valid_till: must not be before valid_from/);
  await expect(sim().admin.setValidity(99, { validFrom: ymdIn(0), validTill: ymdIn(1) })).rejects.toThrow(/404.*not_found\|certificate/);

  // Approved but not yet issued: no certificate to re-sign.
  await sim().admin.setSettings({ issueDelayMs: 60_000 });
  const pending = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody({ skip_approval: true }));
  await expect(sim().admin.setValidity(pending.json.certificate_id, { validFrom: ymdIn(0), validTill: ymdIn(1) })).rejects.toThrow(/invalid_certificate_status/);
});
