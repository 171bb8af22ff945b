// A private key pasted into an input (a PEM file holding both the CSR and its key is a
// common mistake) must never reach DigiCert, the state, a log or an error message. The
// provider never needs one, so any input string that holds a private-key block is
// refused, and what `check` hands back to the engine has that value replaced.

type PathSegment = PropertyKey;

/**
 * The armour line of a private key in any of the formats users keep them in: PKCS#8
 * (`PRIVATE KEY`, `ENCRYPTED PRIVATE KEY`), PKCS#1 and SEC1 (`RSA`, `EC`, `DSA`), OpenSSH
 * (`OPENSSH`), PGP (`PGP PRIVATE KEY BLOCK`) and SSH2's four-dash variant. Matched on the
 * label alone: the body may be cut, re-wrapped or missing its END line.
 */
const ARMOUR = /-{4,5} ?BEGIN ([A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?) ?-{4,5}/i;
const ARMOUR_GLOBAL = new RegExp(ARMOUR.source, "gi");

/** What stands in for a value that held a private key, in what `check` returns and in messages. */
export const PRIVATE_KEY_REMOVED = "[private key removed by pulumi-digicert: not kept]";

/** The label of the first private-key block in a string ("RSA PRIVATE KEY"), or undefined. */
export function privateKeyLabel(s: string): string | undefined {
  const m = ARMOUR.exec(s);
  return m ? m[1]!.toUpperCase() : undefined;
}

export function holdsPrivateKey(s: string): boolean {
  return ARMOUR.test(s);
}

export interface PrivateKeyFind {
  /** Where it was found; a field *name* holding a key is replaced by a placeholder segment. */
  readonly path: PathSegment[];
  readonly label: string;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Every string (value or field name), nested or not, that holds a private-key block. */
export function findPrivateKeys(value: unknown, path: PathSegment[] = []): PrivateKeyFind[] {
  if (typeof value === "string") {
    const label = privateKeyLabel(value);
    return label === undefined ? [] : [{ path, label }];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => findPrivateKeys(v, [...path, i]));
  if (isPlainObject(value)) {
    return Object.entries(value).flatMap(([k, v]) => {
      const label = privateKeyLabel(k);
      if (label !== undefined) return [{ path: [...path, "(a field whose name holds a private key)"], label }];
      return findPrivateKeys(v, [...path, k]);
    });
  }
  return [];
}

/** The failure reason for a field holding a private key: says where, never what. */
export function privateKeyReason(label: string): string {
  return (
    `holds a private key ("-----BEGIN ${label}-----"); it was found and was not kept, sent or logged. ` +
    "Give only the certificate signing request (CSR): DigiCert never needs the private key, keep it out of the program's inputs"
  );
}

/** A copy with every value (or field) that holds a private key replaced by PRIVATE_KEY_REMOVED (or dropped). */
export function scrubPrivateKeys<T>(value: T): T {
  if (typeof value === "string") return (holdsPrivateKey(value) ? PRIVATE_KEY_REMOVED : value) as T;
  if (Array.isArray(value)) return value.map((v) => scrubPrivateKeys(v)) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!holdsPrivateKey(k)) out[k] = scrubPrivateKeys(v);
    return out as T;
  }
  return value;
}

/**
 * Free text with every private-key block cut out, from its BEGIN line to its END line,
 * or to the end of the text when the END line is missing: the last guard for messages.
 */
export function redactPrivateKeys(text: string): string {
  if (!holdsPrivateKey(text)) return text;
  let out = "";
  let rest = text;
  for (;;) {
    ARMOUR_GLOBAL.lastIndex = 0;
    const m = ARMOUR_GLOBAL.exec(rest);
    if (!m) return out + rest;
    out += rest.slice(0, m.index) + PRIVATE_KEY_REMOVED;
    // The label holds only letters, digits and spaces: safe inside a pattern.
    const end = new RegExp(`-{4,5} ?END ${m[1]!} ?-{4,5}`, "i").exec(rest.slice(m.index + m[0].length));
    if (!end) return out;
    rest = rest.slice(m.index + m[0].length + end.index + end[0].length);
  }
}
