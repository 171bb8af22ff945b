// Certificate signing requests: where a certificate's public key comes from. Like
// CertCentral, the simulator takes no names from a CSR (the order's certificate
// fields say what goes on the certificate), only its key.
import { createPublicKey } from "node:crypto";
import type { Check } from "./validate";
import { x509 } from "./x509";

// Tests and benchmarks send the same few CSRs again and again: parse each once.
const parsed = new Map<string, Buffer | null>();
const CACHE_SIZE = 256;

/**
 * The CSR's SubjectPublicKeyInfo (DER), or undefined when the text is not a PKCS#10
 * request (PEM, or base64 DER) holding a public key node:crypto can load.
 */
export function csrPublicKey(csr: string): Buffer | undefined {
  const cached = parsed.get(csr);
  if (cached !== undefined) return cached ?? undefined;
  let spki: Buffer | null = null;
  try {
    const request = new x509.Pkcs10CertificateRequest(csr.trim());
    spki = Buffer.from(request.publicKey.rawData);
    createPublicKey({ key: spki, format: "der", type: "spki" });
  } catch {
    spki = null;
  }
  if (parsed.size >= CACHE_SIZE) parsed.clear();
  parsed.set(csr, spki);
  return spki ?? undefined;
}

/** Adds CertCentral's error for a CSR that does not parse, naming the field. */
export function checkCsr(c: Check, csr: string | undefined, path: string): void {
  if (csr === undefined || csrPublicKey(csr)) return;
  c.errors.push({
    code: "csr_invalid_cannot_parse",
    message: `${path}: cannot be parsed: must be a PKCS#10 certificate signing request in PEM ("-----BEGIN CERTIFICATE REQUEST-----...")`,
  });
}
