// PUT /__admin/certificates/{id}/validity: moves an issued certificate's validity
// dates and signs it again (same serial number and key, new thumbprint), so that a
// test can bring a certificate into a renewal window or past its end.
import type { ApiResponse } from "./api";
import { certify } from "./certify";
import { parseYmd } from "./dates";
import { badRequest, notFound } from "./errors";
import { refresh } from "./lifecycle";
import type { Runtime } from "./runtime";
import { asBody, Check } from "./validate";

export function setValidity(rt: Runtime, id: string | undefined, raw: unknown): ApiResponse {
  const ctx = rt.ctx();
  const cert = rt.store.certificates.get(Number(id));
  const order = cert && rt.store.orders.get(cert.orderId);
  if (!cert || !order) throw notFound("certificate", `certificate ${id ?? ""} not found`);
  refresh(ctx, order);

  const body = asBody(raw);
  const c = new Check();
  const from = c.str(body, "valid_from", "valid_from", true);
  const till = c.str(body, "valid_till", "valid_till", true);
  const fromMs = from === undefined ? undefined : parseYmd(from);
  const tillMs = till === undefined ? undefined : parseYmd(till);
  if (from !== undefined && fromMs === undefined) c.invalid("valid_from", "must be a date formatted yyyy-MM-dd");
  if (till !== undefined && tillMs === undefined) c.invalid("valid_till", "must be a date formatted yyyy-MM-dd");
  if (fromMs !== undefined && tillMs !== undefined && tillMs < fromMs) c.invalid("valid_till", `must not be before valid_from (${from})`);
  c.done();
  if (cert.der === undefined || from === undefined || till === undefined) {
    throw badRequest("invalid_certificate_status", `certificate ${cert.id} is ${cert.status}: only an issued certificate has validity dates`);
  }

  cert.validFrom = from;
  cert.validTill = till;
  certify(rt.store.ca, cert, new Date(`${from}T00:00:00Z`));
  if (order.certificateId === cert.id) {
    // The order's end date follows its current certificate: expiry, list filters and reissues read it.
    order.validTill = till;
    if (order.status === "expired") order.status = "issued";
    refresh(ctx, order);
  }
  rt.store.touch();
  return {
    status: 200,
    json: { id: cert.id, serial_number: cert.serialNumber, thumbprint: cert.thumbprint, valid_from: cert.validFrom, valid_till: cert.validTill },
  };
}
