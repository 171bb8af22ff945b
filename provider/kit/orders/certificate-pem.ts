// The certificate itself, as the outputs `certificatePem` (the leaf) and `chainPem` (the
// issuing CA certificates after it, intermediate(s) then root) hold it. It comes from the
// order POST's `certificate_chain` when DigiCert issues at once, or from one `pem_all`
// download once the certificate is issued; a PEM already stored for the same certificate
// is kept, so each issued certificate is downloaded once. Whatever is stored is checked
// first: it parses as X.509, and its serial is the one DigiCert reports for it.
// Certificates are public: these outputs are not secrets.
import { X509Certificate } from "node:crypto";
import type { DigiCertClient } from "../../digicert";
import { CertificateCheckError } from "../runtime/errors";

export interface CertificatePem {
  readonly certificatePem: string;
  readonly chainPem: string;
}

/** What a resource stored last time, read from its state. */
export interface StoredPem {
  readonly certificateId?: number | undefined;
  readonly certificatePem?: string | undefined;
  readonly chainPem?: string | undefined;
}

/** The certificate a resource's PEM outputs are for, as DigiCert reports it now. */
export interface PemTarget {
  readonly certificateId: number | undefined;
  /** DigiCert's serial for it; undefined when DigiCert does not report one (not issued, or no longer the order's). */
  readonly serialNumber: string | undefined;
  /**
   * Issued and downloadable now: only then is a missing PEM downloaded. "maybe" under a
   * status DigiCert does not document: the download is tried, since DigiCert reports a
   * serial only for an issued certificate, and the caller decides what its failure means.
   */
  readonly issued: boolean | "maybe";
}

const BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** The CERTIFICATE blocks of a PEM text, in order, each ending with a newline. */
export function pemBlocks(text: string): string[] {
  return [...text.matchAll(BLOCK)].map((m) => `${m[0]}\n`);
}

/** A serial as hex digits, upper case, without separators or leading zeros: how two serials compare. */
export function normalSerial(serial: string): string {
  const hex = serial.replace(/[^0-9a-fA-F]/g, "").toUpperCase().replace(/^0+/, "");
  return hex === "" ? "0" : hex;
}

/** The leaf's serial, or undefined when it does not parse. */
function serialOf(pem: string): string | undefined {
  try {
    return new X509Certificate(pem).serialNumber;
  } catch {
    return undefined;
  }
}

/**
 * The outputs from a leaf-first list of PEM certificates, once checked: every one parses
 * and the leaf's serial is `reportedSerial`. Throws CertificateCheckError otherwise.
 */
export function checkedPem(certificateId: number, reportedSerial: string, blocks: readonly string[]): CertificatePem {
  const [leaf, ...chain] = blocks;
  const what = `certificate ${certificateId}`;
  if (leaf === undefined) {
    throw new CertificateCheckError(certificateId, reportedSerial, undefined, `${what}: DigiCert's answer holds no PEM certificate; nothing was stored`);
  }
  for (const [i, pem] of blocks.entries()) {
    try {
      new X509Certificate(pem);
    } catch (err) {
      const which = i === 0 ? "the certificate" : `chain certificate ${i}`;
      throw new CertificateCheckError(
        certificateId,
        reportedSerial,
        undefined,
        `${what}: ${which} DigiCert gave does not parse as X.509 (${err instanceof Error ? err.message : String(err)}); nothing was stored`,
      );
    }
  }
  const pemSerial = serialOf(leaf) ?? "";
  if (normalSerial(pemSerial) !== normalSerial(reportedSerial)) {
    throw new CertificateCheckError(
      certificateId,
      reportedSerial,
      pemSerial,
      `${what}: the PEM DigiCert gave has serial number ${pemSerial}, but DigiCert reports serial number ${reportedSerial} for this certificate; ` +
        "nothing was stored. Check the certificate in CertCentral before using it.",
    );
  }
  return { certificatePem: leaf, chainPem: chain.join("") };
}

/** The stored PEM, when it is for `target`'s certificate and still checks against its serial. */
function kept(target: PemTarget, stored: StoredPem | undefined): CertificatePem | undefined {
  if (stored?.certificatePem === undefined || stored.chainPem === undefined) return undefined;
  if (target.certificateId === undefined || stored.certificateId !== target.certificateId) return undefined;
  const serial = serialOf(stored.certificatePem);
  if (serial === undefined) return undefined;
  if (target.serialNumber !== undefined && normalSerial(serial) !== normalSerial(target.serialNumber)) return undefined;
  return { certificatePem: stored.certificatePem, chainPem: stored.chainPem };
}

export type PemSource = "kept" | "order" | "download";

/** What `certificatePems` found: a PEM and where from, or why a download under an undocumented status gave none. */
export type PemOutcome = { readonly pem: CertificatePem; readonly source: PemSource } | { readonly pem?: undefined; readonly unavailable: string };

/**
 * The PEM outputs for `target`: the stored ones when they are its certificate's, else
 * from `chain` (the order POST's `certificate_chain`, for `chainFor`), else one `pem_all`
 * download, once the certificate is issued and DigiCert reports its serial. Undefined
 * while there is none to be had. Throws CertificateCheckError when what DigiCert gave
 * does not check, and the client's error when the download of an issued certificate fails.
 */
export async function certificatePems(opts: {
  readonly client: DigiCertClient;
  readonly target: PemTarget;
  readonly stored?: StoredPem | undefined;
  readonly chain?: { readonly certificateId: number; readonly pems: readonly string[] } | undefined;
}): Promise<PemOutcome | undefined> {
  const { target } = opts;
  const stored = kept(target, opts.stored);
  if (stored !== undefined) return { pem: stored, source: "kept" };
  const id = target.certificateId;
  if (id === undefined || target.serialNumber === undefined) return undefined;
  // The chain in the order's answer is DigiCert's word that it issued, whatever status the order reads.
  if (opts.chain !== undefined && opts.chain.certificateId === id && opts.chain.pems.length > 0) {
    return { pem: checkedPem(id, target.serialNumber, opts.chain.pems.flatMap(pemBlocks)), source: "order" };
  }
  if (target.issued === false) return undefined;
  let text: string;
  try {
    text = await opts.client.downloadCertificate(id, "pem_all");
  } catch (err) {
    // Under a status DigiCert does not document, the certificate may not be downloadable:
    // that fails no refresh. A PEM that does not check still does, below.
    if (target.issued === "maybe") return { unavailable: err instanceof Error ? err.message : String(err) };
    throw err;
  }
  return { pem: checkedPem(id, target.serialNumber, pemBlocks(text)), source: "download" };
}
