// How orders, certificates and requests move between statuses. Issuance is lazy:
// an approved certificate carries issueAt and becomes issued the first time its
// order is looked at on or after that moment, so no timers outlive a request.
import { newSerialNumber } from "./certificate-authority";
import { certify } from "./certify";
import { addYears, isoTimestamp, parseYmd, startOfUtcDay, ymd } from "./dates";
import { badRequest } from "./errors";
import type { SimulatorSettings } from "./types";
import type {
  CertificateDetails,
  CertificateRecord,
  OrderRecord,
  OrderStatus,
  RequestRecord,
  RequestStatus,
  RequestType,
  Store,
} from "./state";

export interface Ctx {
  store: Store;
  settings: SimulatorSettings;
  now: number;
}

export function newCertificate(
  ctx: Ctx,
  order: OrderRecord,
  details: CertificateDetails,
  kind: CertificateRecord["kind"],
): CertificateRecord {
  // Copied field by field: `details` may be another certificate, whose issuance must not carry over.
  const cert: CertificateRecord = {
    commonName: details.commonName,
    emails: [...details.emails],
    dnsNames: [...details.dnsNames],
    organizationUnits: [...details.organizationUnits],
    ...(details.csr !== undefined ? { csr: details.csr } : {}),
    signatureHash: details.signatureHash,
    serverPlatformId: details.serverPlatformId,
    id: ctx.store.nextId("certificate"),
    orderId: order.id,
    kind,
    status: "pending",
    dateCreated: isoTimestamp(ctx.now),
    issueAt: ctx.now + ctx.settings.issueDelayMs,
    // DigiCert serials are 16 bytes. The thumbprint is the signed certificate's: known at issuance.
    serialNumber: newSerialNumber(),
    thumbprint: "",
  };
  ctx.store.certificates.set(cert.id, cert);
  return cert;
}

export function newRequest(
  ctx: Ctx,
  order: OrderRecord,
  type: RequestType,
  status: RequestStatus,
  extra: Partial<RequestRecord> = {},
): RequestRecord {
  const request: RequestRecord = { ...extra, id: ctx.store.nextId("request"), orderId: order.id, type, status, date: isoTimestamp(ctx.now) };
  ctx.store.requests.set(request.id, request);
  order.requestIds.push(request.id);
  return request;
}

function validTillFor(order: OrderRecord, issuedAt: number): string {
  if (order.validTill) return order.validTill;
  if (order.validity.customExpirationDate) return order.validity.customExpirationDate;
  return ymd(addYears(issuedAt, order.validity.years ?? 1));
}

export function issue(ctx: Ctx, cert: CertificateRecord, order: OrderRecord, at: number): void {
  cert.status = "issued";
  cert.dateIssued = isoTimestamp(at);
  cert.validFrom = ymd(at);
  cert.validTill = validTillFor(order, at);
  certify(ctx.store.ca, cert, new Date(at));
  if (cert.kind !== "duplicate") order.validTill ??= cert.validTill;
  ctx.store.touch();
}

/** Brings an order up to date with the clock: due issuances happen, lapsed certificates expire. */
export function refresh(ctx: Ctx, order: OrderRecord): OrderRecord {
  const cert = order.certificateId === undefined ? undefined : ctx.store.certificates.get(order.certificateId);
  const inProgress = order.status === "pending" || order.status === "reissue_pending";
  if (cert && inProgress && cert.status === "pending" && cert.issueAt <= ctx.now && (order.status !== "pending" || emailsValidated(order))) {
    issue(ctx, cert, order, cert.issueAt);
    order.status = "issued";
    ctx.store.touch();
  }
  if (order.status === "issued" && order.validTill) {
    const till = parseYmd(order.validTill);
    if (till !== undefined && till < startOfUtcDay(ctx.now)) {
      order.status = "expired";
      ctx.store.touch();
    }
  }
  return order;
}

/**
 * "Before issuing your public S/MIME certificate, DigiCert must verify you control the
 * email address on the order" (Order client certificate): the order's first certificate
 * waits for every address. Reissues do not wait again.
 */
export function emailsValidated(order: OrderRecord): boolean {
  return (order.emailValidations ?? []).every((v) => v.status === "validated");
}

export function approveNewRequest(ctx: Ctx, order: OrderRecord, request: RequestRecord): CertificateRecord {
  return approve(ctx, order, request, newCertificate(ctx, order, order.requested, "original"), "pending");
}

export function approveReissue(ctx: Ctx, order: OrderRecord, request: RequestRecord): CertificateRecord {
  if (!request.reissue) throw new Error(`reissue request ${request.id} carries no certificate details`);
  return approve(ctx, order, request, newCertificate(ctx, order, request.reissue, "reissue"), "reissue_pending");
}

/** An approved request's certificate becomes the order's current one; issuance follows from `status`. */
function approve(ctx: Ctx, order: OrderRecord, request: RequestRecord, cert: CertificateRecord, status: OrderRecord["status"]): CertificateRecord {
  request.status = "approved";
  order.certificateId = cert.id;
  order.certificateIds.push(cert.id);
  order.status = status;
  refresh(ctx, order);
  return cert;
}

/** Rejecting and canceling a reissue both put the order back where it was before the reissue. */
export function dropReissue(ctx: Ctx, order: OrderRecord, request: RequestRecord): void {
  request.status = "rejected";
  order.status = request.statusBefore ?? "issued";
  ctx.store.touch();
}

/**
 * An approved revoke. A certificate's: that certificate is revoked and the order stays
 * as it was (`issued`, still reissuable; the Revoke certificate page, under the account's
 * default setting), so only `certificate.status` tells. An order's (no certificateId,
 * Revoke order certificates page): every certificate of the order, duplicates and
 * reissues included, and the order itself.
 */
export function approveRevoke(ctx: Ctx, request: RequestRecord): void {
  request.status = "approved";
  if (request.certificateId === undefined) {
    const order = ctx.store.orders.get(request.orderId);
    if (!order) throw new Error(`revoke request ${request.id} names no known order`);
    revokeOrder(ctx, order);
    return;
  }
  const cert = ctx.store.certificates.get(request.certificateId);
  if (!cert) throw new Error(`revoke request ${request.id} names no known certificate`);
  revokeOne(ctx, cert);
}

function revokeOne(ctx: Ctx, cert: CertificateRecord): void {
  if (cert.status !== "issued") return;
  cert.status = "revoked";
  cert.dateRevoked = isoTimestamp(ctx.now);
  ctx.store.touch();
}

/** Every issued certificate of the order revoked, and the order with them. */
export function revokeOrder(ctx: Ctx, order: OrderRecord): void {
  for (const id of [...order.certificateIds, ...order.duplicateIds]) {
    const cert = ctx.store.certificates.get(id);
    if (cert) revokeOne(ctx, cert);
  }
  order.status = "revoked";
  ctx.store.touch();
}

export function pendingRequest(ctx: Ctx, order: OrderRecord, type: RequestType, certificateId?: number): RequestRecord | undefined {
  for (const id of order.requestIds) {
    const r = ctx.store.requests.get(id);
    if (!r || r.type !== type || !isWaiting(r.status)) continue;
    if (certificateId === undefined || r.certificateId === certificateId) return r;
  }
  return undefined;
}

export function isWaiting(status: RequestStatus): boolean {
  return status === "pending" || status === "submitted";
}

export function requireStatus(order: OrderRecord, allowed: readonly OrderStatus[], action: string): void {
  if (!allowed.includes(order.status)) {
    throw badRequest(
      "invalid_order_status",
      `order ${order.id} is ${order.status}: ${action} needs an order that is ${allowed.join(" or ")}`,
    );
  }
}
