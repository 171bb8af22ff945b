// Private keys for the refusal tests, made at test time and never written to disk: real
// ones where node:crypto can make them in that armour, random bodies under the other
// armours (the provider goes by the armour line, as a user's file would show it).
import { generateKeyPairSync, randomBytes } from "node:crypto";

export interface KeySample {
  /** The armour label: "RSA PRIVATE KEY". */
  label: string;
  pem: string;
}

const wrap = (b64: string) => b64.match(/.{1,64}/g)!.join("\n");
const armoured = (label: string, body: string, headers = "") => `-----BEGIN ${label}-----\n${headers}${wrap(body)}\n-----END ${label}-----\n`;

function make(): KeySample[] {
  const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey;
  const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
  return [
    { label: "PRIVATE KEY", pem: String(ec.export({ type: "pkcs8", format: "pem" })) },
    { label: "RSA PRIVATE KEY", pem: String(rsa.export({ type: "pkcs1", format: "pem" })) },
    { label: "EC PRIVATE KEY", pem: String(ec.export({ type: "sec1", format: "pem" })) },
    { label: "DSA PRIVATE KEY", pem: armoured("DSA PRIVATE KEY", randomBytes(440).toString("base64")) },
    { label: "OPENSSH PRIVATE KEY", pem: armoured("OPENSSH PRIVATE KEY", Buffer.concat([Buffer.from("openssh-key-v1\0"), randomBytes(380)]).toString("base64")) },
    {
      label: "ENCRYPTED PRIVATE KEY",
      pem: String(ec.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: randomBytes(8).toString("hex") })),
    },
    { label: "PGP PRIVATE KEY BLOCK", pem: armoured("PGP PRIVATE KEY BLOCK", randomBytes(600).toString("base64"), "Version: test\n\n") },
  ];
}

/** One key per armour the provider must refuse, made once per test process. */
export const PRIVATE_KEYS: readonly KeySample[] = make();

export function privateKey(label: string): KeySample {
  const k = PRIVATE_KEYS.find((x) => x.label === label);
  if (!k) throw new Error(`no sample private key labelled ${label}`);
  return k;
}

/** The lines of a key's body (not its armour or headers): what must never show anywhere. */
export function bodyLines(pem: string): string[] {
  return pem.split("\n").filter((l) => l.length >= 16 && !l.startsWith("-----") && !l.includes(":"));
}

/** Each body line of `key` found in `text` (empty when the key's body shows nowhere). */
export function keyLeaks(text: string, key: string): string[] {
  return bodyLines(key).filter((l) => text.includes(l));
}
