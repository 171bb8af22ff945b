// CSRs made at test time, for subjects and key types the committed fixture does not
// cover (a CSR naming someone else, EC and Ed25519 keys, a changed CSR for a reissue).
// The keys live only in memory.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { webcrypto } from "node:crypto";

export type CsrKey = "RSA" | "RSA-PSS" | "EC" | "Ed25519";

const ALGORITHMS: Record<CsrKey, { gen: object; sign: object }> = {
  RSA: {
    gen: { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    sign: { name: "RSASSA-PKCS1-v1_5" },
  },
  "RSA-PSS": {
    gen: { name: "RSA-PSS", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-384" },
    sign: { name: "RSA-PSS", saltLength: 48 },
  },
  EC: { gen: { name: "ECDSA", namedCurve: "P-256" }, sign: { name: "ECDSA", hash: "SHA-256" } },
  Ed25519: { gen: { name: "Ed25519" }, sign: { name: "Ed25519" } },
};

export interface CsrOptions {
  commonName: string;
  /** Placed as subject emailAddress (the first) and as rfc822Name subject alternative names (all). */
  emails?: string[];
  key?: CsrKey;
}

/** A PEM CSR signed by a fresh key of the given type. */
export async function makeCsr(o: CsrOptions): Promise<string> {
  const alg = ALGORITHMS[o.key ?? "EC"];
  const keys = (await webcrypto.subtle.generateKey(alg.gen as never, false, ["sign", "verify"])) as never;
  const emails = o.emails ?? [];
  const name: Record<string, string[]>[] = [{ CN: [o.commonName] }];
  if (emails[0] !== undefined) name.push({ E: [emails[0]] });
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name,
    keys,
    signingAlgorithm: alg.sign as never,
    extensions: emails.length ? [new x509.SubjectAlternativeNameExtension(emails.map((value) => ({ type: "email" as const, value })))] : [],
  });
  return csr.toString("pem");
}

/** The library's own (asynchronous, WebCrypto) verdict on a CSR's signature. */
export async function libraryVerifies(pem: string): Promise<boolean> {
  return new x509.Pkcs10CertificateRequest(pem).verify();
}

/** The same CSR with one byte of its signature changed: it still parses, but no longer verifies. */
export function withAlteredSignature(pem: string): string {
  const body = pem.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, "");
  const der = Buffer.from(body, "base64");
  der[der.length - 8] = der[der.length - 8]! ^ 0x01;
  const lines = der.toString("base64").match(/.{1,64}/g)!;
  return ["-----BEGIN CERTIFICATE REQUEST-----", ...lines, "-----END CERTIFICATE REQUEST-----", ""].join("\n");
}
