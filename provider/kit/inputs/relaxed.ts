// The schema stored state is read with, derived from the inputs schema: the same
// shape and types, none of the rules. State was checked when it was written; checking
// it again would refuse what an earlier release wrote once a rule tightens, or a custom
// expiration date once that day has passed, and leave the resource impossible to
// refresh or delete.
import { z } from "zod";

function relax(s: z.ZodType, where: string): z.ZodType {
  if (s instanceof z.ZodObject) {
    const shape = Object.fromEntries(Object.entries(s.shape as Record<string, z.ZodType>).map(([k, v]) => [k, relax(v, `${where}.${k}`)]));
    // Not strict: fields a later release added are no reason to refuse the state; they
    // are dropped, since this release has no use for them.
    return z.object(shape);
  }
  if (s instanceof z.ZodOptional) return relax(s.unwrap() as z.ZodType, where).optional();
  if (s instanceof z.ZodArray) return z.array(relax(s.element as z.ZodType, `${where}[]`));
  if (s instanceof z.ZodUnion) return z.union((s.options as z.ZodType[]).map((o) => relax(o, where)));
  // Inputs pipe only to check a format (an email address): no transform to keep.
  if (s instanceof z.ZodPipe) return relax(s.in as z.ZodType, where);
  if (s instanceof z.ZodStringFormat || s instanceof z.ZodString) return z.string();
  if (s instanceof z.ZodNumber) return z.number();
  if (s instanceof z.ZodBoolean) return z.boolean();
  if (s instanceof z.ZodLiteral) return s.clone({ ...s.def, checks: [] });
  if (s instanceof z.ZodEnum) return s.clone({ ...s.def, checks: [] });
  // A new kind of input must say how stored state reads it: fail when the module loads.
  throw new Error(`relaxed: ${where}: no relaxed form for ${s.constructor.name}`);
}

/**
 * What reads stored state: parse and safeParse only. Declared as its own small type,
 * not as a zod type: the declaration tsc emits for a zod type spells out zod's internal
 * type arguments, which a program's own type-check of this package then rejects
 * (TS2344, seen by the install test).
 */
export interface StateReader<T> {
  parse(data: unknown): T;
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: z.ZodError };
}

/**
 * `schema` without its rules. The output type stays the schema's: only checks are
 * dropped (sizes, formats, refinements); types, literals and enums stay as they are.
 */
export function relaxed<S extends z.ZodObject>(schema: S): StateReader<z.output<S>> {
  return relax(schema, "state") as z.ZodType<z.output<S>>;
}
