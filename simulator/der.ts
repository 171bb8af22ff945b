// A minimal DER writer for the few fixed structures the simulator's CA signs
// (X.509 v3 certificates: RFC 5280 section 4.1). Hand-built because it is the hot
// path of 1000-order benchmarks: putting a certificate together through an ASN.1
// schema library costs milliseconds, these byte concatenations microseconds.
// node:crypto's X509Certificate parses every certificate in the simulator's tests.

function lengthBytes(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, ...contents: Buffer[]): Buffer {
  const body = Buffer.concat(contents);
  return Buffer.concat([Buffer.from([tag]), lengthBytes(body.length), body]);
}

export const sequence = (...items: Buffer[]): Buffer => tlv(0x30, ...items);
export const set = (...items: Buffer[]): Buffer => tlv(0x31, ...items);
/** [n] EXPLICIT, constructed. */
export const explicit = (n: number, ...items: Buffer[]): Buffer => tlv(0xa0 | n, ...items);
/** [n] IMPLICIT over a primitive value. */
export const implicit = (n: number, value: Buffer): Buffer => tlv(0x80 | n, value);
export const octetString = (b: Buffer): Buffer => tlv(0x04, b);
export const utf8String = (s: string): Buffer => tlv(0x0c, Buffer.from(s, "utf8"));
export const ia5 = (s: string): Buffer => Buffer.from(s, "ascii");
export const TRUE = Buffer.from([0x01, 0x01, 0xff]);

/** A BIT STRING of whole bytes (signatures, keys). */
export const bitString = (b: Buffer): Buffer => tlv(0x03, Buffer.from([0]), b);

/** A non-negative INTEGER from its big-endian magnitude. */
export function unsignedInteger(magnitude: Buffer): Buffer {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const m = magnitude.subarray(start);
  // A high first bit would read as negative: DER then puts a zero byte first.
  return tlv(0x02, (m[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), m]) : m);
}

export const smallInteger = (n: number): Buffer => unsignedInteger(Buffer.from([n]));

const oidCache = new Map<string, Buffer>();

export function oid(dotted: string): Buffer {
  const cached = oidCache.get(dotted);
  if (cached) return cached;
  const arcs = dotted.split(".").map(Number);
  const first = (arcs[0] ?? 0) * 40 + (arcs[1] ?? 0);
  const bytes: number[] = [];
  for (const arc of [first, ...arcs.slice(2)]) {
    const chunk = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  const encoded = tlv(0x06, Buffer.from(bytes));
  oidCache.set(dotted, encoded);
  return encoded;
}

/** UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 4.1.2.5), to the second. */
export function time(date: Date): Buffer {
  const iso = date.toISOString(); // yyyy-MM-ddTHH:mm:ss.sssZ
  const digits = iso.slice(0, 19).replace(/[-T:]/g, "");
  const year = date.getUTCFullYear();
  if (year >= 1950 && year <= 2049) return tlv(0x17, Buffer.from(`${digits.slice(2)}Z`, "ascii"));
  return tlv(0x18, Buffer.from(`${digits}Z`, "ascii"));
}

/** A named BIT STRING (KeyUsage): bit 0 is the first byte's high bit; trailing zero bits are dropped, as DER asks. */
export function namedBits(bits: readonly number[]): Buffer {
  const highest = Math.max(...bits);
  const bytes = Buffer.alloc(Math.floor(highest / 8) + 1);
  for (const bit of bits) bytes[bit >> 3] = (bytes[bit >> 3] ?? 0) | (0x80 >> (bit & 7));
  const unused = 7 - (highest & 7);
  return tlv(0x03, Buffer.from([unused]), bytes);
}
