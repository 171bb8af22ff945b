// Field schemas the kinds share, with the rules and error wording `check` reports:
// each names the field's meaning and what is allowed, in DigiCert's words.
import { z } from "zod";
import { CLIENT_PRODUCT_IDS, PAYMENT_METHODS } from "../../digicert";
import { refuseUnsoundCsr } from "./csr";
import { OBJECT_TYPES, type EnumTypeName } from "./definition";
import { refuseControlCharacters, refuseControlCharactersButLineBreaks } from "./text";

export { CLIENT_PRODUCT_IDS, PAYMENT_METHODS };
export const REISSUE_SIGNATURE_HASHES = ["sha256", "sha384", "sha512"] as const;

// The S/MIME subject (DigiCert's "Order client certificate" and "Order Secure Email (S/MIME)
// certificate" pages). Which value each product takes is the kind's rule (product-rules.ts).
export const COMMON_NAME_INDICATORS = ["given_name_surname", "pseudonym", "email_address", "organization_name"] as const;
export const PROFILE_TYPES = ["strict", "multipurpose"] as const;
// Email signing only, encryption only, both: the Secure Email page's three primary uses.
export const PRIMARY_USAGES = ["signing", "key_management", "dual_use"] as const;

/** The string enums schema.json names, recognised by their values. */
/** What deleting an order revokes: its current certificate, or every certificate of the order. */
export const REVOKE_SCOPES = ["certificate", "order"] as const;

export const ENUM_TYPES: readonly EnumTypeName[] = [
  { name: "ClientProductId", values: CLIENT_PRODUCT_IDS, description: "A DigiCert client certificate product." },
  { name: "PaymentMethod", values: PAYMENT_METHODS, description: "How an order is paid for." },
  { name: "CommonNameIndicator", values: COMMON_NAME_INDICATORS, description: "What DigiCert puts in an S/MIME certificate's common name." },
  { name: "ProfileType", values: PROFILE_TYPES, description: "The certificate profile of a Secure Email certificate." },
  { name: "PrimaryUsage", values: PRIMARY_USAGES, description: "The primary use of a Secure Email certificate: email signing, encryption, or both." },
  { name: "ReissueSignatureHash", values: REISSUE_SIGNATURE_HASHES, description: "Signature hash algorithm of a reissued certificate." },
  { name: "RevokeScope", values: REVOKE_SCOPES, description: "What deleting an order revokes: its current certificate, or every certificate of the order." },
];

// X.509's upper bound for a common name / organizational unit (RFC 5280 ub-common-name).
export const MAX_NAME = 64;
const MAX_EMAIL = 254;
export const MAX_TEXT = 1024;
const MAX_CSR = 16 * 1024;

/** `"a", "b"`: allowed values as error messages list them. */
export const list = (values: readonly string[]) => values.map((v) => `"${v}"`).join(", ");

export const positiveId = (what: string) =>
  z
    .number({ error: `must be a positive integer (${what})` })
    .int({ error: `must be a positive integer (${what}), not a fraction` })
    .positive({ error: `must be a positive integer (${what})` });

export const boundedString = (what: string, max: number) =>
  z
    .string({ error: `must be a string (${what})` })
    .min(1, { error: `must not be empty (${what})` })
    .max(max, { error: `must be at most ${max} characters (${what})` });

/** A name that goes on the certificate: no control characters. */
export const name = (what: string, max: number) => boundedString(what, max).superRefine(refuseControlCharacters);

/** Free text sent along with a request (comments), possibly empty: line breaks, but no other control characters. */
export const text = () =>
  z
    .string({ error: "must be a string" })
    .max(MAX_TEXT, { error: `must be at most ${MAX_TEXT} characters` })
    .superRefine(refuseControlCharactersButLineBreaks);

export const email = z
  .string({ error: "must be a string email address" })
  .max(MAX_EMAIL, { error: `must be at most ${MAX_EMAIL} characters` })
  .superRefine(refuseControlCharacters)
  .pipe(z.email({ error: "must be an email address like name@example.com" }));

export const csr = z
  .string({ error: "must be a PEM certificate signing request string" })
  .min(1, { error: "must not be empty: give a PEM certificate signing request", abort: true })
  .max(MAX_CSR, { error: `must be at most ${MAX_CSR} characters`, abort: true })
  .superRefine(refuseUnsoundCsr);

export const bool = (what: string) => z.boolean({ error: `must be a boolean, true or false (${what})` });

/** A request on an order and its status, as the order and reissue outputs list them. */
export const orderRequest = z
  .object({
    id: z.number().int().describe("ID of the request."),
    status: z.string().describe("Status of the request: pending, submitted, approved or rejected."),
  })
  .describe("A request on an order (for an order: its new-order request).")
  .register(OBJECT_TYPES, { name: "OrderRequest", description: "A request on an order and its status." });

export type OrderRequest = z.infer<typeof orderRequest>;
