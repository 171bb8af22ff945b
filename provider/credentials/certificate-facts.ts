// The facts of an issued certificate a program acts on, read from the certificate itself.
import { X509Certificate } from "node:crypto";

export interface CertificateFacts {
  /** Upper-case hex, no separators. */
  readonly serialNumber: string;
  /** Lower-case hex, no separators. */
  readonly sha256Fingerprint: string;
  /** ISO 8601, UTC. */
  readonly notBefore: string;
  readonly notAfter: string;
  /** notAfter less renewBeforeDays: from then on the next `up` renews. */
  readonly renewAfter: string;
}

export function certificateFacts(certificatePem: string, renewBeforeDays: number): CertificateFacts {
  const cert = new X509Certificate(certificatePem);
  const notAfter = new Date(cert.validTo);
  return {
    serialNumber: cert.serialNumber.toUpperCase(),
    sha256Fingerprint: cert.fingerprint256.replace(/:/g, "").toLowerCase(),
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: notAfter.toISOString(),
    renewAfter: new Date(notAfter.getTime() - Math.max(renewBeforeDays, 0) * 86_400_000).toISOString(),
  };
}
