// Structural comparison of property bags as the engine stores them: a missing key and
// an undefined one are the same, and a value unknown at preview always counts as changed.
import { UNKNOWN } from "./check";

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === UNKNOWN || b === UNKNOWN) return false;
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => sameValue(v, b[i]));
  }
  if (typeof a === "object" && typeof b === "object") {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
    for (const k of keys) if (!sameValue(ao[k], bo[k])) return false;
    return true;
  }
  return false;
}

/** The keys among `keys` whose values differ between the old and new bags. */
export function changedKeys(olds: Record<string, unknown>, news: Record<string, unknown>, keys: readonly string[]): string[] {
  return keys.filter((k) => !sameValue(olds[k], news[k]));
}

/** Drops undefined values: the engine's property bags cannot hold them. */
export function compact<T extends Record<string, unknown>>(bag: T): T {
  return Object.fromEntries(Object.entries(bag).filter(([, v]) => v !== undefined)) as T;
}
