// DigiCert documents `{"errors":[{"code":...,"message":...}]}`; one public
// client's fixtures show `errors` as a single object, and map-shaped variants
// (`{"errors":{"invalid_value":"..."}}`) exist in the wild. All are read into
// the same list so callers only ever see `{code, message}[]`.
import type { DigiCertErrorDetail } from "./errors";

function detailFrom(value: unknown, fallbackCode: string): DigiCertErrorDetail | undefined {
  if (typeof value === "string") return { code: fallbackCode, message: value };
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  const code = typeof o.code === "string" ? o.code : fallbackCode;
  const message =
    typeof o.message === "string" ? o.message : typeof o.description === "string" ? o.description : undefined;
  if (message === undefined && typeof o.code !== "string") return undefined;
  return { code, message: message ?? "" };
}

export function parseErrorEnvelope(body: unknown): DigiCertErrorDetail[] {
  if (body === null || typeof body !== "object") return [];
  const errors = (body as Record<string, unknown>).errors ?? (body as Record<string, unknown>).error;
  if (errors === undefined || errors === null) return [];
  if (typeof errors === "string") return [{ code: "unknown", message: errors }];
  if (Array.isArray(errors)) {
    return errors.map((e) => detailFrom(e, "unknown")).filter((d): d is DigiCertErrorDetail => d !== undefined);
  }
  if (typeof errors !== "object") return [];
  const single = detailFrom(errors, "unknown");
  if (single && ("code" in errors || "message" in errors)) return [single];
  // Map shape: the key is the code, the value a message or a detail object.
  const out: DigiCertErrorDetail[] = [];
  for (const [key, value] of Object.entries(errors as Record<string, unknown>)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      const d = detailFrom(v, key);
      if (d) out.push(d);
    }
  }
  return out;
}
