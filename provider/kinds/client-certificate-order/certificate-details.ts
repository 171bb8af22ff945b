// The certificate an order asks for: its details, the S/MIME subject (individual,
// usage designation) and the email validation status DigiCert reports.
import { z } from "zod";
import { OBJECT_TYPES } from "../../kit/inputs/definition";
import { COMMON_NAME_INDICATORS, PRIMARY_USAGES, MAX_NAME, csr, email, list, name } from "../../kit/inputs/fields";
import { refuseDuplicateEmails } from "../../kit/inputs/text";

const individual = z
  .strictObject(
    {
      firstName: name("the person's given name", MAX_NAME).optional().describe("Given name of the person the certificate is for."),
      lastName: name("the person's surname", MAX_NAME).optional().describe("Surname of the person the certificate is for."),
      pseudonym: name("the person's pseudonym", MAX_NAME).optional().describe("Pseudonym of the person the certificate is for."),
    },
    { error: "must be an object { firstName?, lastName?, pseudonym? }" },
  )
  .describe("The person an S/MIME certificate is for: firstName and lastName, or pseudonym, as commonNameIndicator requires. Sent as `individual`.")
  .register(OBJECT_TYPES, { name: "Individual", description: "The person an S/MIME certificate is for." });

const usageDesignation = z
  .strictObject(
    {
      primaryUsage: z
        .enum(PRIMARY_USAGES, {
          error: (iss) =>
            `${iss.input === undefined ? "is required for Secure Email products: " : "must be "}one of ${list(PRIMARY_USAGES)} (email signing only, encryption only, or both)`,
        })
        .describe('The primary use, which decides key usage: "signing", "key_management" (encryption) or "dual_use" (both). Required.'),
      additionalUsages: z
        .array(name("an additional use", MAX_NAME), { error: "must be a list of additional uses" })
        .max(10, { error: "must list at most 10 additional uses" })
        .optional()
        .describe('Additional uses DigiCert adds to key usage and extended key usage, such as "non_repudiation" or "client_auth" (not with the strict profile).'),
    },
    { error: "must be an object { primaryUsage, additionalUsages? }" },
  )
  .describe("Secure Email only: what the certificate's key is for. Sent as `usage_designation`.")
  .register(OBJECT_TYPES, { name: "UsageDesignation", description: "What a Secure Email certificate's key is for." });

/** One email address of an S/MIME order and whether its recipient validated it. */
export const emailValidation = z
  .object({
    email: z.string().describe("Email address on the order."),
    status: z.string().describe("validated or unvalidated."),
    dateEmailed: z.string().optional().describe("Date DigiCert sent the validation email (yyyy-MM-dd)."),
  })
  .describe("An email address of an S/MIME order and its validation.")
  .register(OBJECT_TYPES, { name: "EmailValidation", description: "An email address of an S/MIME order and its validation." });

export const clientCertificateDetails = z
  .strictObject(
    {
      commonName: name("the name to secure, for client certificates a person's name", MAX_NAME)
        .optional()
        .describe(
          "Name to secure; for client certificates, the person's name. Required for client_authentication_plus (and the older ids without commonNameIndicator); " +
            "must be absent for class1_smime and the Secure Email products, which DigiCert names itself (see the subjectCommonName output).",
        ),
      commonNameIndicator: z
        .enum(COMMON_NAME_INDICATORS, { error: `must be one of ${list(COMMON_NAME_INDICATORS)}` })
        .optional()
        .describe(
          'What DigiCert puts in the common name of an S/MIME certificate: "given_name_surname" or "pseudonym" (required for client_premium, ' +
            'client_digital_signature_plus, client_email_security_plus and secure_email_sponsor), "email_address" (Secure Email), "organization_name" (secure_email_organization). Sent as `common_name_indicator`.',
        ),
      individual: individual.optional(),
      usageDesignation: usageDesignation.optional(),
      emails: z
        .array(email, { error: "must be a list of email addresses" })
        .min(1, { error: "must list at least one email address" })
        .max(100, { error: "must list at most 100 email addresses" })
        .superRefine(refuseDuplicateEmails)
        .optional()
        .describe(
          "Email addresses to place on the certificate. DigiCert's Order client certificate page requires them for every new order; " +
            "they may be absent only on a client_authentication_plus order taken by `pulumi import`, whose order info carries no emails (DigiCert returns them only for S/MIME orders).",
        ),
      signatureHash: z
        .literal("sha256", { error: 'must be "sha256", the only signature hash DigiCert allows for client certificates' })
        .describe('Signature hash algorithm for the certificate. Allowed: "sha256".'),
      organizationUnits: z
        .array(name("a department name", MAX_NAME), { error: "must be a list of department names" })
        .max(20, { error: "must list at most 20 organization units" })
        .optional()
        .describe("Departments within the organization to place on the certificate."),
      csr: csr.optional().describe("Certificate signing request (PEM). Optional for client certificates; DigiCert does not read values from it."),
    },
    { error: "must be an object { commonName?, emails?, signatureHash, organizationUnits?, csr?, commonNameIndicator?, individual?, usageDesignation? }" },
  )
  .describe("Details of the client certificate to order.")
  .register(OBJECT_TYPES, { name: "ClientCertificateDetails", description: "Details of a client certificate to order." });
