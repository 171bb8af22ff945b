// Fake but well-formed PEM: correct armour, 64-column base64, a DER SEQUENCE
// header, and bytes derived from the certificate so each one differs and is stable.
// Nothing here is a parseable X.509 certificate.
import { createHash } from "node:crypto";

function pseudoDer(seed: string, length: number): Buffer {
  const chunks: Buffer[] = [];
  let block = createHash("sha256").update(seed).digest();
  for (let n = 0; n < length; n += block.length) {
    chunks.push(block);
    block = createHash("sha256").update(block).digest();
  }
  const body = Buffer.concat(chunks).subarray(0, length);
  // SEQUENCE with a two-byte length, as every real certificate starts.
  return Buffer.concat([Buffer.from([0x30, 0x82, (length >> 8) & 0xff, length & 0xff]), body]);
}

export function pemBlock(label: string, der: Buffer): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

export function endEntityPem(certificateId: number, serialNumber: string): string {
  return pemBlock("CERTIFICATE", pseudoDer(`end-entity:${certificateId}:${serialNumber}`, 1200));
}

export const INTERMEDIATE_PEM = pemBlock("CERTIFICATE", pseudoDer("simulated DigiCert intermediate CA", 1150));
export const ROOT_PEM = pemBlock("CERTIFICATE", pseudoDer("simulated DigiCert root CA", 900));

export function pkcs7Pem(certificateId: number, serialNumber: string): string {
  return pemBlock("PKCS7", pseudoDer(`pkcs7:${certificateId}:${serialNumber}`, 3300));
}
