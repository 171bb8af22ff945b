// Signs a certificate record into a real X.509 certificate: the key of its CSR (or
// the simulator's own), its serial number, its names and its validity dates.
import type { CertificateAuthority } from "./certificate-authority";
import { csrPublicKey } from "./csr";
import type { CertificateRecord } from "./state";

/** DigiCert's `valid_till` is a day: the certificate runs to that day's last second (UTC). */
export function endOfDay(ymd: string): Date {
  return new Date(`${ymd}T23:59:59Z`);
}

/** Sets der, thumbprint and keySize; the record's serial number and validity dates are kept. */
export function certify(ca: CertificateAuthority, cert: CertificateRecord, notBefore: Date): void {
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
