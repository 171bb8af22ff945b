// Checks on what a client call is given and on what DigiCert answers about it.
import type { z } from "zod";
import { encode, type CamelSchema } from "./codec";
import { DigiCertInvalidInputError, DigiCertResponseError } from "./errors";
import { zodIssues } from "./response";

export function positiveId(what: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v <= 0) {
    throw new DigiCertInvalidInputError(what, [{ path: "", message: "must be a positive integer" }]);
  }
  return v;
}

/** Validates camelCase input against the derived schema, then encodes it to the wire shape. */
export function toWire<T extends z.ZodType>(what: string, camel: CamelSchema<T> & z.ZodType, wire: T, input: unknown): z.input<T> {
  const result = camel.safeParse(input);
  if (!result.success) throw new DigiCertInvalidInputError(what, zodIssues(result.error));
  return encode(wire, result.data as z.output<CamelSchema<T>>);
}

/** An answer about another order than the one asked for: an error naming both, before anything acts on it. */
export function mustName(what: "order" | "reissue", endpoint: string, asked: number, answered: number): void {
  if (answered === asked) return;
  throw new DigiCertResponseError(endpoint, 200, [
    { path: "id", message: `names order ${answered}, but the ${what === "order" ? "request asked for" : "reissue was of"} order ${asked}: the answer is not used, nothing is done on either order` },
  ]);
}
