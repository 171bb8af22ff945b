// Signs a certificate record into a real X.509 certificate: the key of its CSR (or
// the simulator's own), its serial number, its names and its validity dates.
import type { CertificateAuthority } from "./certificate-authority";
import { csrPublicKey } from "./csr";

/**
 * What certify reads and writes of a certificate record (state.ts's CertificateRecord
 * has it): declared here, so that this module needs nothing from the state that uses it.
 */
export type Certifiable = Parameters<CertificateAuthority["issue"]>[0]["subject"] & {
  readonly id: number;
  readonly serialNumber: string;
  readonly validTill?: string;
  readonly csr?: string;
  der?: string;
  thumbprint: string;
  keySize?: number;
};

/** DigiCert's `valid_till` is a day: the certificate runs to that day's last second (UTC). */
export function endOfDay(ymd: string): Date {
  return new Date(`${ymd}T23:59:59Z`);
}

/** Sets der, thumbprint and keySize; the record's serial number and validity dates are kept. */
export function certify(ca: CertificateAuthority, cert: Certifiable, notBefore: Date): void {
  if (cert.validTill === undefined) throw new Error(`certificate ${cert.id} has no validity to sign`);
  // Orders and reissues refuse a CSR that does not parse, so only a certificate from a
  // state file written before that check can get here without a key: it gets the simulator's.
  const publicKey = cert.csr === undefined ? undefined : csrPublicKey(cert.csr);
  const signed = ca.issue({
    serialNumber: cert.serialNumber,
    subject: cert,
    ...(publicKey ? { publicKey } : {}),
    notBefore,
    notAfter: endOfDay(cert.validTill),
  });
  cert.der = signed.der;
  cert.thumbprint = signed.thumbprint;
  cert.keySize = signed.keySize;
}
