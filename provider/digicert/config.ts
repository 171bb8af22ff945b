// Checks on the client's own settings, done once in the constructor so a bad
// setting fails before anything is sent.
import { DigiCertConfigError, DigiCertForeignHostError, DigiCertInsecureUrlError, DigiCertServicesPathError } from "./errors";

export const DEFAULT_BASE_URL = "https://www.digicert.com/services/v2";
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Literal loopback only: 127.0.0.0/8, [::1] and plain `localhost`. Not `*.localhost`:
 * resolvers differ on it, and one that asks DNS could send the key anywhere.
 */
function isLoopback(hostname: string): boolean {
  const h = hostname.toLowerCase();
  if (h === "localhost" || h === "[::1]") return true;
  // WHATWG URL has already normalized IPv4 forms like 127.1 or 0x7f.1.
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** DigiCert's own domains: CertCentral answers on www.digicert.com and certcentral.digicert.eu. */
const DIGICERT_DOMAINS = ["digicert.com", "digicert.eu"] as const;

/** A host under DigiCert's domains (a fully qualified name's final dot aside). */
function isDigicertHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, "");
  return DIGICERT_DOMAINS.some((d) => h === d || h.endsWith(`.${d}`));
}

export interface BaseUrlRules {
  /** http:// is accepted only for loopback hosts unless this is true. */
  readonly allowInsecureHttp?: boolean;
  /** Hosts other than DigiCert's and loopback are refused unless this is true: the key goes to them. */
  readonly allowNonDigicertHost?: boolean;
}

/** Origin and path only: a URL's user-info or query must not end up in an error. */
function describe(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/**
 * The base URL, checked: the one rule for where the API key may be sent, used by the
 * client's constructor and by the provider's configuration checks alike.
 */
export function validateBaseUrl(raw: string, rules: BaseUrlRules = {}): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DigiCertConfigError("baseUrl is not a valid absolute URL");
  }
  if (url.username || url.password) throw new DigiCertConfigError("baseUrl must not contain credentials");
  if (url.search || url.hash) throw new DigiCertConfigError(`baseUrl ${describe(url)} must not have a query or fragment`);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new DigiCertConfigError(`baseUrl ${describe(url)} must use https (or http to a loopback host)`);
  }
  // The host first: a typo or a pasted URL would send the key to whoever holds that name.
  if (!rules.allowNonDigicertHost && !isLoopback(url.hostname) && !isDigicertHost(url.hostname)) {
    throw new DigiCertForeignHostError(describe(url));
  }
  if (url.protocol === "http:") {
    if (!rules.allowInsecureHttp && !isLoopback(url.hostname)) {
      throw new DigiCertInsecureUrlError(describe(url));
    }
  }
  const clean = describe(url).replace(/\/+$/, "");
  // Every route the client sends is under the Services API's path; any other path
  // answers 404s or web pages, which would read as "no such order".
  if (!/\/services\/v2$/.test(url.pathname.replace(/\/+$/, ""))) {
    throw new DigiCertServicesPathError(clean);
  }
  return clean;
}

export function validateApiKey(key: unknown): string {
  if (typeof key !== "string" || key.trim() === "") throw new DigiCertConfigError("apiKey must be a non-empty string");
  // Control characters or surrounding spaces would make Node reject the header,
  // and Node's message could then be about the header value.
  if (key !== key.trim() || /[\u0000-\u001f\u007f]/.test(key)) {
    throw new DigiCertConfigError("apiKey contains whitespace or control characters (copy/paste error?)");
  }
  return key;
}

export function validateTimeout(ms: number | undefined): number {
  if (ms === undefined) return DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(ms) || ms <= 0) throw new DigiCertConfigError("timeoutMs must be a number > 0");
  return ms;
}

export function validateRateLimitWait(ms: number | undefined): number | undefined {
  if (ms === undefined) return undefined;
  if (!Number.isFinite(ms) || ms < 0) throw new DigiCertConfigError("rateLimitWaitMs must be a number >= 0");
  return ms;
}
