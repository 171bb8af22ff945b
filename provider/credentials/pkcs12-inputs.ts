// pkcs12Bundle, defined once: its inputs, checked the same way by the SDK function (in
// the program's process) and the plugin's invoke, and its result; schema.json's function.
import { createHash } from "node:crypto";
import { z } from "zod";
import { defineFunction } from "../kit/inputs/definition";
import { PKCS12_PROFILES, pkcs12 } from "./pkcs12";

const pem = (what: string) => z.string({ error: `must be ${what}, PEM` }).min(1, { error: `must be ${what}, PEM` });

export const pkcs12BundleInputs = z
  .strictObject({
    certificatePem: pem("the certificate (the leaf)").describe("The certificate (the leaf), PEM."),
    chainPem: z.string({ error: "must be the issuing CA certificates, PEM" }).optional().describe("The issuing CA certificates, PEM, without the leaf."),
    privateKeyPem: pem("the certificate's private key").describe("The certificate's private key, PEM (PKCS#8, PKCS#1 or SEC 1). A secret."),
    password: z
      .string({ error: "must be the password of the PKCS#12 file" })
      .min(1, { error: "must not be empty: a PKCS#12 file without a password leaves the key readable" })
      .describe("The PKCS#12 file's password. A secret."),
    profile: z
      .union([z.literal(PKCS12_PROFILES[0]), z.literal(PKCS12_PROFILES[1])], { error: `must be "modern" or "legacy"` })
      .optional()
      .describe('"modern" (the default: AES-256-CBC, PBKDF2-HMAC-SHA-256, a SHA-256 MAC) or "legacy" (3DES, a SHA-1 MAC).'),
    friendlyName: z.string({ error: "must be a string" }).max(256, { error: "must be at most 256 characters" }).optional().describe("The name a keychain shows for the key and the certificate."),
  })
  .describe("A PKCS#12 file (.p12/.pfx) of a certificate, its chain and its key, for programs that keep their own keys. Made where it runs: nothing is sent anywhere.");

export const pkcs12BundleFunction = defineFunction({
  name: "pkcs12Bundle",
  inputs: pkcs12BundleInputs,
  result: z.object({ pkcs12: z.string().describe("The PKCS#12 file, base64. A secret.") }).describe("A PKCS#12 file."),
});

/** Inputs and result schema.json marks secret. */
export const PKCS12_BUNDLE_SECRETS: readonly string[] = ["privateKeyPem", "password", "pkcs12"];

export type Pkcs12BundleInputs = z.infer<typeof pkcs12BundleInputs>;

export interface Pkcs12BundleResult {
  /** The PKCS#12 file, base64. */
  readonly pkcs12: string;
}

/** Reports which field is wrong without echoing a value (a key or a password may be one). */
export function parsePkcs12BundleInputs(args: unknown): Pkcs12BundleInputs {
  const r = pkcs12BundleInputs.safeParse(args);
  if (!r.success) {
    throw new Error(`pkcs12Bundle: ${r.error.issues.map((i) => `${i.path.join(".") || "(arguments)"} ${i.message}`).join("; ")}`);
  }
  return r.data;
}

/**
 * pkcs12Bundle itself, for both servings: the inputs checked, then the file. Its salts and
 * IVs are derived from the inputs (key, certificate, chain, password, profile, name), so
 * the same inputs give the same file: an `up` that changes none of them changes no
 * output, as the component's `pkcs12`. The key is the secret in the derivation, and a
 * key is never bundled under two passwords with the same salts.
 */
export function bundlePkcs12(args: unknown): Pkcs12BundleResult {
  const i = parsePkcs12BundleInputs(args);
  const seed = createHash("sha256")
    .update(JSON.stringify(["pkcs12Bundle", i.privateKeyPem, i.certificatePem, i.chainPem ?? "", i.password, i.profile ?? "modern", i.friendlyName ?? ""]))
    .digest();
  return { pkcs12: pkcs12({ ...i, seed }).toString("base64") };
}
