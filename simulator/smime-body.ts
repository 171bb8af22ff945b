// The S/MIME subject of an order body, judged per product as DigiCert's pages state it:
// "Order client certificate" (request parameter changes of 2025-07-10: common_name_indicator,
// individual) and "Order Secure Email (S/MIME) certificate" (profile_type,
// common_name_indicator, individual, usage_designation). All of them stand inside `certificate`.
import type { Product } from "./products";
import { Check, type Obj } from "./validate";

export interface Individual {
  firstName?: string;
  lastName?: string;
  pseudonym?: string;
}

export interface SmimeSubject {
  commonNameIndicator?: string;
  individual?: Individual;
  usageDesignation?: { primaryUsage: string; additionalUsages: string[] };
  /** Secure Email only: the profile the certificate is issued with. */
  profileType?: string;
}

const CLIENT_INDICATORS = ["given_name_surname", "pseudonym"] as const;
const SPONSOR_INDICATORS = ["given_name_surname", "pseudonym", "email_address"] as const;
const ORGANIZATION_INDICATORS = ["organization_name", "email_address"] as const;
const PROFILE_TYPES = ["strict", "multipurpose"] as const;
// Email signing only, encryption only, both (the page's three primary uses).
const PRIMARY_USAGES = ["signing", "key_management", "dual_use"] as const;
const ADDITIONAL_USAGES = ["signing", "key_management", "non_repudiation", "client_auth"] as const;
/** The Secure Email page's default profile when profile_type is omitted (its table; an account setting). */
export const DEFAULT_SECURE_EMAIL_PROFILE = "strict";

function individualOf(c: Check, cert: Obj, required: boolean): Individual | undefined {
  const o = c.obj(cert, "individual", "certificate.individual", required);
  if (!o) return undefined;
  const firstName = c.str(o, "first_name", "certificate.individual.first_name", false);
  const lastName = c.str(o, "last_name", "certificate.individual.last_name", false);
  const pseudonym = c.str(o, "pseudonym", "certificate.individual.pseudonym", false);
  return { ...(firstName ? { firstName } : {}), ...(lastName ? { lastName } : {}), ...(pseudonym ? { pseudonym } : {}) };
}

/** The names or pseudonym the indicator requires ("Required when common_name_indicator = ..."). */
function requireNames(c: Check, indicator: string | undefined, ind: Individual | undefined, product: string): void {
  if (!ind) return;
  const names = ind.firstName !== undefined && ind.lastName !== undefined;
  if (indicator === "given_name_surname") {
    if (ind.firstName === undefined) c.missing("certificate.individual.first_name", "required when common_name_indicator is given_name_surname");
    if (ind.lastName === undefined) c.missing("certificate.individual.last_name", "required when common_name_indicator is given_name_surname");
  } else if (indicator === "pseudonym") {
    if (ind.pseudonym === undefined) c.missing("certificate.individual.pseudonym", "required when common_name_indicator is pseudonym");
  } else if (!names && ind.pseudonym === undefined) {
    c.missing("certificate.individual", `required for ${product}: first_name and last_name, or pseudonym`);
  }
}

function usageDesignationOf(c: Check, cert: Obj, profileType: string | undefined): SmimeSubject["usageDesignation"] {
  const o = c.obj(cert, "usage_designation", "certificate.usage_designation", true);
  if (!o) return undefined;
  const primaryUsage = c.oneOf(o, "primary_usage", "certificate.usage_designation.primary_usage", PRIMARY_USAGES, true);
  const additional = c.strArray(o, "additional_usages", "certificate.usage_designation.additional_usages", false) ?? [];
  additional.forEach((u, i) => {
    const path = `certificate.usage_designation.additional_usages[${i}]`;
    if (!(ADDITIONAL_USAGES as readonly string[]).includes(u)) c.invalid(path, `must be one of ${ADDITIONAL_USAGES.join(", ")}`);
    // The strict profile supports no client_auth EKU (DigiCert, Trust Lifecycle Manager: CertCentral S/MIME profiles).
    else if (u === "client_auth" && profileType === "strict") c.invalid(path, "client_auth is not supported by the strict profile");
  });
  return primaryUsage === undefined ? undefined : { primaryUsage, additionalUsages: additional };
}

/** The subject fields of an order for `product`, each problem an error item naming its path. */
export function parseSmimeSubject(c: Check, cert: Obj, productId: string, product: Product): SmimeSubject {
  switch (product.rules) {
    case "authentication":
    case "mailbox":
      // Not on either product's rules; DigiCert's pages do not say they are refused: ignored.
      return {};
    case "sponsor":
    case "reference": {
      const required = product.rules === "sponsor";
      const what = required ? `required for ${productId}, one of ${CLIENT_INDICATORS.join(", ")}` : undefined;
      const indicator = c.oneOf(cert, "common_name_indicator", "certificate.common_name_indicator", CLIENT_INDICATORS, false);
      if (indicator === undefined && required && cert["common_name_indicator"] == null) c.missing("certificate.common_name_indicator", what);
      const individual = individualOf(c, cert, indicator !== undefined || (required && cert["individual"] == null));
      if (indicator !== undefined) requireNames(c, indicator, individual, productId);
      return { ...(indicator ? { commonNameIndicator: indicator } : {}), ...(individual ? { individual } : {}) };
    }
    case "secure_email_mailbox":
    case "secure_email_sponsor":
    case "secure_email_organization": {
      const profileType = c.oneOf(cert, "profile_type", "certificate.profile_type", PROFILE_TYPES, false) ?? DEFAULT_SECURE_EMAIL_PROFILE;
      const usageDesignation = usageDesignationOf(c, cert, profileType);
      const base = { profileType, ...(usageDesignation ? { usageDesignation } : {}) };
      if (product.rules === "secure_email_mailbox") return base; // common_name_indicator "Ignored for secure_email_mailbox"; individual only for sponsor.
      const allowed = product.rules === "secure_email_sponsor" ? SPONSOR_INDICATORS : ORGANIZATION_INDICATORS;
      const indicator = c.oneOf(cert, "common_name_indicator", "certificate.common_name_indicator", allowed, true);
      if (product.rules === "secure_email_organization") return { ...base, ...(indicator ? { commonNameIndicator: indicator } : {}) };
      // "For secure_email_sponsor, you always need to include the individual object regardless of common_name_indicator."
      const individual = individualOf(c, cert, true);
      requireNames(c, indicator, individual, productId);
      return { ...base, ...(indicator ? { commonNameIndicator: indicator } : {}), ...(individual ? { individual } : {}) };
    }
  }
}

/**
 * The common name DigiCert puts on the certificate. Mailbox-validated certificates take
 * the first email ("DigiCert automatically sets the common name value to the first email
 * address"); a named subject takes the individual's names or pseudonym; otherwise the
 * common_name sent.
 */
export function subjectCommonName(product: Product, sent: string | undefined, subject: SmimeSubject, emails: string[], organizationId: number | undefined): string {
  const first = emails[0] ?? "";
  if (product.rules === "mailbox" || product.rules === "secure_email_mailbox") return first;
  const ind = subject.individual;
  switch (subject.commonNameIndicator) {
    case "given_name_surname":
      return `${ind?.firstName ?? ""} ${ind?.lastName ?? ""}`.trim();
    case "pseudonym":
      return ind?.pseudonym ?? "";
    case "email_address":
      return first;
    case "organization_name":
      return sent ?? `Organization ${organizationId ?? ""}`.trim();
  }
  return sent ?? "";
}

/** Whether a sent common_name is required (and judged) for the product: only where no rule names the certificate otherwise. */
export function commonNameRequired(product: Product, raw: Obj): boolean {
  if (product.rules === "authentication") return true;
  if (product.rules === "reference") return raw["common_name_indicator"] == null;
  return false;
}
