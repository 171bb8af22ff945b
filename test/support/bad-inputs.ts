// The bad-input table: each case changes one valid declaration in one way, and says
// which field `check` must name and what the message must list as allowed.
import { privateKey } from "./private-keys";
import { CSR, orderInputs, reissueInputs } from "./providers";

export type Kind = "ClientCertificateOrder" | "CertificateReissue" | "OrderCtStatus" | "getOrderDuplicates";

export interface BadInput {
  kind: Kind;
  what: string;
  inputs: Record<string, unknown>;
  /** The property path `check` must report. */
  field: string;
  /** What the message must say is allowed. */
  allowed: RegExp;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const long = (n: number) => "x".repeat(n);
const cert = (over: Record<string, unknown>) => ({ commonName: "Lock Cole", emails: ["locke.cole@example.com"], signatureHash: "sha256", ...over });
const order = (what: string, over: Record<string, unknown>, field: string, allowed: RegExp): BadInput => ({
  kind: "ClientCertificateOrder",
  what,
  inputs: orderInputs(over),
  field,
  allowed,
});
const withCert = (what: string, over: Record<string, unknown>, field: string, allowed: RegExp) => order(what, { certificate: cert(over) }, field, allowed);

const PRODUCTS = /must be one of "client_authentication_plus", "client_premium", "client_digital_signature_plus", "client_email_security_plus", "class1_smime", "secure_email_mailbox", "secure_email_sponsor", "secure_email_organization", "client_premium_sha2", "client_digital_signature_plus_sha2"/;
const EMAIL = /must be an email address like name@example\.com/;
const POSITIVE = /must be a positive integer/;
const BOOLEAN = /must be a boolean, true or false/;
const ONE_OR_TWO = /must be 1 or 2/;
const PRIVATE_KEY = /holds a private key \("-----BEGIN [A-Z ]+-----"\); it was found and was not kept, sent or logged/;
const CONTROL = /must not contain control characters or line breaks/;
const LINE_BREAKS_ONLY = /may hold line breaks but no other control characters/;
/** A real CSR cut short (the test fixtures' CSRs were, before they were made real). */
const TRUNCATED_CSR = CSR.split("\n").slice(0, 3).join("\n") + "\n-----END CERTIFICATE REQUEST-----";
/** The fixture CSR with one byte of its signature changed: it parses, it does not verify. */
const alteredSignature = () => {
  const der = Buffer.from(CSR.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, ""), "base64");
  der[der.length - 8] = der[der.length - 8]! ^ 0x01;
  return `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString("base64").match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE REQUEST-----\n`;
};
const key = (label: string) => privateKey(label).pem;

const reissueCsr = reissueInputs(10_000_001);
const reissue = (what: string, over: Record<string, unknown>, field: string, allowed: RegExp): BadInput => ({
  kind: "CertificateReissue",
  what,
  inputs: { ...reissueCsr, ...over },
  field,
  allowed,
});
const reissueCert = (what: string, over: Record<string, unknown>, field: string, allowed: RegExp) =>
  reissue(what, { certificate: { ...(reissueCsr["certificate"] as Record<string, unknown>), ...over } }, field, allowed);
const ct = (what: string, inputs: Record<string, unknown>, field: string, allowed: RegExp): BadInput => ({ kind: "OrderCtStatus", what, inputs, field, allowed });
const dup = (what: string, inputs: Record<string, unknown>, field: string, allowed: RegExp): BadInput => ({ kind: "getOrderDuplicates", what, inputs, field, allowed });

export const BAD_INPUTS: BadInput[] = [
  order("unknown product id", { productId: "ssl_plus" }, "productId", PRODUCTS),
  order("empty product id", { productId: "" }, "productId", PRODUCTS),
  order("product id of the wrong type", { productId: 42 }, "productId", PRODUCTS),
  order("no certificate", { certificate: undefined }, "certificate", /is required: must be an object \{ commonName\?, emails\?, signatureHash/),
  order("certificate as a string", { certificate: "Lock Cole" }, "certificate", /must be an object \{ commonName\?, emails\?, signatureHash, organizationUnits\?, csr\?, commonNameIndicator\?, individual\?, usageDesignation\? \}/),
  // Each product's rules (DigiCert's pages of 2025), judged at preview.
  order("client_premium without commonNameIndicator", { productId: "client_premium" }, "certificate.commonNameIndicator", /is required for client_premium: one of "given_name_surname", "pseudonym"/),
  order("client_premium with given_name_surname but no lastName", { productId: "client_premium", certificate: cert({ commonNameIndicator: "given_name_surname", individual: { firstName: "Lock" } }) }, "certificate.individual.lastName", /is required when commonNameIndicator is "given_name_surname"/),
  order("class1_smime with commonName", { productId: "class1_smime" }, "certificate.commonName", /must be absent for class1_smime: mailbox-validated, DigiCert sets the common name to the first email/),
  order("secure_email_sponsor without individual", { productId: "secure_email_sponsor", certificate: { emails: ["locke.cole@example.com"], signatureHash: "sha256", commonNameIndicator: "given_name_surname", usageDesignation: { primaryUsage: "signing" } } }, "certificate.individual", /is required for secure_email_sponsor, whatever commonNameIndicator/),
  order("Secure Email without primaryUsage", { productId: "secure_email_mailbox", certificate: { emails: ["locke.cole@example.com"], signatureHash: "sha256", usageDesignation: {} } }, "certificate.usageDesignation.primaryUsage", /is required for Secure Email products: one of "signing", "key_management", "dual_use"/),
  order("Secure Email without usageDesignation", { productId: "secure_email_mailbox", certificate: { emails: ["locke.cole@example.com"], signatureHash: "sha256" } }, "certificate.usageDesignation", /is required for secure_email_mailbox/),
  order("unknown profileType", { productId: "secure_email_mailbox", profileType: "legacy", certificate: { emails: ["locke.cole@example.com"], signatureHash: "sha256", usageDesignation: { primaryUsage: "signing" } } }, "profileType", /must be one of "strict", "multipurpose"/),
  order("profileType for a client product", { productId: "client_premium", profileType: "strict", certificate: cert({ commonNameIndicator: "pseudonym", individual: { pseudonym: "Lock" } }) }, "profileType", /must be absent for client_premium: DigiCert issues its S\/MIME certificates with the Multipurpose profile itself/),
  order("secure_email_organization with a pseudonym", { productId: "secure_email_organization", certificate: { emails: ["locke.cole@example.com"], signatureHash: "sha256", commonNameIndicator: "pseudonym", usageDesignation: { primaryUsage: "signing" } } }, "certificate.commonNameIndicator", /must be one of "organization_name", "email_address" for secure_email_organization/),
  order("client_auth with the strict profile", { productId: "secure_email_mailbox", profileType: "strict", certificate: { emails: ["locke.cole@example.com"], signatureHash: "sha256", usageDesignation: { primaryUsage: "dual_use", additionalUsages: ["client_auth"] } } }, "certificate.usageDesignation.additionalUsages[0]", /must not be "client_auth" with profileType "strict"/),
  order("client_authentication_plus without commonName", { productId: "client_authentication_plus", certificate: { emails: ["locke.cole@example.com"], signatureHash: "sha256" } }, "certificate.commonName", /is required for client_authentication_plus/),
  withCert("empty email list", { emails: [] }, "certificate.emails", /must list at least one email address/),
  withCert("empty email", { emails: [""] }, "certificate.emails[0]", EMAIL),
  withCert("malformed email", { emails: ["not-an-email"] }, "certificate.emails[0]", EMAIL),
  withCert("email with two @", { emails: ["locke@cole@example.com"] }, "certificate.emails[0]", EMAIL),
  withCert("email list as a string", { emails: "locke.cole@example.com" }, "certificate.emails", /must be a list of email addresses/),
  withCert("oversized email", { emails: [`${long(250)}@example.com`] }, "certificate.emails[0]", /must be at most 254 characters/),
  withCert("sha1 signature hash", { signatureHash: "sha1" }, "certificate.signatureHash", /must be "sha256"/),
  withCert("sha384 signature hash (not for client certificates)", { signatureHash: "sha384" }, "certificate.signatureHash", /must be "sha256"/),
  withCert("empty common name", { commonName: "" }, "certificate.commonName", /must not be empty/),
  withCert("oversized common name", { commonName: long(65) }, "certificate.commonName", /must be at most 64 characters/),
  withCert("oversized organization unit", { organizationUnits: [long(65)] }, "certificate.organizationUnits[0]", /must be at most 64 characters/),
  withCert("empty CSR", { csr: "" }, "certificate.csr", /must not be empty: give a PEM certificate signing request/),
  withCert("unknown certificate field", { dnsNames: ["example.com"] }, "certificate.dnsNames", /unknown field "dnsNames"; allowed fields: commonName, commonNameIndicator, individual, usageDesignation, emails, signatureHash, organizationUnits, csr/),
  order("validity 0", { validityYears: 0 }, "validityYears", ONE_OR_TWO),
  order("validity 3", { validityYears: 3 }, "validityYears", ONE_OR_TWO),
  order("validity as a string", { validityYears: "1" }, "validityYears", ONE_OR_TWO),
  order("custom expiration date with slashes", { customExpirationDate: "2027/01/31" }, "customExpirationDate", /must be a calendar date in the form yyyy-MM-dd/),
  order("custom expiration date that does not exist", { customExpirationDate: "2027-02-30" }, "customExpirationDate", /must be a calendar date in the form yyyy-MM-dd/),
  order("custom expiration date in the past", { customExpirationDate: day(-1) }, "customExpirationDate", /must be a date in the future/),
  order("custom expiration date 825 days ahead", { customExpirationDate: day(825) }, "customExpirationDate", /must be less than 825 days in the future/),
  order("custom expiration date 2000 days ahead", { customExpirationDate: day(2000) }, "customExpirationDate", /must be less than 825 days in the future/),
  order("negative organization id", { organizationId: -1 }, "organizationId", POSITIVE),
  order("fractional organization id", { organizationId: 1.5 }, "organizationId", /must be a positive integer .*not a fraction/),
  order("organization id 0", { organizationId: 0 }, "organizationId", POSITIVE),
  order("organization id as a string", { organizationId: "112233" }, "organizationId", POSITIVE),
  order("no organization id", { organizationId: undefined }, "organizationId", /is required: must be a positive integer/),
  order("negative container id", { containerId: -5 }, "containerId", POSITIVE),
  order("fractional renewal-of order id", { renewalOfOrderId: 3.7 }, "renewalOfOrderId", /not a fraction/),
  order("negative auto renew", { autoRenew: -1 }, "autoRenew", /must be a whole number of automatic renewals, 0 or more/),
  order("unknown payment method", { paymentMethod: "cash" }, "paymentMethod", /must be one of "balance", "card", "profile"/),
  order("skipApproval as a string", { skipApproval: "yes" }, "skipApproval", BOOLEAN),
  order("unknown field", { colour: "red" }, "colour", /unknown field "colour"; allowed fields: productId, certificate, profileType, organizationId, containerId, validityYears/),
  order("misspelt field (snake_case)", { skip_approval: true }, "skip_approval", /unknown field "skip_approval"; allowed fields: .*skipApproval/),
  order("custom field with a negative metadata id", { customFields: [{ metadataId: -1, value: "x" }] }, "customFields[0].metadataId", POSITIVE),
  order("oversized revocation comments", { revocationComments: long(1025) }, "revocationComments", /must be at most 1024 characters/),
  order("adoptOrderId 0", { adoptOrderId: 0 }, "adoptOrderId", POSITIVE),
  withCert("CSR followed by its private key (PKCS #8)", { csr: CSR + key("PRIVATE KEY") }, "certificate.csr", PRIVATE_KEY),
  withCert("CSR followed by an RSA private key", { csr: CSR + key("RSA PRIVATE KEY") }, "certificate.csr", PRIVATE_KEY),
  withCert("EC private key instead of the CSR", { csr: key("EC PRIVATE KEY") }, "certificate.csr", PRIVATE_KEY),
  withCert("encrypted private key after the CSR", { csr: CSR + key("ENCRYPTED PRIVATE KEY") }, "certificate.csr", PRIVATE_KEY),
  withCert("DSA private key as an organization unit", { organizationUnits: [key("DSA PRIVATE KEY")] }, "certificate.organizationUnits[0]", PRIVATE_KEY),
  order("OpenSSH private key in the revocation comments", { revocationComments: key("OPENSSH PRIVATE KEY") }, "revocationComments", PRIVATE_KEY),
  order("PGP private key block in a custom field", { customFields: [{ metadataId: 3, value: key("PGP PRIVATE KEY BLOCK") }] }, "customFields[0].value", PRIVATE_KEY),
  withCert("truncated CSR", { csr: TRUNCATED_CSR }, "certificate.csr", /does not parse as a PKCS #10 certificate signing request/),
  withCert("two CSRs in one", { csr: CSR + CSR }, "certificate.csr", /must hold exactly one certificate signing request/),
  withCert("CSR with a certificate after it", { csr: `${CSR}-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n` }, "certificate.csr", /must hold only the certificate signing request/),
  withCert("CSR whose signature does not verify", { csr: alteredSignature() }, "certificate.csr", /signature that does not verify/),
  withCert("CSR without its END line", { csr: CSR.replace("-----END CERTIFICATE REQUEST-----", "") }, "certificate.csr", /no "-----END CERTIFICATE REQUEST-----" line/),
  withCert("common name with a line break", { commonName: "Lock\nCole" }, "certificate.commonName", CONTROL),
  withCert("common name with a tab", { commonName: "Lock\tCole" }, "certificate.commonName", CONTROL),
  withCert("organization unit with a NUL", { organizationUnits: ["Accounting\u0000"] }, "certificate.organizationUnits[0]", CONTROL),
  withCert("the same email twice", { emails: ["locke.cole@example.com", "locke.cole@example.com"] }, "certificate.emails[1]", /duplicates the email address at \[0\]/),
  withCert("the same email in another case", { emails: ["locke.cole@example.com", "LOCKE.COLE@example.com"] }, "certificate.emails[1]", /duplicates the email address at \[0\] .*differ only in case/),
  order("revocation comments with a bell character", { revocationComments: "removed\u0007" }, "revocationComments", LINE_BREAKS_ONLY),
  order("custom field value with an escape character", { customFields: [{ metadataId: 3, value: "\u001b[0m" }] }, "customFields[0].value", LINE_BREAKS_ONLY),

  reissueCert("empty CSR on reissue", { csr: "" }, "certificate.csr", /must not be empty: give a PEM certificate signing request/),
  reissueCert("CSR that is not PEM", { csr: "MIICgDCCAWgCAQAwOzES" }, "certificate.csr", /must be a PEM certificate signing request \("-----BEGIN CERTIFICATE REQUEST-----/),
  reissueCert("oversized CSR", { csr: `-----BEGIN CERTIFICATE REQUEST-----\n${long(17_000)}` }, "certificate.csr", /must be at most 16384 characters/),
  reissueCert("md5 signature hash", { signatureHash: "md5" }, "certificate.signatureHash", /must be one of "sha256", "sha384", "sha512"/),
  reissueCert("server platform -2", { serverPlatformId: -2 }, "certificate.serverPlatformId", /must be an integer server platform id \(-1 for other\)/),
  reissueCert("oversized DNS name", { dnsNames: [long(254)] }, "certificate.dnsNames[0]", /must be at most 253 characters/),
  reissueCert("no common name", { commonName: undefined }, "certificate.commonName", /is required: must be a string/),
  reissue("negative order id", { orderId: -3 }, "orderId", POSITIVE),
  reissue("fractional order id", { orderId: 2.5 }, "orderId", /not a fraction/),
  reissue("skipApproval as a string", { skipApproval: "true" }, "skipApproval", BOOLEAN),
  reissue("oversized comments", { comments: long(1025) }, "comments", /must be at most 1024 characters/),
  reissue("unknown field", { reason: "key compromise" }, "reason", /unknown field "reason"; allowed fields: orderId, certificate, comments, skipApproval/),
  reissueCert("CSR followed by its private key on reissue", { csr: CSR + key("PRIVATE KEY") }, "certificate.csr", PRIVATE_KEY),
  reissue("RSA private key in the comments", { comments: key("RSA PRIVATE KEY") }, "comments", PRIVATE_KEY),
  reissueCert("truncated CSR on reissue", { csr: TRUNCATED_CSR }, "certificate.csr", /does not parse as a PKCS #10 certificate signing request/),
  reissueCert("CSR on reissue whose signature does not verify", { csr: alteredSignature() }, "certificate.csr", /signature that does not verify/),
  reissueCert("DNS name with a line break", { dnsNames: ["example.com\nevil.example.com"] }, "certificate.dnsNames[0]", CONTROL),
  reissueCert("common name with a right-to-left override", { commonName: "Lock \u202eeloC" }, "certificate.commonName", CONTROL),
  reissue("comments with a NUL", { comments: "rotated\u0000" }, "comments", LINE_BREAKS_ONLY),

  ct("disableCt as the string \"true\"", { orderId: 10_000_001, disableCt: "true" }, "disableCt", BOOLEAN),
  ct("disableCt as 1", { orderId: 10_000_001, disableCt: 1 }, "disableCt", BOOLEAN),
  ct("no disableCt", { orderId: 10_000_001 }, "disableCt", /is required: must be a boolean, true or false/),
  ct("order id as a word", { orderId: "abc", disableCt: true }, "orderId", POSITIVE),
  ct("negative order id", { orderId: -1, disableCt: true }, "orderId", POSITIVE),
  ct("unknown field", { orderId: 10_000_001, disableCt: true, enabled: false }, "enabled", /unknown field "enabled"; allowed fields: orderId, disableCt/),
  ct("private key as the order id", { orderId: key("EC PRIVATE KEY"), disableCt: true }, "orderId", PRIVATE_KEY),

  dup("order id 0", { orderId: 0 }, "orderId", POSITIVE),
  dup("negative order id", { orderId: -7 }, "orderId", POSITIVE),
  dup("fractional order id", { orderId: 1.25 }, "orderId", /not a fraction/),
  dup("order id as a string", { orderId: "10000001" }, "orderId", POSITIVE),
  dup("no order id", {}, "orderId", /is required: must be a positive integer/),
  dup("unknown field", { orderId: 10_000_001, page: 2 }, "page", /unknown field "page"; allowed fields: orderId/),
  dup("private key as the order id", { orderId: key("PRIVATE KEY") }, "orderId", PRIVATE_KEY),
];
