// Turns a 2xx body into a typed camelCase value, or a DigiCertResponseError
// naming the endpoint and the wire field path. Validation happens on the
// snake_case wire schema so paths match what DigiCert actually sent.
import type { z } from "zod";
import { decode, type CamelSchema } from "./codec";
import { DigiCertResponseError, type FieldIssue } from "./errors";

export function issuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: issuePath(i.path), message: i.message }));
}

export function parseJsonBody(endpoint: string, status: number, body: string): unknown {
  if (body.trim() === "") {
    throw new DigiCertResponseError(endpoint, status, [{ path: "", message: "empty body, expected JSON" }]);
  }
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new DigiCertResponseError(endpoint, status, [{ path: "", message: "body is not valid JSON" }]);
  }
}

export function decodeResponse<T extends z.ZodType>(
  endpoint: string,
  status: number,
  json: unknown,
  wire: T,
): z.output<CamelSchema<T>> {
  const result = wire.safeParse(json);
  if (!result.success) throw new DigiCertResponseError(endpoint, status, zodIssues(result.error));
  return decode(wire, result.data);
}
