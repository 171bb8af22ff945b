// Enums in DigiCert's *answers*, read leniently. Accounts answer values the reference
// pages do not list (older orders read `approved`, requests `cancelled_by_dc`): refusing
// such an answer would make one old order unreadable, and with it every refresh of the
// stack that holds it. A lenient enum accepts any string, keeps the documented values
// in its type, and is found again after decoding so the client can say, once, that a
// value was outside the list. Requests stay strict (schemas.ts): what we send is ours.
import { z } from "zod";

/** A documented value, or any other string DigiCert may answer. */
export type Lenient<T extends string> = T | (string & {});

interface Documented {
  readonly what: string;
  readonly values: readonly string[];
}

const DOCUMENTED = new WeakMap<z.ZodType, Documented>();

/** A string field whose documented values are `values`; `what` names it in the log ("order status"). */
export function lenientEnum<const T extends readonly [string, ...string[]]>(what: string, values: T): z.ZodType<Lenient<T[number]>> {
  const schema = z.string();
  DOCUMENTED.set(schema, { what, values });
  return schema;
}

/** Whether `value` is among `values`, narrowing it to them. */
export function isDocumented<T extends string>(values: readonly T[], value: string | undefined): value is T {
  return value !== undefined && (values as readonly string[]).includes(value);
}

/** A value outside its documented list, where it was in the answer. */
export interface UnknownValue {
  readonly what: string;
  readonly value: string;
  /** The wire path: `requests[0].status`. */
  readonly path: string;
  readonly documented: readonly string[];
}

function walk(s: z.ZodType, value: unknown, path: string, out: UnknownValue[]): void {
  if (value === undefined || value === null) return;
  const documented = DOCUMENTED.get(s);
  if (documented !== undefined) {
    if (typeof value === "string" && !documented.values.includes(value)) out.push({ what: documented.what, value, path, documented: documented.values });
    return;
  }
  if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) return walk(s.def.innerType as z.ZodType, value, path, out);
  if (s instanceof z.ZodArray && Array.isArray(value)) {
    value.forEach((v, i) => walk(s.def.element as z.ZodType, v, `${path}[${i}]`, out));
    return;
  }
  if (s instanceof z.ZodObject && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(s.shape as Record<string, z.ZodType>)) {
      walk(child, (value as Record<string, unknown>)[key], path === "" ? key : `${path}.${key}`, out);
    }
  }
}

/** Every lenient enum of a (wire) answer whose value is outside its documented list. */
export function unknownValues(wire: z.ZodType, value: unknown): UnknownValue[] {
  const out: UnknownValue[] = [];
  walk(wire, value, "", out);
  return out;
}

// Once per process for each field and value: one old order read at every refresh, or a
// list of a thousand of them, says it once.
const reported = new Set<string>();

/** The values of `found` this process has not reported yet; they count as reported from now on. */
export function firstSeen(found: readonly UnknownValue[]): UnknownValue[] {
  return found.filter((u) => {
    const key = `${u.what}\u0000${u.value}`;
    if (reported.has(key)) return false;
    reported.add(key);
    return true;
  });
}

/** The log line for a value outside its list. */
export function describeUnknown(endpoint: string, u: UnknownValue): string {
  const shown = JSON.stringify(u.value.length > 80 ? `${u.value.slice(0, 80)}...` : u.value);
  return `DigiCert answered ${u.what} ${shown} (${endpoint}, ${u.path}), which its documentation does not list (${u.documented.join(", ")}); read as it is`;
}
