// A PKCS#12 file (.p12/.pfx) holding a private key, its certificate and the chain, in one
// of two profiles:
// - modern: what OpenSSL 3 writes by default: key and certificates encrypted with
//   PBES2 (PBKDF2-HMAC-SHA-256, AES-256-CBC), a SHA-256 MAC, 2048 iterations.
// - legacy: key and certificates encrypted with pbeWithSHAAnd3-KeyTripleDES-CBC, a SHA-1
//   MAC, 2048 iterations: what older Windows and macOS keychains import.
// The algorithms are Node's (OpenSSL's); the structure is RFC 7292's, written in der.ts.
// Why not node-forge or pkijs: docs/dev/dependencies.md.
import { createCipheriv, createHash, createHmac, createPrivateKey, pbkdf2Sync, randomBytes, type X509Certificate } from "node:crypto";
import { bmpString, explicit, implicitPrimitive, integer, nullValue, octetString, oid, sequence, setOf } from "./der";
import { certificatesIn, onlyCertificate } from "./pem";
import { pkcs12Kdf, type KdfHash } from "./pkcs12-kdf";

export const PKCS12_PROFILES = ["modern", "legacy"] as const;
export type Pkcs12Profile = (typeof PKCS12_PROFILES)[number];

export interface Pkcs12Contents {
  /** The leaf, PEM. */
  readonly certificatePem: string;
  /** The issuing CA certificates, PEM, leaf excluded (may be empty). */
  readonly chainPem?: string;
  /** The leaf's private key, PEM (PKCS#8, PKCS#1 or SEC1). */
  readonly privateKeyPem: string;
  readonly password: string;
  readonly profile?: Pkcs12Profile;
  /** The name a keychain shows for the key and certificate. */
  readonly friendlyName?: string;
  /**
   * Salts and IVs derived from this secret instead of drawn at random: the same contents
   * give the same bytes, so an output holding the file does not change at every run.
   */
  readonly seed?: Buffer;
}

const ITERATIONS = 2048; // OpenSSL 3's default (PKCS12_DEFAULT_ITER)
const SALT_BYTES = 8;

const OID = {
  data: "1.2.840.113549.1.7.1",
  encryptedData: "1.2.840.113549.1.7.6",
  pbes2: "1.2.840.113549.1.5.13",
  pbkdf2: "1.2.840.113549.1.5.12",
  hmacWithSha256: "1.2.840.113549.2.9",
  aes256Cbc: "2.16.840.1.101.3.4.1.42",
  pbeSha1TripleDes: "1.2.840.113549.1.12.1.3",
  sha1: "1.3.14.3.2.26",
  sha256: "2.16.840.1.101.3.4.2.1",
  keyBag: "1.2.840.113549.1.12.10.1.2", // pkcs8ShroudedKeyBag
  certBag: "1.2.840.113549.1.12.10.1.3",
  x509Certificate: "1.2.840.113549.1.9.22.1",
  friendlyName: "1.2.840.113549.1.9.20",
  localKeyId: "1.2.840.113549.1.9.21",
} as const;

/** Encrypts with a fresh salt (and IV): the AlgorithmIdentifier and the ciphertext. */
type Encrypt = (plain: Buffer) => { algorithm: Buffer; encrypted: Buffer };

/** Random bytes, or bytes derived from the seed and a label naming their use. */
type Salts = (label: string, length: number) => Buffer;

function saltsFrom(seed: Buffer | undefined): Salts {
  return (label, length) => (seed === undefined ? randomBytes(length) : createHmac("sha256", seed).update(label).digest().subarray(0, length));
}

function pbes2Aes256(password: string, salts: Salts, use: string): Encrypt {
  return (plain) => {
    const salt = salts(`${use} salt`, SALT_BYTES);
    const iv = salts(`${use} iv`, 16);
    // PBES2 takes the password's bytes as they are (UTF-8), unlike the PKCS#12 KDF.
    const key = pbkdf2Sync(Buffer.from(password, "utf8"), salt, ITERATIONS, 32, "sha256");
    const cipher = createCipheriv("aes-256-cbc", key, iv);
    const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
    const kdf = sequence(oid(OID.pbkdf2), sequence(octetString(salt), integer(ITERATIONS), sequence(oid(OID.hmacWithSha256), nullValue())));
    const scheme = sequence(oid(OID.aes256Cbc), octetString(iv));
    return { algorithm: sequence(oid(OID.pbes2), sequence(kdf, scheme)), encrypted };
  };
}

function pbeSha1TripleDes(password: string, salts: Salts, use: string): Encrypt {
  return (plain) => {
    const salt = salts(`${use} salt`, SALT_BYTES);
    const key = pkcs12Kdf("sha1", password, salt, ITERATIONS, 1, 24);
    const iv = pkcs12Kdf("sha1", password, salt, ITERATIONS, 2, 8);
    const cipher = createCipheriv("des-ede3-cbc", key, iv);
    const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
    return { algorithm: sequence(oid(OID.pbeSha1TripleDes), sequence(octetString(salt), integer(ITERATIONS))), encrypted };
  };
}

const PROFILES: Record<Pkcs12Profile, { encrypt: (password: string, salts: Salts, use: string) => Encrypt; mac: KdfHash; macOid: string; macBytes: number }> = {
  modern: { encrypt: pbes2Aes256, mac: "sha256", macOid: OID.sha256, macBytes: 32 },
  legacy: { encrypt: pbeSha1TripleDes, mac: "sha1", macOid: OID.sha1, macBytes: 20 },
};

function attributes(friendlyName: string | undefined, localKeyId: Buffer): Buffer {
  const attrs = [sequence(oid(OID.localKeyId), setOf(octetString(localKeyId)))];
  if (friendlyName !== undefined) attrs.push(sequence(oid(OID.friendlyName), setOf(bmpString(friendlyName))));
  return setOf(...attrs);
}

function certBag(cert: X509Certificate, attrs?: Buffer): Buffer {
  const value = sequence(oid(OID.x509Certificate), explicit(0, octetString(cert.raw)));
  return sequence(oid(OID.certBag), explicit(0, value), ...(attrs ? [attrs] : []));
}

/** A ContentInfo of type data: its content, an OCTET STRING. */
const dataContent = (content: Buffer): Buffer => sequence(oid(OID.data), explicit(0, octetString(content)));

/** A ContentInfo of type encryptedData (version 0): what holds the certificates. */
function encryptedDataContent(plain: Buffer, encrypt: Encrypt): Buffer {
  const { algorithm, encrypted } = encrypt(plain);
  const encryptedContentInfo = sequence(oid(OID.data), algorithm, implicitPrimitive(0, encrypted));
  return sequence(oid(OID.encryptedData), explicit(0, sequence(integer(0), encryptedContentInfo)));
}

/** Refuses a key that is not the certificate's: a bundle that cannot be used. */
function checkKeyMatches(cert: X509Certificate, keyPem: string): Buffer {
  let key;
  try {
    key = createPrivateKey(keyPem);
  } catch {
    // The key's text stays out of the message.
    throw new Error("privateKeyPem is not a PEM private key that Node's crypto reads (PKCS#8, PKCS#1 or SEC1, unencrypted)");
  }
  if (!cert.checkPrivateKey(key)) {
    throw new Error(`privateKeyPem is not the key of the certificate (serial ${cert.serialNumber}): its public key differs from the certificate's`);
  }
  return key.export({ type: "pkcs8", format: "der" });
}

/** The PKCS#12 file, DER. Without a seed every call salts anew: two calls give different bytes. */
export function pkcs12(contents: Pkcs12Contents): Buffer {
  const profile = PROFILES[contents.profile ?? "modern"];
  const leaf = onlyCertificate(contents.certificatePem, "certificatePem");
  const chain = contents.chainPem === undefined ? [] : certificatesIn(contents.chainPem);
  const pkcs8 = checkKeyMatches(leaf, contents.privateKeyPem);
  const salts = saltsFrom(contents.seed);
  // As OpenSSL: the leaf's SHA-1 ties the key bag to its certificate bag.
  const localKeyId = createHash("sha1").update(leaf.raw).digest();
  const attrs = attributes(contents.friendlyName, localKeyId);

  const certs = sequence(certBag(leaf, attrs), ...chain.map((c) => certBag(c)));
  const shrouded = profile.encrypt(contents.password, salts, "key")(pkcs8);
  const keyBag = sequence(oid(OID.keyBag), explicit(0, sequence(shrouded.algorithm, octetString(shrouded.encrypted))), attrs);
  const authenticatedSafe = sequence(encryptedDataContent(certs, profile.encrypt(contents.password, salts, "certificates")), dataContent(sequence(keyBag)));

  const macSalt = salts("mac salt", SALT_BYTES);
  const macKey = pkcs12Kdf(profile.mac, contents.password, macSalt, ITERATIONS, 3, profile.macBytes);
  const mac = createHmac(profile.mac, macKey).update(authenticatedSafe).digest();
  const macData = sequence(sequence(sequence(oid(profile.macOid), nullValue()), octetString(mac)), octetString(macSalt), integer(ITERATIONS));
  return sequence(integer(3), dataContent(authenticatedSafe), macData);
}
