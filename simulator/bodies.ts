// The two bodies with real structure: ordering a client certificate and reissuing one.
import { checkCsr } from "./csr";
import { daysBetween, parseYmd, startOfUtcDay } from "./dates";
import type { Product } from "./products";
import { commonNameRequired, parseSmimeSubject, subjectCommonName, type SmimeSubject } from "./smime-body";
import type { CertificateDetails } from "./state";
import { asBody, Check, type Obj } from "./validate";

export interface OrderBody {
  certificate: CertificateDetails;
  organization: { id?: number; name?: string };
  containerId?: number;
  validity: { years?: number; customExpirationDate?: string };
  autoRenew: number;
  renewalOfOrderId?: number;
  skipApproval: boolean;
  customFields: { metadataId: number; value: string }[];
  paymentMethod: string;
  /** The S/MIME subject fields, per product (smime-body.ts). */
  subject: SmimeSubject;
}

export interface ReissueBody {
  certificate: Omit<CertificateDetails, "emails" | "organizationUnits"> & { emails?: string[]; organizationUnits?: string[] };
  comments?: string;
  skipApproval: boolean;
}

// The ordering page allows only sha256 for client certificates.
const SIGNATURE_HASHES = ["sha256"] as const;
const PAYMENT_METHODS = ["balance", "card", "profile"] as const;
// "less than 825 days in the future".
const MAX_CUSTOM_DAYS = 825;
// The reissue page's default server platform: -1, "other".
const OTHER_PLATFORM = -1;

export function parseOrderBody(raw: unknown, now: number, productId: string, product: Product): OrderBody {
  const body = asBody(raw);
  const c = new Check();
  const cert = c.obj(body, "certificate", "certificate", true) ?? {};
  const sentName = c.str(cert, "common_name", "certificate.common_name", commonNameRequired(product, cert));
  const emails = c.emails(cert, "emails", "certificate.emails", true);
  const subject = parseSmimeSubject(c, cert, productId, product);
  const signatureHash = c.oneOf(cert, "signature_hash", "certificate.signature_hash", SIGNATURE_HASHES, true);
  const organizationUnits = c.strArray(cert, "organization_units", "certificate.organization_units", false) ?? [];
  const csr = c.str(cert, "csr", "certificate.csr", false);
  checkCsr(c, csr, "certificate.csr");

  const org = c.obj(body, "organization", "organization", true);
  const organization: OrderBody["organization"] = {};
  if (org) {
    // An organization without an id but with a name is created along with the order.
    const name = typeof org["name"] === "string" && org["name"] !== "" ? org["name"] : undefined;
    const id = c.int(org, "id", "organization.id", name === undefined);
    if (id !== undefined && id <= 0) c.invalid("organization.id", "must be a positive integer");
    Object.assign(organization, id !== undefined ? { id } : { name });
  }
  const containerId = c.idObject(body, "container", "container", false);

  const customExpirationDate = customExpiration(c, body, now);
  const years = c.oneOf(body, "validity_years", "validity_years", [1, 2] as const, false);
  if (years === undefined && body["validity_years"] == null && body["custom_expiration_date"] == null) {
    c.missing("validity_years", "required unless custom_expiration_date is given, one of 1, 2");
  }
  const autoRenew = c.int(body, "auto_renew", "auto_renew", false) ?? 0;
  if (autoRenew < 0) c.invalid("auto_renew", "must not be negative");
  const renewalOfOrderId = c.int(body, "renewal_of_order_id", "renewal_of_order_id", false);
  const skipApproval = c.bool(body, "skip_approval", "skip_approval", false) ?? false;
  const customFields = parseCustomFields(c, body);
  const paymentMethod = c.oneOf(body, "payment_method", "payment_method", PAYMENT_METHODS, false) ?? "balance";
  c.done();

  return {
    certificate: {
      commonName: subjectCommonName(product, sentName, subject, emails ?? [], organization.id),
      emails: emails ?? [],
      dnsNames: [],
      organizationUnits,
      ...(csr !== undefined ? { csr } : {}),
      signatureHash: signatureHash ?? "sha256",
      serverPlatformId: OTHER_PLATFORM,
    },
    organization,
    ...(containerId !== undefined ? { containerId } : {}),
    validity: customExpirationDate !== undefined ? { customExpirationDate } : { years: years ?? 1 },
    autoRenew,
    ...(renewalOfOrderId !== undefined ? { renewalOfOrderId } : {}),
    skipApproval,
    customFields,
    paymentMethod,
    subject,
  };
}

function customExpiration(c: Check, body: Obj, now: number): string | undefined {
  const value = c.str(body, "custom_expiration_date", "custom_expiration_date", false);
  if (value === undefined) return undefined;
  const date = parseYmd(value);
  if (date === undefined) return c.invalid("custom_expiration_date", "must be a date formatted yyyy-MM-dd");
  const days = daysBetween(now, date);
  if (date <= startOfUtcDay(now)) return c.invalid("custom_expiration_date", "must be in the future");
  if (days >= MAX_CUSTOM_DAYS) return c.invalid("custom_expiration_date", `must be less than ${MAX_CUSTOM_DAYS} days in the future`);
  return value;
}

function parseCustomFields(c: Check, body: Obj): OrderBody["customFields"] {
  const v = body["custom_fields"];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return c.invalid("custom_fields", "must be an array of {metadata_id, value}") ?? [];
  const out: OrderBody["customFields"] = [];
  v.forEach((item: unknown, i) => {
    const path = `custom_fields[${i}]`;
    if (typeof item !== "object" || item === null || Array.isArray(item)) return void c.invalid(path, "must be an object");
    const metadataId = c.int(item as Obj, "metadata_id", `${path}.metadata_id`, true);
    const value = c.str(item as Obj, "value", `${path}.value`, true);
    if (metadataId !== undefined && value !== undefined) out.push({ metadataId, value });
  });
  return out;
}

export function parseReissueBody(raw: unknown): ReissueBody {
  const body = asBody(raw);
  const c = new Check();
  const cert = c.obj(body, "certificate", "certificate", true) ?? {};
  const commonName = c.str(cert, "common_name", "certificate.common_name", true);
  const dnsNames = c.strArray(cert, "dns_names", "certificate.dns_names", false) ?? [];
  const csr = c.str(cert, "csr", "certificate.csr", true);
  checkCsr(c, csr, "certificate.csr");
  const serverPlatformId = c.idObject(cert, "server_platform", "certificate.server_platform", false) ?? OTHER_PLATFORM;
  const signatureHash = c.oneOf(cert, "signature_hash", "certificate.signature_hash", SIGNATURE_HASHES, true);
  // Not on the reissue page; accepted so a client reissue can change them, otherwise carried over.
  const emails = c.emails(cert, "emails", "certificate.emails", false);
  const organizationUnits = c.strArray(cert, "organization_units", "certificate.organization_units", false);
  const comments = c.str(body, "comments", "comments", false);
  const skipApproval = c.bool(body, "skip_approval", "skip_approval", false) ?? false;
  c.done();
  return {
    certificate: {
      commonName: commonName ?? "",
      dnsNames,
      csr: csr ?? "",
      serverPlatformId,
      signatureHash: signatureHash ?? "sha256",
      ...(emails !== undefined ? { emails } : {}),
      ...(organizationUnits !== undefined ? { organizationUnits } : {}),
    },
    ...(comments !== undefined ? { comments } : {}),
    skipApproval,
  };
}
