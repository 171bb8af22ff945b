// A CSR input is checked as a CSR before it is sent in a paid order: one PEM
// `CERTIFICATE REQUEST` block and nothing else, that parses as PKCS #10 and whose
// signature verifies with its own public key. node:crypto cannot parse CSRs, so
// @peculiar/x509 parses them; the signature is verified with node:crypto, synchronously,
// so that the check stays a plain zod refinement (check, create and update alike).
import { constants, createPublicKey, verify, type KeyObject } from "node:crypto";
import type * as X509 from "@peculiar/x509";
import { UNKNOWN } from "./check";

/** What a CSR names, to compare with the declared inputs. */
export interface CsrSubject {
  commonName?: string;
  /** The subject's emailAddress and the rfc822Name subject alternative names, as written. */
  emails: string[];
}

export type CsrInspection = { ok: true; subject: CsrSubject } | { ok: false; reason: string };

export const NOT_A_CSR = 'must be a PEM certificate signing request ("-----BEGIN CERTIFICATE REQUEST-----...")';

let loaded: typeof X509 | undefined;
/**
 * Loaded on first use: the library (and the Reflect polyfill it requires) costs a few
 * hundred milliseconds to load, which a stack without CSRs should not pay at every start
 * of the provider.
 */
function x509(): typeof X509 {
  if (loaded === undefined) {
    require("reflect-metadata");
    loaded = require("@peculiar/x509") as typeof X509;
  }
  return loaded;
}

const BEGIN = /-----BEGIN ([A-Z0-9 ]+)-----/g;
const REQUEST_LABEL = /^(NEW )?CERTIFICATE REQUEST$/;
const BLOCK = /^\s*-----BEGIN (NEW )?CERTIFICATE REQUEST-----([\s\S]*?)-----END \1CERTIFICATE REQUEST-----\s*$/;

/** Start and end of one DER element (tag, length, contents) at `at`, or undefined when malformed. */
function derElement(der: Uint8Array, at: number): { contentStart: number; end: number } | undefined {
  if (at + 2 > der.length) return undefined;
  const first = der[at + 1]!;
  let length = first;
  let contentStart = at + 2;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n === 0 || n > 4 || contentStart + n > der.length) return undefined;
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + der[contentStart + i]!;
    contentStart += n;
  }
  const end = contentStart + length;
  return end <= der.length ? { contentStart, end } : undefined;
}

const NODE_HASH: Record<string, string> = { "SHA-1": "sha1", "SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512" };

/**
 * Whether the CSR's signature verifies over its certificationRequestInfo (the outer
 * SEQUENCE's first element, taken byte for byte) with its own public key; a string
 * naming the algorithm when it is one the provider cannot verify.
 */
function signatureVerifies(csr: X509.Pkcs10CertificateRequest, der: Uint8Array): boolean | string {
  const outer = derElement(der, 0);
  const info = outer && derElement(der, outer.contentStart);
  if (!info) return false;
  const signed = der.subarray(outer.contentStart, info.end);
  // The WebCrypto form the library reports; null when it does not know the algorithm.
  const alg = csr.signatureAlgorithm as unknown as { name: string; hash?: { name: string }; saltLength?: number } | null;
  if (alg === null || alg === undefined) return "an unknown signature algorithm";
  const hash = alg.hash === undefined ? undefined : NODE_HASH[alg.hash.name];
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(csr.publicKey.rawData), format: "der", type: "spki" });
  } catch {
    return false;
  }
  const signature = Buffer.from(csr.signature);
  try {
    switch (alg.name) {
      case "RSASSA-PKCS1-v1_5":
      case "ECDSA": // X.509 carries ECDSA signatures DER-encoded, node:crypto's default.
        return hash !== undefined && verify(hash, signed, key, signature);
      case "RSA-PSS":
        return hash !== undefined && verify(hash, signed, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: alg.saltLength ?? 20 }, signature);
      case "Ed25519":
      case "Ed448":
        return verify(null, signed, key, signature);
      default:
        return `${alg.name}${alg.hash ? ` with ${alg.hash.name}` : ""}`;
    }
  } catch {
    return false;
  }
}

function subjectOf(csr: X509.Pkcs10CertificateRequest): CsrSubject {
  const lib = x509();
  const emails = [...csr.subjectName.getField("E")];
  for (const ext of csr.extensions) {
    if (ext instanceof lib.SubjectAlternativeNameExtension) {
      for (const n of ext.names.items) if (n.type === "email") emails.push(n.value);
    }
  }
  const commonName = csr.subjectName.getField("CN")[0];
  return commonName === undefined ? { emails } : { commonName, emails };
}

/** Checks a CSR input; the reason, when it fails, is worded to follow the field's name. */
export function inspectCsr(pem: string): CsrInspection {
  const labels = [...pem.matchAll(BEGIN)].map((m) => m[1]!);
  const requests = labels.filter((l) => REQUEST_LABEL.test(l));
  if (requests.length === 0) return { ok: false, reason: NOT_A_CSR };
  const other = labels.find((l) => !REQUEST_LABEL.test(l));
  if (other !== undefined) {
    return { ok: false, reason: `must hold only the certificate signing request; it also holds a "-----BEGIN ${other}-----" block` };
  }
  if (requests.length > 1) return { ok: false, reason: `must hold exactly one certificate signing request; it holds ${requests.length}` };
  const block = BLOCK.exec(pem);
  if (!block) {
    const ended = /-----END (NEW )?CERTIFICATE REQUEST-----/.test(pem);
    return {
      ok: false,
      reason: ended
        ? "must hold only the PEM certificate signing request, with no text before or after it"
        : 'must be a whole PEM certificate signing request: there is no "-----END CERTIFICATE REQUEST-----" line (was it cut short?)',
    };
  }
  const body = block[2]!.replace(/\s+/g, "");
  if (body.length === 0 || body.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) {
    return { ok: false, reason: "must be a PEM certificate signing request: its body is not base64 (was it cut short or edited?)" };
  }
  const der = new Uint8Array(Buffer.from(body, "base64"));
  const whole = derElement(der, 0);
  let csr: X509.Pkcs10CertificateRequest;
  try {
    if (der[0] !== 0x30 || whole?.end !== der.length) throw new Error("not one DER SEQUENCE");
    csr = new (x509().Pkcs10CertificateRequest)(der);
    void csr.publicKey;
  } catch {
    return { ok: false, reason: "does not parse as a PKCS #10 certificate signing request (was it cut short or edited?)" };
  }
  const verified = signatureVerifies(csr, der);
  if (typeof verified === "string") {
    return { ok: false, reason: `is signed with ${verified}, which the provider cannot verify; sign it with RSA or ECDSA and SHA-256, SHA-384 or SHA-512` };
  }
  if (!verified) {
    return {
      ok: false,
      reason: "has a signature that does not verify with the request's own public key: it was altered after it was signed; make the CSR again from its private key",
    };
  }
  return { ok: true, subject: subjectOf(csr) };
}

/** For `.superRefine` on a CSR string: one issue when it is not a sound CSR. */
export function refuseUnsoundCsr(pem: string, ctx: { addIssue(issue: { code: "custom"; message: string }): void }): void {
  const r = inspectCsr(pem);
  if (!r.ok) ctx.addIssue({ code: "custom", message: r.reason });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const known = (v: unknown): v is string => typeof v === "string" && v !== UNKNOWN;

/**
 * Where the CSR's subject names someone other than the declared inputs. DigiCert issues
 * what the request body says, not what the CSR says, so a mismatch is allowed but is most
 * likely a CSR made for someone else: one warning per differing value, naming both.
 */
export function csrSubjectWarnings(kind: string, inputs: Record<string, unknown>): string[] {
  const cert = inputs["certificate"];
  if (!isRecord(cert) || !known(cert["csr"])) return [];
  const r = inspectCsr(cert["csr"]);
  if (!r.ok) return [];
  const out: string[] = [];
  const issues = "DigiCert issues the certificate with what the request body says, not with the CSR's subject";
  const cn = cert["commonName"];
  // Names differing only in case (or surrounding spaces) name the same person or host, as
  // DigiCert compares them (email addresses below likewise): no warning for those.
  const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  if (r.subject.commonName !== undefined && typeof cn === "string" && known(cn) && !sameName(r.subject.commonName, cn)) {
    out.push(
      `${kind} certificate.csr: the CSR's subject common name is ${JSON.stringify(r.subject.commonName)}, ` +
        `certificate.commonName is ${JSON.stringify(cn)}; ${issues}`,
    );
  }
  const emails = cert["emails"];
  if (r.subject.emails.length > 0 && Array.isArray(emails) && emails.every(known)) {
    const norm = (list: readonly string[]) => [...new Set(list.map((e) => e.toLowerCase()))].sort();
    const fromCsr = norm(r.subject.emails);
    const declared = norm(emails);
    if (fromCsr.join("\n") !== declared.join("\n")) {
      out.push(
        `${kind} certificate.csr: the CSR's email addresses are ${fromCsr.map((e) => JSON.stringify(e)).join(", ")}, ` +
          `certificate.emails are ${declared.map((e) => JSON.stringify(e)).join(", ")}; ${issues}`,
      );
    }
  }
  return out;
}
