// pkcs12Bundle's inputs, checked once for both the SDK function and the component.
import { z } from "zod";
import { PKCS12_PROFILES } from "./pkcs12";

const pem = (what: string) => z.string({ error: `must be ${what}, PEM` }).min(1, { error: `must be ${what}, PEM` });

export const pkcs12BundleInputs = z.strictObject({
  certificatePem: pem("the certificate (the leaf)"),
  chainPem: z.string({ error: "must be the issuing CA certificates, PEM" }).optional(),
  privateKeyPem: pem("the certificate's private key"),
  password: z.string({ error: "must be the password of the PKCS#12 file" }).min(1, { error: "must not be empty: a PKCS#12 file without a password leaves the key readable" }),
  profile: z.enum(PKCS12_PROFILES, { error: `must be "modern" or "legacy"` }).optional(),
  friendlyName: z.string({ error: "must be a string" }).max(256, { error: "must be at most 256 characters" }).optional(),
});

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
