// The API key must never leave the transport in readable form. got errors
// carry the request options (headers included) and a server may echo the key
// in a body, so everything derived from them passes through a Redactor, and
// got's error objects are replaced by plain copies before being exposed.

export type Redactor = (text: string) => string;

export const REDACTED = "[redacted]";

/** Hides every form of each secret given (the API key; a proxy's credentials). */
export function makeRedactor(...secrets: string[]): Redactor {
  // Forms a secret can take once it has been through URL or JSON encoding.
  const forms = [...new Set(secrets.flatMap((secret) => [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]))]
    .filter((f) => f.length > 0)
    .sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const f of forms) out = out.split(f).join(REDACTED);
    return out;
  };
}

/**
 * A plain Error with only the name, message, code and stack of `err`, redacted.
 * Nothing else is copied: got's errors hold `options`, `request`, `response`
 * and `timings`, and the first of those holds the key.
 */
export function sanitizedCause(err: unknown, redact: Redactor): Error {
  if (!(err instanceof Error)) return new Error(redact(String(err)));
  const copy = new Error(redact(err.message));
  copy.name = err.name;
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string") (copy as Error & { code?: string }).code = code;
  copy.stack = err.stack === undefined ? undefined : redact(err.stack);
  return copy;
}
