// The one source of truth for what users may declare. `check` validates with these
// schemas, the SDK's argument types are derived from them, and schema.json is
// generated from them (descriptions included), so they carry DigiCert's wording.
import { z } from "zod";
import { CLIENT_PRODUCT_IDS } from "../digicert";

export { CLIENT_PRODUCT_IDS };
export const PAYMENT_METHODS = ["balance", "card", "profile"] as const;
export const REISSUE_SIGNATURE_HASHES = ["sha256", "sha384", "sha512"] as const;

// X.509's upper bound for a common name / organizational unit (RFC 5280 ub-common-name).
const MAX_NAME = 64;
const MAX_EMAIL = 254;
const MAX_TEXT = 1024;
const MAX_CSR = 16 * 1024;
// DigiCert refuses custom expiration dates 825 days or more in the future.
export const MAX_CUSTOM_EXPIRATION_DAYS = 825;

const list = (values: readonly string[]) => values.map((v) => `"${v}"`).join(", ");

const positiveId = (what: string) =>
  z
    .number({ error: `must be a positive integer (${what})` })
    .int({ error: `must be a positive integer (${what}), not a fraction` })
    .positive({ error: `must be a positive integer (${what})` });

const boundedString = (what: string, max: number) =>
  z
    .string({ error: `must be a string (${what})` })
    .min(1, { error: `must not be empty (${what})` })
    .max(max, { error: `must be at most ${max} characters (${what})` });

const email = z
  .string({ error: "must be a string email address" })
  .max(MAX_EMAIL, { error: `must be at most ${MAX_EMAIL} characters` })
  .pipe(z.email({ error: "must be an email address like name@example.com" }));

const csr = z
  .string({ error: "must be a PEM certificate signing request string" })
  .min(1, { error: "must not be empty: give a PEM certificate signing request", abort: true })
  .max(MAX_CSR, { error: `must be at most ${MAX_CSR} characters` })
  .refine((s) => /-----BEGIN (NEW )?CERTIFICATE REQUEST-----/.test(s), {
    error: 'must be a PEM certificate signing request ("-----BEGIN CERTIFICATE REQUEST-----...")',
  });

const bool = (what: string) => z.boolean({ error: `must be a boolean, true or false (${what})` });

/** Days from today (UTC) to a yyyy-MM-dd date, or undefined when it is not a real calendar date. */
export function daysFromToday(date: string, now: Date = new Date()): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((t - today) / 86_400_000);
}

const customExpirationDate = z
  .string({ error: "must be a date string yyyy-MM-dd" })
  .superRefine((s, ctx) => {
    const days = daysFromToday(s);
    if (days === undefined) {
      ctx.addIssue({ code: "custom", message: `must be a calendar date in the form yyyy-MM-dd, got "${s.slice(0, 40)}"` });
    } else if (days <= 0) {
      ctx.addIssue({ code: "custom", message: `must be a date in the future, got ${s}` });
    } else if (days >= MAX_CUSTOM_EXPIRATION_DAYS) {
      ctx.addIssue({ code: "custom", message: `must be less than ${MAX_CUSTOM_EXPIRATION_DAYS} days in the future, got ${s} (${days} days ahead)` });
    }
  });

export const clientCertificateDetails = z
  .strictObject(
    {
      commonName: boundedString("the name to secure, for client certificates a person's name", MAX_NAME).describe(
        "Name to secure; for client certificates, the person's name.",
      ),
      emails: z
        .array(email, { error: "must be a list of email addresses" })
        .min(1, { error: "must list at least one email address" })
        .max(100, { error: "must list at most 100 email addresses" })
        .describe("Email addresses to place on the certificate."),
      signatureHash: z
        .literal("sha256", { error: 'must be "sha256", the only signature hash DigiCert allows for client certificates' })
        .describe('Signature hash algorithm for the certificate. Allowed: "sha256".'),
      organizationUnits: z
        .array(boundedString("a department name", MAX_NAME), { error: "must be a list of department names" })
        .max(20, { error: "must list at most 20 organization units" })
        .optional()
        .describe("Departments within the organization to place on the certificate."),
      csr: csr.optional().describe("Certificate signing request (PEM). Optional for client certificates; DigiCert does not read values from it."),
    },
    { error: "must be an object { commonName, emails, signatureHash, organizationUnits?, csr? }" },
  )
  .describe("Details of the client certificate to order.");

export const customField = z
  .strictObject(
    {
      metadataId: positiveId("the custom field's metadata id").describe("ID of the custom order field."),
      value: boundedString("the custom field's value", MAX_TEXT).describe("Value for the custom order field."),
    },
    { error: "must be an object { metadataId, value }" },
  )
  .describe("A custom order field; which ones are required depends on the account.");

export const clientCertificateOrderInputs = z
  .strictObject({
    productId: z
      .enum(CLIENT_PRODUCT_IDS, { error: `must be one of ${list(CLIENT_PRODUCT_IDS)}` })
      .describe("Client certificate product to order."),
    certificate: clientCertificateDetails,
    organizationId: positiveId("the DigiCert organization id").describe("ID of the organization to associate with the order."),
    containerId: positiveId("the DigiCert container id").optional().describe("ID of the container (division) to place the order in."),
    validityYears: z
      .union([z.literal(1), z.literal(2)], { error: "must be 1 or 2 (years)" })
      .optional()
      .describe("Years the certificate is valid: 1 or 2. Overridden by customExpirationDate. Default 1."),
    customExpirationDate: customExpirationDate
      .optional()
      .describe(`Custom expiration date (yyyy-MM-dd), less than ${MAX_CUSTOM_EXPIRATION_DAYS} days in the future. Overrides validityYears.`),
    autoRenew: z
      .number({ error: "must be a whole number of automatic renewals, 0 or more" })
      .int({ error: "must be a whole number of automatic renewals, 0 or more" })
      .min(0, { error: "must be a whole number of automatic renewals, 0 or more" })
      .max(10, { error: "must be at most 10 automatic renewals" })
      .optional()
      .describe("How many times the order renews automatically."),
    renewalOfOrderId: positiveId("the order this one renews").optional().describe("ID of the previous order, when this order is a renewal."),
    skipApproval: bool("skip the approval step").optional().describe("Skip the approval step. Default false."),
    customFields: z
      .array(customField, { error: "must be a list of { metadataId, value }" })
      .max(50, { error: "must list at most 50 custom fields" })
      .optional()
      .describe("Custom order fields; whether they are required depends on the account."),
    paymentMethod: z
      .enum(PAYMENT_METHODS, { error: `must be one of ${list(PAYMENT_METHODS)}` })
      .optional()
      .describe('How to pay for the order: "balance" (default), "card" or "profile".'),
    revocationComments: z
      .string({ error: "must be a string" })
      .max(MAX_TEXT, { error: `must be at most ${MAX_TEXT} characters` })
      .optional()
      .describe("Comments sent with the revoke request when the order is deleted or replaced."),
    adoptOrderId: positiveId("an existing DigiCert order to adopt")
      .optional()
      .describe("Adopt this existing order instead of placing a new one: create reads it, delete revokes it like any other order."),
  })
  .describe("Orders a DigiCert client certificate. Deleting the order revokes its current certificate.");

export const reissueCertificateDetails = z
  .strictObject(
    {
      commonName: boundedString("the domain or name to secure", MAX_NAME).describe("Name or domain to secure."),
      dnsNames: z
        .array(boundedString("a domain name", 253), { error: "must be a list of domain names" })
        .max(250, { error: "must list at most 250 domain names" })
        .optional()
        .describe("Other domains to secure."),
      csr: csr.describe("Certificate signing request (PEM) for the reissued certificate."),
      serverPlatformId: z
        .number({ error: "must be an integer server platform id (-1 for other)" })
        .int({ error: "must be an integer server platform id (-1 for other)" })
        .min(-1, { error: "must be an integer server platform id (-1 for other)" })
        .optional()
        .describe("ID of the server platform. Default -1 (other)."),
      signatureHash: z
        .enum(REISSUE_SIGNATURE_HASHES, { error: `must be one of ${list(REISSUE_SIGNATURE_HASHES)}` })
        .describe("Signature hash algorithm for the reissued certificate."),
    },
    { error: "must be an object { commonName, dnsNames?, csr, serverPlatformId?, signatureHash }" },
  )
  .describe("Details of the reissued certificate.");

export const certificateReissueInputs = z
  .strictObject({
    orderId: positiveId("the order to reissue").describe("ID of the order whose certificate is reissued."),
    certificate: reissueCertificateDetails,
    comments: z
      .string({ error: "must be a string" })
      .max(MAX_TEXT, { error: `must be at most ${MAX_TEXT} characters` })
      .optional()
      .describe("Message about the reissue."),
    skipApproval: bool("skip the approval step").optional().describe("Skip the approval step. Default false."),
  })
  .describe("Reissues an order's certificate with new details. Deleting it does not revoke anything.");

export const orderCtStatusInputs = z
  .strictObject({
    orderId: positiveId("the order whose CT logging is set").describe("ID of the order."),
    disableCt: bool("true keeps the certificate out of public CT logs, false logs it").describe(
      "true: CT logging off (certificate kept out of public CT logs); false: CT logging on.",
    ),
  })
  .describe("Sets an order's certificate transparency (CT) log status. Deleting it turns CT logging back on.");

export const getOrderDuplicatesInputs = z
  .strictObject({
    orderId: positiveId("the order whose duplicates are listed").describe("ID of the order."),
  })
  .describe("Lists the duplicate certificates of an order.");

export type ClientCertificateOrderInputs = z.infer<typeof clientCertificateOrderInputs>;
export type CertificateReissueInputs = z.infer<typeof certificateReissueInputs>;
export type OrderCtStatusInputs = z.infer<typeof orderCtStatusInputs>;
export type GetOrderDuplicatesInputs = z.infer<typeof getOrderDuplicatesInputs>;
