// ClientCertificate's inputs and outputs, defined once: schema.json's component (which
// Pulumi YAML and the generated SDKs read), and the check of the key and PKCS#12 terms
// both servings run (sdk/client-certificate.ts). The order's terms are the order's own
// rules, under the same names.
import { z } from "zod";
import { ECDSA_CURVES, KEY_ALGORITHMS, RSA_BITS } from "../../credentials/key";
import { PKCS12_PROFILES } from "../../credentials/pkcs12";
import { OBJECT_TYPES } from "../../kit/inputs/definition";
import { clientCertificateDetails } from "../../kinds/client-certificate-order/certificate-details";
import { DEFAULT_RENEW_BEFORE_DAYS, clientCertificateOrder } from "../../kinds/client-certificate-order/schema";

const oneOf = (values: readonly (string | number)[]) => values.map((v) => (typeof v === "string" ? `"${v}"` : String(v))).join(", ");
const literals = <T extends string | number>(values: readonly T[], what: string) =>
  z.union(
    values.map((v) => z.literal(v)),
    { error: `must be ${what}: one of ${oneOf(values)}` },
  );

/** The key and PKCS#12 terms: checked in the component itself, before any resource is registered. */
export const clientCertificateKeyTerms = z.object({
  keyAlgorithm: literals(KEY_ALGORITHMS, "the key's algorithm").optional().describe('The key\'s algorithm, as @pulumi/tls names it: "RSA" (the default) or "ECDSA".'),
  rsaBits: literals(RSA_BITS, "the RSA key's size in bits").optional().describe("RSA: the key's size in bits: 2048 (the default), 3072 or 4096."),
  ecdsaCurve: literals(ECDSA_CURVES, "the ECDSA key's curve").optional().describe('ECDSA: the curve, "P256" (the default) or "P384".'),
  rotateKeyOnRenewal: z.boolean({ error: "must be true or false" }).optional().describe("Renew with a new key (true, the default) or with the same key (false)."),
  pkcs12Password: z
    .string({ error: "must be the PKCS#12 file's password" })
    .min(1, { error: "must not be empty: a PKCS#12 file without a password leaves the key readable" })
    .optional()
    .describe("With it, the pkcs12 output holds the key, the certificate and its chain, encrypted with it. A secret."),
  pkcs12Profile: literals(PKCS12_PROFILES, "the PKCS#12 profile")
    .optional()
    .describe('"modern" (the default: AES-256-CBC, PBKDF2-HMAC-SHA-256, a SHA-256 MAC, as OpenSSL 3 writes) or "legacy" (3DES, a SHA-1 MAC, for older Windows and macOS keychains).'),
  friendlyName: z
    .string({ error: "must be a string" })
    .max(256, { error: "must be at most 256 characters" })
    .optional()
    .describe("The name a keychain shows for the PKCS#12's key and certificate. Default the resource's name."),
});

/** The certificate's details without a CSR: the component makes the key and its CSR. */
const certificateSubject = clientCertificateDetails
  .omit({ csr: true })
  .describe("Details of the client certificate to order, as the order takes them, without a CSR: the component makes the key and its CSR.")
  .register(OBJECT_TYPES, { name: "ClientCertificateSubject", description: "Details of a client certificate to order, without a CSR." });

export const clientCertificateInputs = clientCertificateOrder.inputs
  .omit({ certificate: true, nextCsr: true, keepCsrOnRenewal: true, adoptOrderId: true, renewalOfOrderId: true, autoRenew: true })
  .extend({ certificate: certificateSubject })
  .extend(clientCertificateKeyTerms.shape)
  .describe(
    "A client certificate with its key: the key made in the program's (or the plugin's) process, never sent to DigiCert and kept only as a secret; the order placed with its CSR; " +
      "renewed inside renewBeforeDays with a new key (rotateKeyOnRenewal); and the files a client loads as outputs: PEM, full chain, PKCS#12.",
  );

const orderOutputs = clientCertificateOrder.outputs.shape;

export const clientCertificateOutputs = z.object({
  orderId: orderOutputs.orderId,
  certificateId: orderOutputs.certificateId,
  status: orderOutputs.status,
  validFrom: orderOutputs.validFrom,
  validTill: orderOutputs.validTill,
  subjectCommonName: orderOutputs.subjectCommonName,
  certificatePem: z.string().optional().describe("The certificate (the leaf), PEM; once issued."),
  chainPem: z.string().optional().describe("The issuing CA certificates, PEM, without the leaf; once issued."),
  fullChainPem: z.string().optional().describe("The leaf, then the chain, PEM; once issued."),
  privateKeyPem: z.string().optional().describe("The certificate's key, PKCS#8 PEM. A secret."),
  pkcs12: z.string().optional().describe("Key, certificate and chain as a PKCS#12 file (.p12/.pfx), base64, encrypted with pkcs12Password; only with it. A secret."),
  serialNumber: z.string().optional().describe("The certificate's serial number, hex, upper case."),
  sha256Fingerprint: z.string().optional().describe("The certificate's SHA-256 fingerprint, hex, lower case."),
  notBefore: z.string().optional().describe("The certificate's notBefore, ISO 8601."),
  notAfter: z.string().optional().describe("The certificate's notAfter, ISO 8601."),
  renewAfter: z.string().optional().describe(`notAfter less renewBeforeDays (default ${DEFAULT_RENEW_BEFORE_DAYS}): the first \`pulumi up\` from then on renews.`),
});

/** Inputs and outputs schema.json marks secret. */
export const CLIENT_CERTIFICATE_SECRETS: readonly string[] = ["pkcs12Password", "privateKeyPem", "pkcs12"];

/** The component's type token, in both servings (schema.json's). */
export const CLIENT_CERTIFICATE_TYPE = "digicert:index:ClientCertificate";

/** The component as schema.json describes it. */
export const clientCertificateComponent = {
  kind: "ClientCertificate",
  description: clientCertificateInputs.description ?? "",
  inputs: clientCertificateInputs,
  outputs: clientCertificateOutputs,
  secrets: CLIENT_CERTIFICATE_SECRETS,
} as const;

/**
 * The key and PKCS#12 terms that are plain values, checked: each failure names the field
 * and what is allowed, and never echoes a value (the password is one).
 */
export function keyTermsFailures(terms: Record<string, unknown>): { property: string; reason: string }[] {
  const known = Object.fromEntries(Object.entries(terms).filter(([k]) => k in clientCertificateKeyTerms.shape));
  const r = clientCertificateKeyTerms.safeParse(known);
  return r.success ? [] : r.error.issues.map((i) => ({ property: i.path.join(".") || "(inputs)", reason: i.message }));
}
