// The PKCS#12 key derivation (RFC 7292, appendix B.2): what derives the MAC key of both
// profiles and the 3DES key and IV of the legacy one. Node's crypto has PBKDF2 but not
// this one; it is a dozen lines over its hash.
import { createHash } from "node:crypto";
import { utf16be } from "./der";

export type KdfHash = "sha1" | "sha256";

const BLOCK = 64; // v: the input block of SHA-1 and SHA-256, in bytes

/** B.2's ID byte: 1 for a key, 2 for an IV, 3 for a MAC key. */
export type KdfPurpose = 1 | 2 | 3;

/** The password as B.1 formats it: BMPString, two zero bytes at the end. */
export function bmpPassword(password: string): Buffer {
  return Buffer.concat([utf16be(password), Buffer.alloc(2)]);
}

function repeatTo(block: Buffer, multiple: number): Buffer {
  if (block.length === 0) return Buffer.alloc(0);
  const length = multiple * Math.ceil(block.length / multiple);
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = block[i % block.length]!;
  return out;
}

export function pkcs12Kdf(hash: KdfHash, password: string, salt: Buffer, iterations: number, purpose: KdfPurpose, length: number): Buffer {
  const d = Buffer.alloc(BLOCK, purpose);
  const i = Buffer.concat([repeatTo(salt, BLOCK), repeatTo(bmpPassword(password), BLOCK)]);
  const out: Buffer[] = [];
  let produced = 0;
  while (produced < length) {
    let a = createHash(hash).update(d).update(i).digest();
    for (let r = 1; r < iterations; r++) a = createHash(hash).update(a).digest();
    out.push(a);
    produced += a.length;
    if (produced >= length) break;
    // I_j = (I_j + B + 1) mod 2^(8v), for each v-byte block of I, B being A repeated.
    const b = repeatTo(a, BLOCK).subarray(0, BLOCK);
    for (let j = 0; j < i.length; j += BLOCK) {
      let carry = 1;
      for (let k = BLOCK - 1; k >= 0; k--) {
        const sum = i[j + k]! + b[k]! + carry;
        i[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(out).subarray(0, length);
}
