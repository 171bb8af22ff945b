// The simulator's CA: a root and an intermediate (EC P-256), made at start and kept
// in the state file, that sign real X.509 client certificates for the CSR's public
// key, or for one key of the simulator's own when an order gives no CSR (one key for
// all of them, not one per order: a benchmark issues a thousand).
//
// Signing is synchronous on purpose: issuance happens lazily inside the synchronous
// lifecycle (the first look at an order on or after its issue time), and the answer
// being built reads serial and thumbprint right after. So the certificate is put
// together from DER templates (der.ts) and signed with node:crypto's synchronous
// sign, rather than with @peculiar/x509's generator, which signs through WebCrypto
// (asynchronous) and takes milliseconds per certificate. @peculiar/x509 parses what
// comes in: CSRs (csr.ts) and the CA's certificates when a state file is read.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import * as der from "./der";
import { pemBlock } from "./pem";
import { x509 } from "./x509";

/** What the state file keeps: PKCS#8 keys and certificates, PEM. */
export interface CaState {
  rootKey: string;
  root: string;
  intermediateKey: string;
  intermediate: string;
  /** The key certified for orders that give no CSR. */
  subscriberKey: string;
}

export interface LeafSubject {
  commonName: string;
  organizationUnits: readonly string[];
  emails: readonly string[];
  dnsNames: readonly string[];
}

export interface LeafRequest {
  /** Hex, as DigiCert reports `serial_number`. */
  serialNumber: string;
  subject: LeafSubject;
  /** SubjectPublicKeyInfo, DER; the simulator's own key when absent. */
  publicKey?: Buffer;
  notBefore: Date;
  notAfter: Date;
}

export interface SignedCertificate {
  /** DER, base64 (no armour: the state file keeps it compact). */
  der: string;
  /** SHA-1 of the DER, upper-case hex, as DigiCert reports `thumbprint`. */
  thumbprint: string;
  /** Bits of the RSA modulus or of the EC curve, as order info's `key_size`. */
  keySize: number;
}

export interface ChainCertificate {
  subjectCommonName: string;
  pem: string;
}

export const INTERMEDIATE_NAME = "DigiCert Assured ID Client CA G2 (simulated)";
const ROOT_NAME = "DigiCert Assured ID Root G2 (simulated)";
const CA_ORGANIZATION = "DigiCert Inc (simulated)";
const DAY_MS = 86_400_000;

const OID = {
  commonName: "2.5.4.3",
  organization: "2.5.4.10",
  organizationalUnit: "2.5.4.11",
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  basicConstraints: "2.5.29.19",
  authorityKeyIdentifier: "2.5.29.35",
  extKeyUsage: "2.5.29.37",
  clientAuth: "1.3.6.1.5.5.7.3.2",
  emailProtection: "1.3.6.1.5.5.7.3.4",
} as const;

// KeyUsage bits (RFC 5280 4.2.1.3).
const DIGITAL_SIGNATURE = 0;
const KEY_ENCIPHERMENT = 2;
const KEY_CERT_SIGN = 5;
const CRL_SIGN = 6;

/** 16 random bytes, the first 0x01..0x7f: a positive INTEGER whose hex form loses no leading zero. */
export function newSerialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] as number) & 0x7f || 0x01;
  return bytes.toString("hex").toUpperCase();
}

function name(attributes: [string, string][]): Buffer {
  return der.sequence(...attributes.map(([type, value]) => der.set(der.sequence(der.oid(type), der.utf8String(value)))));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return der.sequence(der.oid(id), ...(critical ? [der.TRUE] : []), der.octetString(value));
}

/** RFC 5280 allows any unique key identifier: SHA-1 of the whole SubjectPublicKeyInfo. */
function keyId(spki: Buffer): Buffer {
  return createHash("sha1").update(spki).digest();
}

function spkiOf(key: KeyObject): Buffer {
  return createPublicKey(key).export({ type: "spki", format: "der" });
}

interface KeyFacts {
  rsa: boolean;
  size: number;
}

// Keyed by the Buffer csr.ts caches per CSR: a CSR sent again is not looked at again.
const factsOf = new WeakMap<Buffer, KeyFacts>();

function keyFacts(spki: Buffer): KeyFacts {
  const known = factsOf.get(spki);
  if (known) return known;
  const facts = readKeyFacts(spki);
  factsOf.set(spki, facts);
  return facts;
}

function readKeyFacts(spki: Buffer): KeyFacts {
  const key = createPublicKey({ key: spki, format: "der", type: "spki" });
  const details = key.asymmetricKeyDetails ?? {};
  const curveBits = /(\d{3})/.exec(details.namedCurve ?? "")?.[1];
  return { rsa: key.asymmetricKeyType === "rsa", size: details.modulusLength ?? Number(curveBits ?? 0) };
}

interface Signer {
  key: KeyObject;
  /** Subject Name, DER: the issuer of what it signs. */
  name: Buffer;
  keyId: Buffer;
}

interface TbsParams {
  serialNumber: string;
  subject: Buffer;
  publicKey: Buffer;
  notBefore: Date;
  notAfter: Date;
  extensions: Buffer[];
}

const ALGORITHM = der.sequence(der.oid(OID.ecdsaWithSha256));
const VERSION_3 = der.explicit(0, der.smallInteger(2));

function signCertificate(signer: Signer, p: TbsParams): Buffer {
  const tbs = der.sequence(
    VERSION_3,
    der.unsignedInteger(Buffer.from(p.serialNumber.length % 2 === 0 ? p.serialNumber : `0${p.serialNumber}`, "hex")),
    ALGORITHM,
    signer.name,
    der.sequence(der.time(p.notBefore), der.time(p.notAfter)),
    p.subject,
    p.publicKey,
    der.explicit(3, der.sequence(...p.extensions)),
  );
  // A DER ECDSA-Sig-Value: exactly what the certificate's signature BIT STRING holds.
  const signature = sign("sha256", tbs, { key: signer.key, dsaEncoding: "der" });
  return der.sequence(tbs, ALGORITHM, der.bitString(signature));
}

function newKey(): KeyObject {
  return generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
}

function keyPem(key: KeyObject): string {
  return key.export({ type: "pkcs8", format: "pem" }).toString();
}

function caExtensions(own: Buffer, issuer?: Buffer): Buffer[] {
  return [
    // A root has no path length limit; the intermediate signs end entities only.
    extension(OID.basicConstraints, true, der.sequence(der.TRUE, ...(issuer ? [der.smallInteger(0)] : []))),
    extension(OID.keyUsage, true, der.namedBits([DIGITAL_SIGNATURE, KEY_CERT_SIGN, CRL_SIGN])),
    extension(OID.subjectKeyIdentifier, false, der.octetString(own)),
    ...(issuer ? [extension(OID.authorityKeyIdentifier, false, der.sequence(der.implicit(0, issuer)))] : []),
  ];
}

export class CertificateAuthority {
  private readonly intermediate: Signer;
  private readonly subscriber: { spki: Buffer; facts: KeyFacts };
  private readonly saved: CaState;
  private readonly chainCertificates: ChainCertificate[];

  private constructor(state: CaState, rootName: string, intermediateName: string) {
    const intermediateKey = createPrivateKey(state.intermediateKey);
    const intermediateCert = new x509.X509Certificate(state.intermediate);
    this.intermediate = {
      key: intermediateKey,
      name: Buffer.from(intermediateCert.subjectName.toArrayBuffer()),
      keyId: keyId(spkiOf(intermediateKey)),
    };
    const subscriberSpki = spkiOf(createPrivateKey(state.subscriberKey));
    this.subscriber = { spki: subscriberSpki, facts: keyFacts(subscriberSpki) };
    this.saved = state;
    this.chainCertificates = [
      { subjectCommonName: intermediateName, pem: state.intermediate },
      { subjectCommonName: rootName, pem: state.root },
    ];
  }

  /** A new root (20 years) and intermediate (10 years), both valid from yesterday. */
  static create(now = Date.now()): CertificateAuthority {
    const notBefore = new Date(now - DAY_MS);
    const yearsOn = (n: number): Date => new Date(Date.UTC(notBefore.getUTCFullYear() + n, notBefore.getUTCMonth(), notBefore.getUTCDate()));

    const rootKey = newKey();
    const root: Signer = { key: rootKey, name: name([[OID.commonName, ROOT_NAME], [OID.organization, CA_ORGANIZATION]]), keyId: keyId(spkiOf(rootKey)) };
    const rootDer = signCertificate(root, {
      serialNumber: newSerialNumber(),
      subject: root.name,
      publicKey: spkiOf(rootKey),
      notBefore,
      notAfter: yearsOn(20),
      extensions: caExtensions(root.keyId),
    });

    const intermediateKey = newKey();
    const intermediateSpki = spkiOf(intermediateKey);
    const intermediateDer = signCertificate(root, {
      serialNumber: newSerialNumber(),
      subject: name([[OID.commonName, INTERMEDIATE_NAME], [OID.organization, CA_ORGANIZATION]]),
      publicKey: intermediateSpki,
      notBefore,
      notAfter: yearsOn(10),
      extensions: caExtensions(keyId(intermediateSpki), root.keyId),
    });

    return CertificateAuthority.restore({
      rootKey: keyPem(rootKey),
      root: pemBlock("CERTIFICATE", rootDer),
      intermediateKey: keyPem(intermediateKey),
      intermediate: pemBlock("CERTIFICATE", intermediateDer),
      subscriberKey: keyPem(newKey()),
    });
  }

  static restore(state: CaState): CertificateAuthority {
    const commonName = (pem: string): string => new x509.X509Certificate(pem).subjectName.getField("CN")[0] ?? "";
    return new CertificateAuthority(state, commonName(state.root), commonName(state.intermediate));
  }

  state(): CaState {
    return this.saved;
  }

  /** The issuing CA certificates as DigiCert lists them after the leaf: intermediate, then root. */
  chain(): readonly ChainCertificate[] {
    return this.chainCertificates;
  }

  /** Signs a client certificate with the intermediate. */
  issue(req: LeafRequest): SignedCertificate {
    const publicKey = req.publicKey ?? this.subscriber.spki;
    const facts = req.publicKey ? keyFacts(req.publicKey) : this.subscriber.facts;
    const s = req.subject;
    const altNames = [...s.emails.map((e) => der.implicit(1, der.ia5(e))), ...s.dnsNames.map((d) => der.implicit(2, der.ia5(d)))];
    const certificate = signCertificate(this.intermediate, {
      serialNumber: req.serialNumber,
      subject: name([[OID.commonName, s.commonName], ...s.organizationUnits.map((ou): [string, string] => [OID.organizationalUnit, ou])]),
      publicKey,
      notBefore: req.notBefore,
      notAfter: req.notAfter,
      extensions: [
        extension(OID.basicConstraints, true, der.sequence()),
        // Key encipherment applies to RSA keys only.
        extension(OID.keyUsage, true, der.namedBits(facts.rsa ? [DIGITAL_SIGNATURE, KEY_ENCIPHERMENT] : [DIGITAL_SIGNATURE])),
        extension(OID.extKeyUsage, false, der.sequence(der.oid(OID.clientAuth), der.oid(OID.emailProtection))),
        ...(altNames.length > 0 ? [extension(OID.subjectAltName, false, der.sequence(...altNames))] : []),
        extension(OID.subjectKeyIdentifier, false, der.octetString(keyId(publicKey))),
        extension(OID.authorityKeyIdentifier, false, der.sequence(der.implicit(0, this.intermediate.keyId))),
      ],
    });
    return {
      der: certificate.toString("base64"),
      thumbprint: createHash("sha1").update(certificate).digest("hex").toUpperCase(),
      keySize: facts.size,
    };
  }
}

/** A certificate's PEM from the DER the store keeps. */
export function certificatePem(derBase64: string): string {
  return pemBlock("CERTIFICATE", Buffer.from(derBase64, "base64"));
}
