// Property values as the engine sends them over gRPC (google.protobuf.Struct, already
// turned into plain JS) and as the resources take them. The engine wraps a secret in an
// object tagged with Pulumi's signature key; the resources take plain values, so
// secrets are unwrapped on the way in and the property they were in is wrapped again
// on the way out: a secret input stays a secret in state. Unknown values (preview) are
// the engine's sentinel string, which the resources already recognise (check.ts UNKNOWN).

/** The key of the engine's special objects (`sdk/go/common/resource/sig`). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
/** The signature of a secret. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export type Bag = Record<string, unknown>;

/** A bag with its secrets unwrapped, and the top-level properties that held one. */
export interface Revealed {
  readonly bag: Bag;
  readonly secrets: ReadonlySet<string>;
}

function isObject(v: unknown): v is Bag {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isSecret(v: unknown): v is { value?: unknown } {
  return isObject(v) && v[SIG_KEY] === SECRET_SIG;
}

/** The value without secret wrappers, and whether it held one anywhere. */
function unwrap(v: unknown): { value: unknown; secret: boolean } {
  if (isSecret(v)) return { value: unwrap(v["value"]).value, secret: true };
  if (Array.isArray(v)) {
    const items = v.map(unwrap);
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  if (isObject(v)) {
    let secret = false;
    const out: Bag = {};
    for (const [k, x] of Object.entries(v)) {
      const u = unwrap(x);
      secret ||= u.secret;
      out[k] = u.value;
    }
    return { value: out, secret };
  }
  return { value: v, secret: false };
}

/** The engine's bag as the resources take it. */
export function reveal(wire: Bag | undefined): Revealed {
  const bag: Bag = {};
  const secrets = new Set<string>();
  for (const [k, v] of Object.entries(wire ?? {})) {
    const u = unwrap(v);
    bag[k] = u.value;
    if (u.secret) secrets.add(k);
  }
  return { bag, secrets };
}

export function secret(value: unknown): Bag {
  return { [SIG_KEY]: SECRET_SIG, value };
}

/** Drops undefined values (a Struct cannot hold them), at every depth. */
function defined(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : defined(x)));
  if (isObject(v)) return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, defined(x)]));
  return v;
}

/** The resources' bag as the engine takes it: each property among `secrets` wrapped as a secret. */
export function conceal(bag: Bag, ...secrets: ReadonlySet<string>[]): Bag {
  const out: Bag = {};
  for (const [k, v] of Object.entries(bag)) {
    if (v === undefined) continue;
    out[k] = secrets.some((s) => s.has(k)) ? secret(defined(v)) : defined(v);
  }
  return out;
}
