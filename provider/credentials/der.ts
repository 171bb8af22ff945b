// The few DER encodings a PKCS#12 file needs, written out: a TLV with a definite length,
// object identifiers, small integers. Seven functions are easier to check against
// X.690 than a general ASN.1 library's schema classes, and `openssl pkcs12` reads what
// they write in the tests.

/** A TLV: tag byte, definite length (short or long form), contents. */
export function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  let length: Buffer;
  if (n < 0x80) {
    length = Buffer.from([n]);
  } else {
    const bytes: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
    length = Buffer.from([0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

export const sequence = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
/** A SET OF: DER sorts the encodings (X.690 11.6). */
export const setOf = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat([...items].sort(Buffer.compare)));
export const octetString = (b: Buffer): Buffer => tlv(0x04, b);
export const nullValue = (): Buffer => Buffer.from([0x05, 0x00]);
/** [n] EXPLICIT: constructed, context-specific. */
export const explicit = (n: number, inner: Buffer): Buffer => tlv(0xa0 | n, inner);
/** [n] IMPLICIT OCTET STRING: primitive, context-specific. */
export const implicitPrimitive = (n: number, content: Buffer): Buffer => tlv(0x80 | n, content);

/** A non-negative INTEGER. */
export function integer(value: number): Buffer {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not a non-negative integer: ${value}`);
  const bytes: number[] = [];
  for (let v = value; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  if (bytes.length === 0 || (bytes[0]! & 0x80) !== 0) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
}

export function oid(dotted: string): Buffer {
  const arcs = dotted.split(".").map(Number);
  const [a, b, ...rest] = arcs;
  if (a === undefined || b === undefined) throw new RangeError(`not an object identifier: ${dotted}`);
  const out: number[] = [a * 40 + b];
  for (const arc of rest) {
    const base128: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) base128.unshift((v & 0x7f) | 0x80);
    out.push(...base128);
  }
  return tlv(0x06, Buffer.from(out));
}

/** A BMPString (UTF-16BE), as PKCS#12's friendlyName attribute holds. */
export function bmpString(s: string): Buffer {
  return tlv(0x1e, utf16be(s));
}

export function utf16be(s: string): Buffer {
  const le = Buffer.from(s, "utf16le");
  return le.swap16();
}
