// Reading what came back, or did not: the network failure classified (was a byte sent?),
// the body parsed, a redirect named, the size cap on every answer.
import http from "node:http";
import https from "node:https";
import type { Redactor } from "./redact";

// Codes that prove the TCP connection never existed, so no byte of the body left.
export const NEVER_CONNECTED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "EADDRNOTAVAIL"]);

// POSTs get a fresh connection: a pooled keep-alive socket the server has just
// closed fails with ECONNRESET, which for a POST is indistinguishable from a
// reset after processing and would report a possible duplicate order.
export const FRESH_CONNECTION = {
  http: new http.Agent({ keepAlive: false }),
  https: new https.Agent({ keepAlive: false }),
};

export interface Timings {
  connect?: number;
  secureConnect?: number;
}

export function classifyNetworkError(err: unknown, isHttps: boolean): { code: string; sent: boolean } {
  const e = err as { code?: unknown; name?: unknown; timings?: Timings };
  const code = typeof e.code === "string" ? e.code : e.name === "TimeoutError" ? "ETIMEDOUT" : "UNKNOWN";
  if (NEVER_CONNECTED.has(code)) return { code, sent: false };
  const t = e.timings;
  // No timings: got failed before creating the request. No connect (or, for
  // https, no finished handshake): no request byte can have been written.
  if (t === undefined || t.connect === undefined) return { code, sent: false };
  if (isHttps && t.secureConnect === undefined) return { code, sent: false };
  return { code, sent: true };
}

export function parsedJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** A redirect's target, origin and path only: its query could carry anything. */
export function redirectTarget(location: string | undefined, redact: Redactor): string {
  if (location === undefined) return "";
  try {
    const u = new URL(location);
    return `, redirecting to ${redact(`${u.protocol}//${u.host}${u.pathname}`)}`;
  } catch {
    return "";
  }
}

/**
 * CertCentral's largest answers (an order list page, a certificate chain as a zip) are
 * tens of KiB; 4 MiB leaves ample room and keeps a broken or hostile endpoint that sends
 * without end from filling the provider's memory.
 */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

export const TOO_LARGE = "ERESPONSETOOLARGE";

export function mib(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}
