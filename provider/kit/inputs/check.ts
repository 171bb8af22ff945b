// Preview-time validation shared by every resource and the function: no API call,
// one failure per bad field, each naming the field path and what is allowed.
import { z } from "zod";
import { InvalidInputsError, InvalidStateError, type CheckFailure } from "../runtime/errors";
import { findPrivateKeys, privateKeyReason, redactPrivateKeys, scrubPrivateKeys } from "./private-key";
import type { StateReader } from "./relaxed";

/** The engine's placeholder for a value not known until apply (`@pulumi/pulumi/runtime` rpc.unknownValue). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** The property a dynamic resource carries its serialized provider in. */
export const PROVIDER_KEY = "__provider";
/**
 * The hidden input the SDK adds to say which resource of which stack this is
 * (`project/stack/kind/name`): a dynamic provider's create gets no URN. Never compared
 * by diff, never validated, never in outputs; the journal keys its records by it.
 */
export const OWNER_KEY = "__owner";

/** The owner the SDK passed, if any (programs of 0.1.0 pass none). */
export function ownerOf(raw: Record<string, unknown> | undefined): string | undefined {
  const v = raw?.[OWNER_KEY];
  return typeof v === "string" && v !== "" ? v : undefined;
}

type PathSegment = PropertyKey;

/** `certificate.emails[0]`: the property path format the engine prints. */
export function propertyPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return cur;
}

/** A value not yet known at preview cannot be judged: skip issues at or below it. */
function touchesUnknown(root: unknown, path: readonly PathSegment[]): boolean {
  for (let i = 0; i <= path.length; i++) {
    if (valueAt(root, path.slice(0, i)) === UNKNOWN) return true;
  }
  return false;
}

/** The keys an object schema allows at `path`, to name them when a key is unknown. */
function allowedKeysAt(schema: z.ZodType, path: readonly PathSegment[]): string[] {
  let cur: z.ZodType | undefined = schema;
  const unwrap = (s: z.ZodType): z.ZodType => {
    let t = s;
    for (;;) {
      if (t instanceof z.ZodOptional || t instanceof z.ZodNullable || t instanceof z.ZodDefault) t = t.unwrap() as z.ZodType;
      else if (t instanceof z.ZodPipe) t = t.in as z.ZodType;
      else return t;
    }
  };
  for (const seg of path) {
    if (!cur) return [];
    const s: z.ZodType = unwrap(cur);
    if (s instanceof z.ZodArray && typeof seg === "number") cur = s.element as z.ZodType;
    else if (s instanceof z.ZodObject) cur = (s.shape as Record<string, z.ZodType>)[String(seg)];
    else return [];
  }
  const s = cur ? unwrap(cur) : undefined;
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

export function withoutProviderKey(raw: Record<string, unknown>): Record<string, unknown> {
  const { [PROVIDER_KEY]: _dropped, ...rest } = raw;
  return rest;
}

/** What a program declared: without the provider and the hidden owner. */
function declared(raw: Record<string, unknown>): Record<string, unknown> {
  const { [PROVIDER_KEY]: _p, [OWNER_KEY]: _o, ...rest } = raw;
  return rest;
}

export type CheckOutcome<T> =
  | { ok: true; value: T; failures: [] }
  | { ok: false; failures: CheckFailure[] }
  | { ok: "unknown"; failures: [] };

/**
 * Validates declared inputs. `ok: "unknown"` means every problem found sits under a
 * value the engine does not know yet (preview of a new stack): nothing to report.
 */
export function checkInputs<S extends z.ZodType>(schema: S, raw: Record<string, unknown>): CheckOutcome<z.infer<S>> {
  return refusingPrivateKeys(declared(raw), checkSchema(schema, raw));
}

/**
 * A private key anywhere in the inputs fails the check whatever else is right or wrong,
 * with one failure per place that names the place (in its reason, filed under no
 * property), never the key; other failures about
 * that place are dropped and every message is cut clear of key blocks.
 */
function refusingPrivateKeys<T>(news: Record<string, unknown>, checked: CheckOutcome<T>): CheckOutcome<T> {
  const found = findPrivateKeys(news);
  if (found.length === 0) return checked;
  const places = found.map((f) => propertyPath(f.path));
  const about = (property: string) => places.some((p) => property === p || property.startsWith(`${p}.`) || property.startsWith(`${p}[`));
  const others = checked.failures
    .filter((f) => !about(f.property) && redactPrivateKeys(f.property) === f.property)
    .map((f) => ({ property: f.property, reason: redactPrivateKeys(f.reason) }));
  // Filed under no property, the place named in the reason: the engine prints a top-level
  // property's value beside a failure filed under it, and that value is the key.
  return { ok: false, failures: [...found.map((f, i) => ({ property: "", reason: `${places[i]!}: ${privateKeyReason(f.label)}` })), ...others] };
}

function checkSchema<S extends z.ZodType>(schema: S, raw: Record<string, unknown>): CheckOutcome<z.infer<S>> {
  const news = declared(raw);
  const parsed = schema.safeParse(news);
  if (parsed.success) return { ok: true, value: parsed.data, failures: [] };
  const failures: CheckFailure[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === "unrecognized_keys") {
      const allowed = allowedKeysAt(schema, issue.path);
      for (const key of issue.keys) {
        failures.push({
          property: propertyPath([...issue.path, key]),
          reason: `unknown field "${key}"; allowed fields: ${allowed.join(", ")}`,
        });
      }
      continue;
    }
    if (touchesUnknown(news, issue.path)) continue;
    const property = propertyPath(issue.path);
    const given = valueAt(news, issue.path);
    const missing = given === undefined && issue.code === "invalid_type";
    failures.push({ property, reason: missing ? `is required: ${issue.message}` : issue.message });
  }
  return failures.length === 0 ? { ok: "unknown", failures: [] } : { ok: false, failures };
}

/** A provider's `check` answer: the inputs as declared (minus the provider) and their failures. */
export function checkResult(schema: z.ZodType, news: Record<string, unknown>): { inputs: Record<string, unknown>; failures: CheckFailure[] } {
  // What check returns is what the engine keeps and shows: never a private key.
  return { inputs: scrubPrivateKeys(withoutProviderKey(news)), failures: checkInputs(schema, news).failures };
}

/**
 * Inputs as an operation needs them. The engine only calls create/update after a
 * passing check, so failing here means values that were unknown at preview turned
 * out bad at apply: throw before any API call.
 */
export function validInputs<S extends z.ZodType>(what: string, schema: S, raw: Record<string, unknown>): z.infer<S> {
  const checked = checkInputs(schema, raw);
  if (checked.ok !== true) throw new InvalidInputsError(what, checked.failures);
  return checked.value;
}

/** Stored state through its kind's state schema, without the engine's `__provider`. */
export function storedState<T>(kind: string, schema: StateReader<T>, raw: Record<string, unknown>): T {
  const parsed = schema.safeParse(declared(raw));
  if (parsed.success) return parsed.data;
  throw new InvalidStateError(kind, parsed.error.issues.map((i) => ({ property: propertyPath(i.path), reason: i.message })));
}
