// PEM blocks in and out: certificates as DER for the PKCS#12 bags, keys and CSRs out.
import { X509Certificate } from "node:crypto";

const CERTIFICATE = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;

/** Every certificate in a PEM text, in order, as X509Certificate (each one parsed: garbage is refused). */
export function certificatesIn(pem: string): X509Certificate[] {
  return [...pem.matchAll(CERTIFICATE)].map((m, i) => {
    try {
      return new X509Certificate(Buffer.from(m[1]!.replace(/\s+/g, ""), "base64"));
    } catch (e) {
      throw new Error(`certificate ${i + 1} of the PEM text does not parse as X.509: ${(e as Error).message}`);
    }
  });
}

/** The one certificate of a PEM text (the leaf). */
export function onlyCertificate(pem: string, what: string): X509Certificate {
  const all = certificatesIn(pem);
  if (all.length !== 1) throw new Error(`${what} must hold exactly one PEM certificate, found ${all.length}`);
  return all[0]!;
}

export function toPem(label: string, der: Buffer): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}
