// Enterprise networks: the proxy a request to DigiCert goes through, from the
// `proxyUrl` setting or the usual HTTPS_PROXY / HTTP_PROXY / NO_PROXY variables.
// A proxy URL may hold credentials: only describeProxy's form ever reaches a log or error.
import type { Agent } from "node:http";
import type { Agent as HttpsAgent } from "node:https";
import { HttpProxyAgent, HttpsProxyAgent } from "hpagent";
import { DigiCertConfigError } from "./errors";

function env(vars: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = vars[name] ?? vars[name.toLowerCase()];
  return v === undefined || v.trim() === "" ? undefined : v.trim();
}

function defaultPort(protocol: string): string {
  return protocol === "https:" ? "443" : "80";
}

/**
 * Whether NO_PROXY exempts the target: `*`, a host (and its subdomains), `.suffix`,
 * or `host:port` (that port only). IPv6 entries are written with or without brackets.
 */
export function bypassesProxy(target: URL, noProxy: string | undefined): boolean {
  if (noProxy === undefined) return false;
  const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, "");
  const port = target.port || defaultPort(target.protocol);
  for (const raw of noProxy.split(/[\s,]+/)) {
    let entry = raw.trim().toLowerCase();
    if (entry === "") continue;
    if (entry === "*") return true;
    let entryPort: string | undefined;
    const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(entry);
    if (m !== null && m[1] !== undefined && m[2] !== undefined) {
      entry = m[1];
      entryPort = m[2];
    }
    entry = entry.replace(/^\[|\]$/g, "").replace(/^\*?\./, ".");
    if (entryPort !== undefined && entryPort !== port) continue;
    if (entry.startsWith(".") ? host.endsWith(entry) || host === entry.slice(1) : host === entry || host.endsWith(`.${entry}`)) {
      return true;
    }
  }
  return false;
}

/**
 * The proxy's credentials in each form they travel in (as written, decoded, the Basic
 * token), for the transport's redactor: a message that somehow quotes them hides them.
 * A user name alone is a token (some proxies take one): hidden too.
 */
export function proxySecrets(proxy: URL): string[] {
  const decode = (s: string): string => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  const user = decode(proxy.username);
  const password = decode(proxy.password);
  if (password === "") return user === "" ? [] : [proxy.username, user];
  return [proxy.password, password, Buffer.from(`${user}:${password}`).toString("base64")];
}

/** The proxy URL without credentials, path or query: what logs and errors may show. */
export function describeProxy(proxy: URL): string {
  return `${proxy.protocol}//${proxy.host}`;
}

/** The proxy URL, or why it is not one: the reason shows the URL only as describeProxy does. */
export function checkProxyUrl(raw: string): { url: URL } | { invalid: string } {
  const malformed = { invalid: "is not a valid absolute URL (http://[user:password@]host:port)" };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return malformed;
  }
  // No host: `user:password@host` reads as a URL of scheme `user:`, so nothing of it is shown.
  if (url.host === "") return malformed;
  if (url.protocol !== "http:" && url.protocol !== "https:") return { invalid: `${describeProxy(url)} must use http or https` };
  return { url };
}

function parseProxy(raw: string, source: string): URL {
  const checked = checkProxyUrl(raw);
  if ("invalid" in checked) throw new DigiCertConfigError(`${source} ${checked.invalid}`);
  return checked.url;
}

/**
 * The proxy for requests to `baseUrl`: `proxyUrl` when given, else HTTPS_PROXY (https
 * targets) or HTTP_PROXY (http targets); none when NO_PROXY exempts the host.
 */
export function proxyFor(baseUrl: string, proxyUrl: string | undefined, vars: NodeJS.ProcessEnv): URL | undefined {
  const target = new URL(baseUrl);
  if (bypassesProxy(target, env(vars, "NO_PROXY"))) return undefined;
  if (proxyUrl !== undefined && proxyUrl !== "") return parseProxy(proxyUrl, "proxyUrl");
  const name = target.protocol === "https:" ? "HTTPS_PROXY" : "HTTP_PROXY";
  const fromEnv = env(vars, name);
  return fromEnv === undefined ? undefined : parseProxy(fromEnv, name);
}

export interface ProxyAgents {
  http: Agent;
  https: HttpsAgent;
}

/** Agents through the proxy, pooled or (for POSTs, see transport.ts) one connection per request. */
export function proxyAgents(proxy: URL, keepAlive: boolean): ProxyAgents {
  return {
    http: new HttpProxyAgent({ proxy, keepAlive }),
    https: new HttpsProxyAgent({ proxy, keepAlive }),
  };
}

/**
 * A network failure through a proxy, said so: behind a proxy, a bare code hides whether
 * the proxy or DigiCert failed. hpagent reports a refused tunnel as `Bad response: <status>`.
 */
export function throughProxy(code: string, proxy: string, message: string): string {
  const refused = /^Bad response: (\d{3})$/.exec(message);
  if (refused === null) return `${code} through the proxy ${proxy} (${message})`;
  const status = refused[1];
  const hint = status === "407" ? ": it wants other credentials (the proxy URL's user and password)" : "";
  return `the proxy ${proxy} refused the tunnel to DigiCert with HTTP ${status}${hint}`;
}
