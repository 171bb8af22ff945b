// The client certificate products, as DigiCert's current pages list them ("Order client
// certificate", "Order Secure Email (S/MIME) certificate"), and the older ids of the
// reference pages, with the current product each one is.

/** The ids a real account lists today. */
export const CURRENT_PRODUCT_IDS = [
  "client_authentication_plus",
  "client_premium",
  "client_digital_signature_plus",
  "client_email_security_plus",
  "class1_smime",
  "secure_email_mailbox",
  "secure_email_sponsor",
  "secure_email_organization",
] as const;
export type CurrentProductId = (typeof CURRENT_PRODUCT_IDS)[number];

/**
 * The reference pages' ids that DigiCert's current page names otherwise (by product name:
 * DigiCert states no mapping). `client_email_security_plus` and `client_authentication_plus`
 * kept their ids.
 */
export const OLDER_PRODUCT_IDS = {
  client_premium_sha2: "client_premium",
  client_digital_signature_plus_sha2: "client_digital_signature_plus",
} as const satisfies Record<string, CurrentProductId>;
export type OlderProductId = keyof typeof OLDER_PRODUCT_IDS;

export const CLIENT_PRODUCT_IDS = [...CURRENT_PRODUCT_IDS, ...(Object.keys(OLDER_PRODUCT_IDS) as OlderProductId[])] as const;
export type ClientProductId = CurrentProductId | OlderProductId;

export function isClientProductId(v: unknown): v is ClientProductId {
  return typeof v === "string" && (CLIENT_PRODUCT_IDS as readonly string[]).includes(v);
}

export function isOlderProductId(v: string): v is OlderProductId {
  return Object.hasOwn(OLDER_PRODUCT_IDS, v);
}

/** The current id of a product: an older id's equivalent, else the id itself. */
export function currentProductId(id: ClientProductId): CurrentProductId {
  return isOlderProductId(id) ? OLDER_PRODUCT_IDS[id] : id;
}

/**
 * How a product's certificate is validated and named, which decides its order body:
 * - `authentication`: not S/MIME (client_authentication_plus): a common name, nothing to validate by email.
 * - `sponsor`: sponsor-validated client S/MIME (Premium, Digital Signature Plus, Email Security Plus).
 * - `mailbox`: mailbox-validated client S/MIME (Class 1): named after the first email.
 * - `secure_email_mailbox` / `secure_email_sponsor` / `secure_email_organization`: Secure Email.
 */
export type ProductFamily = "authentication" | "sponsor" | "mailbox" | "secure_email_mailbox" | "secure_email_sponsor" | "secure_email_organization";

const FAMILIES: Record<CurrentProductId, ProductFamily> = {
  client_authentication_plus: "authentication",
  client_premium: "sponsor",
  client_digital_signature_plus: "sponsor",
  client_email_security_plus: "sponsor",
  class1_smime: "mailbox",
  secure_email_mailbox: "secure_email_mailbox",
  secure_email_sponsor: "secure_email_sponsor",
  secure_email_organization: "secure_email_organization",
};

export function productFamily(id: ClientProductId): ProductFamily {
  return FAMILIES[currentProductId(id)];
}

/** S/MIME products: DigiCert validates control of every email address before it issues. */
export function isSmimeProduct(id: ClientProductId): boolean {
  return productFamily(id) !== "authentication";
}

export function isSecureEmail(id: ClientProductId): boolean {
  return productFamily(id).startsWith("secure_email_");
}
