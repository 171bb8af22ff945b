// The key a ClientCertificate makes, named as @pulumi/tls names its choices, and the CSR
// made from it. The key is made with Node's crypto in the process that calls this (the
// program's, or the plugin's Construct) and leaves it only as a Pulumi secret.
import { createPrivateKey, createPublicKey, generateKeyPairSync, webcrypto } from "node:crypto";
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { toPem } from "./pem";

export const KEY_ALGORITHMS = ["RSA", "ECDSA"] as const;
export type KeyAlgorithm = (typeof KEY_ALGORITHMS)[number];
export const RSA_BITS = [2048, 3072, 4096] as const;
export type RsaBits = (typeof RSA_BITS)[number];
export const ECDSA_CURVES = ["P256", "P384"] as const;
export type EcdsaCurve = (typeof ECDSA_CURVES)[number];

export interface KeySpec {
  readonly keyAlgorithm?: KeyAlgorithm;
  readonly rsaBits?: RsaBits;
  readonly ecdsaCurve?: EcdsaCurve;
}

export interface KeyAndCsr {
  /** PKCS#8 PEM: the secret. */
  readonly privateKeyPem: string;
  /** SPKI PEM. */
  readonly publicKeyPem: string;
  readonly csrPem: string;
}

export interface CsrSubject {
  readonly commonName?: string;
  readonly emails: readonly string[];
}

const CURVE: Record<EcdsaCurve, { node: string; web: string; hash: string }> = {
  P256: { node: "prime256v1", web: "P-256", hash: "SHA-256" },
  P384: { node: "secp384r1", web: "P-384", hash: "SHA-384" },
};

/** A new key pair in PEM, per the spec (RSA 2048 by default). */
export function generateKey(spec: KeySpec): { privateKeyPem: string; publicKeyPem: string } {
  const pair =
    (spec.keyAlgorithm ?? "RSA") === "RSA"
      ? generateKeyPairSync("rsa", { modulusLength: spec.rsaBits ?? 2048, publicExponent: 0x10001 })
      : generateKeyPairSync("ec", { namedCurve: CURVE[spec.ecdsaCurve ?? "P256"].node });
  return {
    privateKeyPem: pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: pair.publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/**
 * A CSR signed by the key. DigiCert takes the certificate's names from the order, not
 * the CSR; the subject and the emails are set anyway, for whoever reads the CSR.
 */
export async function csrFor(privateKeyPem: string, subject: CsrSubject): Promise<string> {
  const subtle = webcrypto.subtle;
  x509.cryptoProvider.set(webcrypto as never);
  const key = createPrivateKey(privateKeyPem);
  const pkcs8 = key.export({ type: "pkcs8", format: "der" });
  const spki = createPublicKey(key).export({ type: "spki", format: "der" });
  const algorithm: webcrypto.RsaHashedImportParams | webcrypto.EcKeyImportParams =
    key.asymmetricKeyType === "rsa"
      ? { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }
      : { name: "ECDSA", namedCurve: curveOf(key.asymmetricKeyDetails?.namedCurve) };
  const signing = key.asymmetricKeyType === "rsa" ? algorithm : { ...algorithm, hash: hashOfCurve(key.asymmetricKeyDetails?.namedCurve) };
  const keys: { privateKey: never; publicKey: never } = {
    privateKey: (await subtle.importKey("pkcs8", pkcs8, algorithm, false, ["sign"])) as never,
    publicKey: (await subtle.importKey("spki", spki, algorithm, true, ["verify"])) as never,
  };
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: subject.commonName === undefined ? [] : [{ CN: [subject.commonName] }],
    keys,
    signingAlgorithm: signing,
    extensions: subject.emails.length === 0 ? [] : [new x509.SubjectAlternativeNameExtension(subject.emails.map((value) => ({ type: "email" as const, value })))],
  });
  return csr.toString("pem") + "\n";
}

function curveOf(nodeName: string | undefined): string {
  const found = Object.values(CURVE).find((c) => c.node === nodeName);
  if (!found) throw new Error(`unsupported EC curve ${nodeName ?? "(none)"}: P256 or P384`);
  return found.web;
}

function hashOfCurve(nodeName: string | undefined): string {
  return Object.values(CURVE).find((c) => c.node === nodeName)?.hash ?? "SHA-256";
}

/** The SPKI of a key or certificate, PEM: what ties a certificate to its key. */
export function publicKeyOf(privateKeyPem: string): string {
  return createPublicKey(createPrivateKey(privateKeyPem)).export({ type: "spki", format: "pem" }).toString();
}

export { toPem };
