// The rules each product's order body follows, checked at preview with no API call.
// From DigiCert's pages "Order client certificate" (the request parameter changes of
// 2025-07-10: common_name_indicator and individual; class1_smime named after the first
// email) and "Order Secure Email (S/MIME) certificate" (common_name_indicator per product,
// individual only for secure_email_sponsor, usage_designation.primary_usage required,
// profile_type strict or multipurpose).
import { currentProductId, isClientProductId, isOlderProductId, productFamily, type ClientProductId } from "../../digicert";
import { UNKNOWN } from "../../kit/inputs/check";
import type { PropertyBag } from "../../kit/kind-provider";
import type { CheckFailure } from "../../kit/runtime/errors";

type Bag = Record<string, unknown>;
const isBag = (v: unknown): v is Bag => typeof v === "object" && v !== null && !Array.isArray(v);

const CLIENT_INDICATORS = ["given_name_surname", "pseudonym"];
const SPONSOR_INDICATORS = ["given_name_surname", "pseudonym", "email_address"];
const ORGANIZATION_INDICATORS = ["organization_name", "email_address"];

export interface ProductJudgement {
  failures: CheckFailure[];
  warnings: string[];
}

/**
 * `olds`: the inputs of the order as it stands, if any. An order of an earlier release
 * placed as client_email_security_plus without an indicator stands; only a new order of
 * it needs one, so there the missing indicator is a warning.
 */
export function judgeProduct(olds: PropertyBag, inputs: PropertyBag): ProductJudgement {
  const productId = inputs["productId"];
  const cert = inputs["certificate"];
  if (!isClientProductId(productId) || !isBag(cert)) return { failures: [], warnings: [] };
  const failures: CheckFailure[] = [];
  const warnings: string[] = [];
  const fail = (property: string, reason: string) => failures.push({ property, reason });
  const has = (v: unknown) => v !== undefined && v !== null;
  const known = (v: unknown) => v !== UNKNOWN;
  const family = productFamily(productId);
  const indicator = cert["commonNameIndicator"];
  const individual = cert["individual"];
  const ind = isBag(individual) ? individual : {};
  const absent = (property: string, value: unknown, why: string) => {
    if (has(value)) fail(property, `must be absent for ${productId}: ${why}`);
  };
  const secureEmailOnly = `only Secure Email products take it`;

  if (!has(cert["emails"])) {
    // "emails: required" for every product (Order client certificate, Order Secure Email). Only an
    // order taken by `pulumi import` stands without them: DigiCert returns emails "only for S/MIME
    // certificate orders" (Order info), so a client_authentication_plus order is read back with none.
    const oldCert = isBag(olds["certificate"]) ? olds["certificate"] : undefined;
    const standing = family === "authentication" && olds["productId"] !== undefined && isClientProductId(olds["productId"]) && currentProductId(olds["productId"]) === currentProductId(productId) && oldCert !== undefined && !has(oldCert["emails"]);
    if (standing) warnings.push(`${productId}: this order stands without certificate.emails (DigiCert shows none for it); a new or renewal order needs them: add them before one is due`);
    else fail("certificate.emails", `is required for ${productId}: the email addresses to place on the certificate`);
  }
  if (family === "authentication" || family === "mailbox" || family === "sponsor") {
    absent("certificate.usageDesignation", cert["usageDesignation"], secureEmailOnly);
    absent(
      "profileType",
      inputs["profileType"],
      family === "authentication" ? "it is not an S/MIME product" : "DigiCert issues its S/MIME certificates with the Multipurpose profile itself (since 2025-07-10); profileType is for Secure Email only",
    );
  }
  if (family === "authentication") {
    if (!has(cert["commonName"])) fail("certificate.commonName", `is required for ${productId}: the name to secure`);
    absent("certificate.commonNameIndicator", indicator, "it is not an S/MIME product");
    absent("certificate.individual", individual, "it is not an S/MIME product");
  }
  if (family === "mailbox" || family === "secure_email_mailbox") {
    absent("certificate.commonName", cert["commonName"], "mailbox-validated, DigiCert sets the common name to the first email (the subjectCommonName output)");
    const why = family === "mailbox" ? "mailbox-validated, DigiCert names the certificate after the first email" : "DigiCert ignores common_name_indicator for secure_email_mailbox";
    absent("certificate.commonNameIndicator", indicator, why);
    absent("certificate.individual", individual, family === "mailbox" ? why : "the individual object is only used with secure_email_sponsor");
  }
  if (family === "sponsor") {
    const older = isOlderProductId(productId);
    const standing = olds["productId"] !== undefined && isClientProductId(olds["productId"]) && currentProductId(olds["productId"]) === currentProductId(productId) && !has(isBag(olds["certificate"]) ? olds["certificate"]["commonNameIndicator"] : undefined);
    if (!has(indicator)) {
      const rule = `DigiCert requires certificate.commonNameIndicator ("given_name_surname" or "pseudonym") and certificate.individual for ${currentProductId(productId)} orders since 2025-07-10`;
      if (older || standing) {
        warnings.push(`${productId}: ${rule}; this ${older ? "older product id" : "order"} is accepted without them, but a new or renewal order may be refused: add them`);
        if (!has(cert["commonName"])) fail("certificate.commonName", `is required for ${productId} without commonNameIndicator`);
      } else {
        fail("certificate.commonNameIndicator", `is required for ${productId}: one of "given_name_surname", "pseudonym" (since 2025-07-10)`);
        if (!has(individual)) fail("certificate.individual", `is required for ${productId}: firstName and lastName, or pseudonym`);
      }
    } else if (known(indicator)) {
      if (!CLIENT_INDICATORS.includes(String(indicator))) fail("certificate.commonNameIndicator", `must be one of "given_name_surname", "pseudonym" for ${productId}`);
      else requireNames(fail, productId, indicator, individual, ind);
    }
  }
  if (family === "secure_email_mailbox" || family === "secure_email_sponsor" || family === "secure_email_organization") {
    absent("certificate.commonName", family === "secure_email_mailbox" ? undefined : cert["commonName"], "DigiCert builds the common name from certificate.commonNameIndicator (the subjectCommonName output)");
    const usage = cert["usageDesignation"];
    if (!has(usage)) fail("certificate.usageDesignation", `is required for ${productId}: { primaryUsage } ("signing", "key_management" or "dual_use")`);
    else if (isBag(usage) && !has(usage["primaryUsage"])) fail("certificate.usageDesignation.primaryUsage", `is required for ${productId}: "signing", "key_management" or "dual_use"`);
    const additional = isBag(usage) && Array.isArray(usage["additionalUsages"]) ? usage["additionalUsages"] : [];
    additional.forEach((u, i) => {
      if (u === "client_auth" && inputs["profileType"] === "strict") {
        fail(`certificate.usageDesignation.additionalUsages[${i}]`, 'must not be "client_auth" with profileType "strict": the strict profile supports no client authentication');
      }
    });
  }
  if (family === "secure_email_sponsor" || family === "secure_email_organization") {
    const allowed = family === "secure_email_sponsor" ? SPONSOR_INDICATORS : ORGANIZATION_INDICATORS;
    if (!has(indicator)) fail("certificate.commonNameIndicator", `is required for ${productId}: one of ${allowed.map((v) => `"${v}"`).join(", ")}`);
    else if (known(indicator) && !allowed.includes(String(indicator))) fail("certificate.commonNameIndicator", `must be one of ${allowed.map((v) => `"${v}"`).join(", ")} for ${productId}`);
    if (family === "secure_email_organization") absent("certificate.individual", individual, "the individual object is only used with secure_email_sponsor");
    else if (!has(individual)) fail("certificate.individual", `is required for ${productId}, whatever commonNameIndicator: firstName and lastName, or pseudonym`);
    else if (known(indicator) && allowed.includes(String(indicator))) requireNames(fail, productId, indicator, individual, ind);
  }
  return { failures, warnings };
}

function requireNames(fail: (p: string, r: string) => void, productId: ClientProductId, indicator: unknown, individual: unknown, ind: Bag): void {
  if (individual === UNKNOWN) return;
  const has = (k: string) => ind[k] !== undefined && ind[k] !== null;
  if (individual === undefined || individual === null) {
    fail("certificate.individual", `is required for ${productId} with commonNameIndicator "${String(indicator)}"`);
  } else if (indicator === "given_name_surname") {
    if (!has("firstName")) fail("certificate.individual.firstName", 'is required when commonNameIndicator is "given_name_surname"');
    if (!has("lastName")) fail("certificate.individual.lastName", 'is required when commonNameIndicator is "given_name_surname"');
  } else if (indicator === "pseudonym") {
    if (!has("pseudonym")) fail("certificate.individual.pseudonym", 'is required when commonNameIndicator is "pseudonym"');
  } else if (!(has("firstName") && has("lastName")) && !has("pseudonym")) {
    fail("certificate.individual", `must give firstName and lastName, or pseudonym, for ${productId}`);
  }
}
