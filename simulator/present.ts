// Internal records rendered as CertCentral's snake_case JSON. Fields that DigiCert
// only shows once a certificate is issued are left out until then, as documented.
import { INTERMEDIATE_NAME } from "./certificate-authority";
import { daysRemaining } from "./dates";
import { PRODUCTS } from "./products";
import type { CertificateRecord, OrderRecord, RequestRecord, Store } from "./state";


/**
 * Products whose certificates are not S/MIME: order info returns `certificate.emails`
 * "only for S/MIME certificate orders" (Order info page), so these orders carry none.
 */
export const NOT_SMIME: ReadonlySet<string> = new Set(["client_authentication_plus"]);

/** The organization as order info's example shows it at the top level: name and address, no id. */
const ORGANIZATION = { name: "Simulated Organization, Inc.", display_name: "Simulated Organization, Inc.", is_active: true, city: "Lindon", state: "Utah", country: "us" };

/** The fake administrator every request is attributed to. */
export const REQUESTER = { id: 14, first_name: "Sim", last_name: "Administrator", email: "admin@simulator.invalid" };

const CA_CERT = { id: "1005", name: INTERMEDIATE_NAME };
/** Before issuance no key has been certified yet: what DigiCert shows for a 2048-bit request. */
const KEY_SIZE = 2048;

function issuedFields(cert: CertificateRecord, now: number): Record<string, unknown> {
  if (cert.validFrom === undefined || cert.validTill === undefined) return {};
  return {
    thumbprint: cert.thumbprint,
    serial_number: cert.serialNumber,
    valid_from: cert.validFrom,
    valid_till: cert.validTill,
    days_remaining: daysRemaining(cert.validTill, now),
  };
}

/** `reportedStatus`: what the order answers in place of the real status (reported-statuses.ts). */
export function requestView(r: RequestRecord, reportedStatus?: string): Record<string, unknown> {
  return { id: r.id, date: r.date, type: r.type, status: reportedStatus ?? r.status, ...(r.comments !== undefined ? { comments: r.comments } : {}) };
}

export function orderView(store: Store, order: OrderRecord, now: number): Record<string, unknown> {
  const cert = order.certificateId === undefined ? undefined : store.certificates.get(order.certificateId);
  const details = cert ?? order.requested;
  const certificate: Record<string, unknown> = {
    ...(cert ? { id: cert.id } : {}),
    ...(cert ? issuedFields(cert, now) : {}),
    ...(cert ? { status: cert.status } : {}),
    common_name: details.commonName,
    ...(NOT_SMIME.has(order.productId) ? {} : { emails: details.emails }),
    dns_names: details.dnsNames,
    // DigiCert's example: the organization's id stands here, not in the top-level `organization`.
    organization: { id: order.organizationId },
    organization_units: details.organizationUnits,
    date_created: cert?.dateCreated ?? order.dateCreated,
    ...(cert?.dateIssued !== undefined ? { date_issued: cert.dateIssued } : {}),
    ...(details.csr !== undefined ? { csr: details.csr } : {}),
    server_platform: { id: details.serverPlatformId },
    signature_hash: details.signatureHash,
    key_size: cert?.keySize ?? KEY_SIZE,
    ca_cert: CA_CERT,
    cert_validity:
      order.validity.customExpirationDate !== undefined
        ? { custom_expiration_date: order.validity.customExpirationDate }
        : { years: order.validity.years ?? 1 },
  };
  return {
    id: order.id,
    certificate,
    status: order.reportedStatuses?.order ?? order.status,
    is_renewal: order.renewalOfOrderId !== undefined,
    is_renewed: order.isRenewed,
    // As DigiCert's example answers a renewal: is_renewal true, renewed_order_id 0 (the page
    // does not say which order the id stands on; the example's renewal names none).
    renewed_order_id: 0,
    date_created: order.dateCreated,
    organization: ORGANIZATION,
    ...(order.containerId !== undefined ? { container: { id: order.containerId } } : {}),
    product: { name_id: order.productId, name: PRODUCTS[order.productId]?.name ?? order.productId, type: "client_certificate" },
    requests: order.requestIds.flatMap((id) => {
      const r = store.requests.get(id);
      return r ? [requestView(r, order.reportedStatuses?.request)] : [];
    }),
    payment_method: order.paymentMethod,
    disable_ct: order.disableCt,
    allow_duplicates: true,
    auto_renew: order.autoRenew,
    ...(order.customFields.length > 0
      ? { custom_fields: order.customFields.map((f) => ({ metadata_id: f.metadataId, value: f.value })) }
      : {}),
  };
}

/** An item of GET /order/certificate: a summary of the order and its current certificate. */
export function orderListItemView(store: Store, order: OrderRecord, now: number): Record<string, unknown> {
  const cert = order.certificateId === undefined ? undefined : store.certificates.get(order.certificateId);
  const details = cert ?? order.requested;
  const issued = cert ? issuedFields(cert, now) : {};
  return {
    id: order.id,
    certificate: {
      ...(cert ? { id: cert.id } : {}),
      common_name: details.commonName,
      dns_names: details.dnsNames,
      ...(NOT_SMIME.has(order.productId) ? {} : { emails: details.emails }),
      ...(issued["valid_till"] !== undefined ? { valid_till: issued["valid_till"], days_remaining: issued["days_remaining"] } : {}),
      signature_hash: details.signatureHash,
    },
    status: order.reportedStatuses?.order ?? order.status,
    is_renewed: order.isRenewed,
    date_created: order.dateCreated,
    organization: { id: order.organizationId },
    ...(order.validity.years !== undefined ? { validity_years: order.validity.years } : {}),
    ...(order.containerId !== undefined ? { container: { id: order.containerId } } : {}),
    product: { name_id: order.productId, name: PRODUCTS[order.productId]?.name ?? order.productId, type: "client_certificate" },
    has_duplicates: order.duplicateIds.length > 0,
    product_name_id: order.productId,
  };
}

export function duplicateView(cert: CertificateRecord, now: number, reportedStatus?: string): Record<string, unknown> {
  return {
    id: cert.id,
    ...issuedFields(cert, now),
    common_name: cert.commonName,
    dns_names: cert.dnsNames,
    status: reportedStatus ?? cert.status,
    date_created: cert.dateCreated,
    ...(cert.csr !== undefined ? { csr: cert.csr } : {}),
    server_platform: { id: cert.serverPlatformId, name: "Other", install_url: "", csr_url: "" },
    signature_hash: cert.signatureHash,
    key_size: cert.keySize ?? KEY_SIZE,
    ca_cert_id: CA_CERT.id,
    sub_id: String(cert.id % 1000),
    public_id: cert.serialNumber.slice(0, 16).toLowerCase(),
    archived: "0",
    user_id: REQUESTER.id,
    firstname: REQUESTER.first_name,
    lastname: REQUESTER.last_name,
  };
}

/** GET /order/certificate/{order_id}/email-validation, as the "Email validation status" page shows it. */
export function emailValidationView(order: OrderRecord): Record<string, unknown> {
  return {
    delivery_options: ["api", "browser"],
    emails: (order.emailValidations ?? []).map((v) => ({ email: v.email, status: v.status, date_emailed: v.dateEmailed })),
  };
}
