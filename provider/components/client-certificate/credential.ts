// What a client loads, from one certificate and the key it was issued for: PEMs, full
// chain, PKCS#12 and the certificate's facts; and the check of the key and PKCS#12 terms.
import { createHash, createPrivateKey, X509Certificate } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { certificateFacts } from "../../credentials/certificate-facts";
import { pkcs12, type Pkcs12Profile } from "../../credentials/pkcs12";
import { CLIENT_CERTIFICATE_TYPE, keyTermsFailures } from "./schema";

/** What a client loads, computed together from one certificate and its key: never a mix. */
export interface Credential {
  certificatePem?: string;
  chainPem?: string;
  fullChainPem?: string;
  privateKeyPem?: string;
  pkcs12?: string;
  serialNumber?: string;
  sha256Fingerprint?: string;
  notBefore?: string;
  notAfter?: string;
  renewAfter?: string;
}

/**
 * Fails naming each bad key or PKCS#12 term and what is allowed (never its value: the
 * password is one). Terms not yet known (Outputs, Promises) are left to their turn.
 */
export function checkKeyTerms(name: string, terms: Record<string, unknown>): void {
  const known = Object.fromEntries(Object.entries(terms).filter(([, v]) => v !== undefined && !pulumi.Output.isInstance(v) && !(v instanceof Promise)));
  const failures = keyTermsFailures(known);
  if (failures.length > 0) {
    throw new Error(`${CLIENT_CERTIFICATE_TYPE} ${name}: ${failures.map((f) => `${f.property} ${f.reason}`).join("; ")}`);
  }
}

interface CredentialInputs {
  name: string;
  certificatePem: string | undefined;
  chainPem: string | undefined;
  privateKeyPem: string | undefined;
  renewBeforeDays: number;
  password: string | undefined;
  profile: Pkcs12Profile | undefined;
  friendlyName: string | undefined;
}

/** The outputs from one certificate and the key it was issued for; none before it is issued. */
export function credentialOf(c: CredentialInputs): Credential {
  if (c.certificatePem === undefined || c.privateKeyPem === undefined) return {};
  // Never a mix: the key the state holds must be the certificate's.
  if (!new X509Certificate(c.certificatePem).checkPrivateKey(createPrivateKey(c.privateKeyPem))) {
    throw new Error(
      `${c.name}: the key held is not the key of the order's certificate; no outputs are given rather than a certificate with another key. ` +
        "Run `pulumi refresh`, then `pulumi up`.",
    );
  }
  const chainPem = c.chainPem ?? "";
  const seed = createHash("sha256").update(c.privateKeyPem).update(c.certificatePem).update(chainPem).update(c.password ?? "").digest();
  return {
    certificatePem: c.certificatePem,
    chainPem: c.chainPem,
    fullChainPem: c.certificatePem.trimEnd() + "\n" + chainPem,
    privateKeyPem: c.privateKeyPem,
    ...(c.password !== undefined
      ? {
          pkcs12: pkcs12({
            certificatePem: c.certificatePem,
            chainPem,
            privateKeyPem: c.privateKeyPem,
            password: c.password,
            profile: c.profile ?? "modern",
            friendlyName: c.friendlyName ?? c.name,
            seed,
          }).toString("base64"),
        }
      : {}),
    ...certificateFacts(c.certificatePem, c.renewBeforeDays),
  };
}
