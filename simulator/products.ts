// The client certificate products an account offers today, and the rules each one's
// order body follows. From DigiCert's pages "Order client certificate" and "Order Secure
// Email (S/MIME) certificate" (dev.digicert.com, certcentral-apis/services-api/orders/),
// and the older reference pages for the `_sha2` ids.

/**
 * How a product's order body is judged and its certificate named:
 * - `authentication`: not S/MIME; `common_name` required (client_authentication_plus).
 * - `sponsor`: sponsor-validated client S/MIME; since 2025-07-10 `common_name_indicator`
 *   (`given_name_surname` | `pseudonym`) and the matching `individual` are required.
 * - `mailbox`: mailbox-validated (class1_smime); DigiCert sets the common name to the first email.
 * - `reference`: the older ids of the reference pages, whose body had no indicator: still
 *   accepted with that body, so the reference example runs; an indicator, when sent, is judged.
 * - `secure_email_*`: the Secure Email products, with `usage_designation` and `profile_type`.
 */
export type ProductRules =
  | "authentication"
  | "sponsor"
  | "mailbox"
  | "reference"
  | "secure_email_mailbox"
  | "secure_email_sponsor"
  | "secure_email_organization";

export interface Product {
  readonly name: string;
  readonly rules: ProductRules;
  /**
   * DigiCert validates control of each email before it issues a public S/MIME certificate.
   * The reference pages' older ids predate that step: their addresses count as validated
   * when the order is placed, so their orders issue on approval as those pages describe.
   */
  readonly validatesEmails: boolean;
}

export const PRODUCTS: Readonly<Record<string, Product>> = {
  client_premium: { name: "Premium", rules: "sponsor", validatesEmails: true },
  client_digital_signature_plus: { name: "Digital Signature Plus", rules: "sponsor", validatesEmails: true },
  client_email_security_plus: { name: "Email Security Plus", rules: "sponsor", validatesEmails: true },
  class1_smime: { name: "Class 1 S/MIME", rules: "mailbox", validatesEmails: true },
  client_authentication_plus: { name: "Authentication Plus", rules: "authentication", validatesEmails: false },
  secure_email_mailbox: { name: "Secure Email for Individual", rules: "secure_email_mailbox", validatesEmails: true },
  secure_email_sponsor: { name: "Secure Email for Business", rules: "secure_email_sponsor", validatesEmails: true },
  secure_email_organization: { name: "Secure Email for Organization", rules: "secure_email_organization", validatesEmails: true },
  client_premium_sha2: { name: "Premium", rules: "reference", validatesEmails: false },
  client_digital_signature_plus_sha2: { name: "Digital Signature Plus", rules: "reference", validatesEmails: false },
};

/** Whether the product's certificates are S/MIME: its orders list their emails' validation. */
export function isSmime(product: Product): boolean {
  return product.rules !== "authentication";
}
