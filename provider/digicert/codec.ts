// The one place where DigiCert's snake_case wire shapes meet the camelCase API.
// Wire schemas are the source of truth; camelCase schemas, request encoding and
// response decoding are all derived from them by walking the same schema tree,
// so a field can never be renamed on one side and forgotten on the other.
import { z } from "zod";

export type SnakeToCamel<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<SnakeToCamel<Tail>>}`
  : S;

/** The camelCase twin of a snake_case wire schema (objects, arrays, optionals, nullables are walked; leaves kept). */
export type CamelSchema<T> =
  T extends z.ZodObject<infer Shape, infer Config>
    ? z.ZodObject<{ [K in keyof Shape as SnakeToCamel<K & string>]: CamelSchema<Shape[K]> }, Config>
    : T extends z.ZodOptional<infer Inner>
      ? z.ZodOptional<CamelSchema<Inner>>
      : T extends z.ZodNullable<infer Inner>
        ? z.ZodNullable<CamelSchema<Inner>>
        : T extends z.ZodArray<infer Element>
          ? z.ZodArray<CamelSchema<Element>>
          : T;

export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

// Only these wrappers are walked. Anything else (unions, pipes, enums...) is a
// leaf and must not contain objects with snake_case keys: assertWalkable
// enforces that when a schema is camelized, i.e. at module load.
function isWalked(s: z.ZodType): boolean {
  return s instanceof z.ZodObject || s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodArray;
}

function assertLeafHasNoObjects(s: z.ZodType, where: string): void {
  if (s instanceof z.ZodUnion) {
    for (const o of s.options as readonly z.ZodType[]) assertLeafHasNoObjects(o, where);
    return;
  }
  if (isWalked(s)) {
    throw new Error(`codec: ${where} nests an object/array inside a wrapper the codec does not walk`);
  }
}

function camelShape(shape: Readonly<Record<string, z.ZodType>>, where: string): Record<string, z.ZodType> {
  const out: Record<string, z.ZodType> = {};
  for (const [key, value] of Object.entries(shape)) {
    const camel = snakeToCamel(key);
    if (camel in out) throw new Error(`codec: two wire keys map to ${where}.${camel}`);
    out[camel] = camelizeAny(value, `${where}.${key}`);
  }
  return out;
}

function camelizeAny(s: z.ZodType, where: string): z.ZodType {
  // clone() keeps checks (.min(1)), strictness (catchall) and brands; only the
  // child schemas are swapped.
  if (s instanceof z.ZodObject) {
    return s.clone({ ...s.def, shape: camelShape(s.shape as Record<string, z.ZodType>, where) });
  }
  if (s instanceof z.ZodOptional) {
    return s.clone({ ...s.def, innerType: camelizeAny(s.def.innerType as z.ZodType, where) });
  }
  if (s instanceof z.ZodNullable) {
    return s.clone({ ...s.def, innerType: camelizeAny(s.def.innerType as z.ZodType, where) });
  }
  if (s instanceof z.ZodArray) {
    return s.clone({ ...s.def, element: camelizeAny(s.def.element as z.ZodType, `${where}[]`) });
  }
  assertLeafHasNoObjects(s, where);
  return s;
}

export function camelSchema<T extends z.ZodType>(wire: T): CamelSchema<T> {
  return camelizeAny(wire, "$") as unknown as CamelSchema<T>;
}

type Direction = "toWire" | "fromWire";

function convert(s: z.ZodType, value: unknown, dir: Direction): unknown {
  if (value === undefined || value === null) return value;
  if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) {
    return convert(s.def.innerType as z.ZodType, value, dir);
  }
  if (s instanceof z.ZodArray) {
    if (!Array.isArray(value)) return value;
    return value.map((v) => convert(s.def.element as z.ZodType, v, dir));
  }
  if (s instanceof z.ZodObject) {
    if (typeof value !== "object" || Array.isArray(value)) return value;
    const src = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [wireKey, child] of Object.entries(s.shape as Record<string, z.ZodType>)) {
      const apiKey = snakeToCamel(wireKey);
      const from = dir === "toWire" ? apiKey : wireKey;
      const to = dir === "toWire" ? wireKey : apiKey;
      // Absent optionals stay absent: DigiCert distinguishes "not sent" from null.
      if (src[from] !== undefined) out[to] = convert(child, src[from], dir);
    }
    return out;
  }
  return value;
}

/** camelCase API value (already validated by the camel schema) -> snake_case wire JSON. */
export function encode<T extends z.ZodType>(wire: T, value: z.output<CamelSchema<T>>): z.input<T> {
  return convert(wire, value, "toWire") as z.input<T>;
}

/** Validated snake_case wire value -> camelCase API value. */
export function decode<T extends z.ZodType>(wire: T, value: z.output<T>): z.output<CamelSchema<T>> {
  return convert(wire, value, "fromWire") as z.output<CamelSchema<T>>;
}
