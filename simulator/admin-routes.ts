// /__admin/*: the test-side controls. No API key, no rate limit, not recorded.
import type { ApiResponse } from "./api";
import { badRequest, notFound } from "./errors";
import { checkFault } from "./faults";
import { emailsValidated, issue, newCertificate, refresh } from "./lifecycle";
import type { Runtime } from "./runtime";
import { checkReportedStatuses } from "./reported-statuses";
import { mergeSettings } from "./settings";
import { ORDER_STATUSES, type OrderRecord, type OrderStatus } from "./state";
import { isoTimestamp } from "./dates";
import { asBody } from "./validate";
import { setValidity } from "./validity";

/** PUT /__admin/orders/{id}/reported-statuses: replaces what the order answers; `{}` answers the real statuses again. */
function setReportedStatuses(rt: Runtime, id: string | undefined, raw: unknown): ApiResponse {
  const order = rt.store.orders.get(Number(id));
  if (!order) throw notFound("order", `order ${id ?? ""} not found`);
  const statuses = checkReportedStatuses(raw ?? {}, "reported_statuses");
  if (Object.keys(statuses).length > 0) order.reportedStatuses = statuses;
  else delete order.reportedStatuses;
  rt.store.touch();
  return { status: 204 };
}

function adminOrder(rt: Runtime, raw: string | undefined): OrderRecord {
  const order = rt.store.orders.get(Number(raw));
  if (!order) throw notFound("order", `order ${raw ?? ""} not found`);
  return refresh(rt.ctx(), order);
}

function patchOrder(rt: Runtime, id: string | undefined, raw: unknown): ApiResponse {
  const order = adminOrder(rt, id);
  const body = asBody(raw);
  const status = body["status"];
  const disableCt = body["disable_ct"] ?? body["disableCt"];
  if (status !== undefined && !ORDER_STATUSES.includes(status as OrderStatus)) {
    throw badRequest("invalid_value", `status: must be one of ${ORDER_STATUSES.join(", ")}`);
  }
  if (disableCt !== undefined && typeof disableCt !== "boolean") throw badRequest("invalid_value", "disable_ct: must be true or false");
  if (status !== undefined) {
    order.status = status as OrderStatus;
    // Revoked behind the stack's back (say in the CertCentral console): the certificate goes too.
    const cert = order.certificateId === undefined ? undefined : rt.store.certificates.get(order.certificateId);
    if (status === "revoked" && cert && cert.status !== "revoked") {
      cert.status = "revoked";
      cert.dateRevoked = isoTimestamp(Date.now());
    }
  }
  if (typeof disableCt === "boolean") order.disableCt = disableCt;
  // DigiCert's pages do not say which order carries is_renewed: tests set it either way.
  const isRenewed = body["is_renewed"];
  if (isRenewed !== undefined && typeof isRenewed !== "boolean") throw badRequest("invalid_value", "is_renewed: must be true or false");
  if (typeof isRenewed === "boolean") order.isRenewed = isRenewed;
  rt.store.touch();
  return { status: 204 };
}

function addDuplicate(rt: Runtime, id: string | undefined, raw: unknown): ApiResponse {
  const ctx = rt.ctx();
  const order = adminOrder(rt, id);
  const issued = asBody(raw)["issued"] !== false;
  const current = order.certificateId === undefined ? undefined : rt.store.certificates.get(order.certificateId);
  const cert = newCertificate(ctx, order, current ?? order.requested, "duplicate");
  if (issued) issue(ctx, cert, order, ctx.now);
  order.duplicateIds.push(cert.id);
  return { status: 201, json: { id: cert.id } };
}

/**
 * POST /__admin/orders/{id}/email-validations `{ emails?: [...] }`: the recipients follow
 * DigiCert's link (all of the order's addresses when `emails` is absent). Once every
 * address is validated the order's approved certificate issues, not before its issueAt.
 */
function validateEmails(rt: Runtime, id: string | undefined, raw: unknown): ApiResponse {
  const ctx = rt.ctx();
  const order = adminOrder(rt, id);
  const list = order.emailValidations;
  if (!list || list.length === 0) throw badRequest("invalid_value", `order ${order.id} has no email addresses to validate (not an S/MIME order)`);
  const wanted = asBody(raw)["emails"];
  if (wanted !== undefined && (!Array.isArray(wanted) || wanted.some((e) => typeof e !== "string"))) {
    throw badRequest("invalid_value", "emails: must be an array of email addresses");
  }
  const emails = (wanted as string[] | undefined) ?? list.map((v) => v.email);
  const unknown = emails.filter((e) => !list.some((v) => v.email === e));
  if (unknown.length > 0) throw badRequest("invalid_value", `emails: not on order ${order.id}: ${unknown.join(", ")}`);
  for (const v of list) if (emails.includes(v.email)) v.status = "validated";
  const cert = order.certificateId === undefined ? undefined : rt.store.certificates.get(order.certificateId);
  if (cert && cert.status === "pending" && emailsValidated(order)) cert.issueAt = Math.max(cert.issueAt, ctx.now);
  rt.store.touch();
  refresh(ctx, order);
  return { status: 204 };
}

export function handleAdmin(rt: Runtime, method: string, path: string, body: unknown): ApiResponse {
  const route = `${method} ${path.replace(/\/+$/, "")}`;
  let m: RegExpExecArray | null;
  switch (route) {
    case "GET /__admin/requests":
      return { status: 200, json: { requests: rt.log.list() } };
    case "DELETE /__admin/requests":
      rt.log.clear();
      return { status: 204 };
    case "GET /__admin/settings":
      return { status: 200, json: rt.settings };
    case "PUT /__admin/settings":
      rt.settings = mergeSettings(rt.settings, body);
      return { status: 200, json: rt.settings };
    case "GET /__admin/faults":
      return { status: 200, json: { faults: rt.faults.list() } };
    case "POST /__admin/faults": {
      const list = asBody(body)["faults"];
      if (!Array.isArray(list)) throw badRequest("missing_field", "faults: required, an array of fault specs");
      rt.faults.add(list.map((f: unknown, i) => checkFault(f, i)));
      return { status: 204 };
    }
    case "DELETE /__admin/faults":
      rt.faults.clear();
      return { status: 204 };
    case "GET /__admin/state": {
      const ctx = rt.ctx();
      for (const order of rt.store.orders.values()) refresh(ctx, order);
      return { status: 200, json: rt.store.snapshot() };
    }
    case "POST /__admin/reset":
      rt.reset();
      return { status: 204 };
  }
  if ((m = /^PATCH \/__admin\/orders\/(\d+)$/.exec(route))) return patchOrder(rt, m[1], body);
  if ((m = /^POST \/__admin\/orders\/(\d+)\/duplicates$/.exec(route))) return addDuplicate(rt, m[1], body);
  if ((m = /^POST \/__admin\/orders\/(\d+)\/email-validations$/.exec(route))) return validateEmails(rt, m[1], body);
  if ((m = /^PUT \/__admin\/orders\/(\d+)\/reported-statuses$/.exec(route))) return setReportedStatuses(rt, m[1], body);
  if ((m = /^PUT \/__admin\/certificates\/(\d+)\/validity$/.exec(route))) return setValidity(rt, m[1], body);
  throw notFound("route", `no admin route for ${method} ${path}`);
}
