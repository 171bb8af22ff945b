// The options a DigiCertClient is made with, and those of its order reads.
import type { RetryPolicy } from "./retry";
import type { LogFn } from "./transport";

export interface DigiCertClientOptions {
  apiKey: string;
  /** Default https://www.digicert.com/services/v2 (EU: https://certcentral.digicert.eu/services/v2). */
  baseUrl?: string;
  /** Per request (each attempt), default 30000. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Default CertCentral's: 1000 per 180 s and 100 per 5 s. Shared per base URL and key across the process. */
  rateLimits?: { limit: number; windowMs: number }[];
  /**
   * How long, in all, a request refused with 429 (the key's rate limit is spent, perhaps by
   * other users of the key) waits and is sent again; 0: fail at once. Default 300000, more
   * than CertCentral's 3-minute window.
   */
  rateLimitWaitMs?: number;
  /** How the user changes rateLimitWaitMs, as the error says when the wait runs out. */
  rateLimitWaitSetting?: string;
  /** How the user sets the API key, as the error says when DigiCert refuses it. */
  apiKeySetting?: string;
  /** How the user sets the base URL, as the error says when what answers is not the Services API. */
  baseUrlSetting?: string;
  /**
   * A folder where every process of this machine using the same key and base URL keeps
   * one ledger of its requests, so that together they stay within the key's limits.
   * Unset: this process only.
   */
  rateLedgerDir?: string;
  /** http:// is accepted only for loopback hosts unless this is true. */
  allowInsecureHttp?: boolean;
  /**
   * A base URL on a host other than DigiCert's (`*.digicert.com`, `*.digicert.eu`) or
   * loopback is refused unless this is true: the API key is sent to that host.
   */
  allowNonDigicertHost?: boolean;
  /** Never receives the API key. */
  log?: LogFn;
  /**
   * A proxy for every request (NO_PROXY still honoured); otherwise HTTPS_PROXY / HTTP_PROXY.
   * It may hold credentials: logs and errors show it without them.
   */
  proxyUrl?: string;
  /** Where the proxy variables are read; default process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface GetOrderOptions {
  /**
   * Accept an answer this process read (or is reading) at most this many ms ago: for
   * reads that only report what DigiCert holds, such as a refresh. A write through this
   * client drops the answers it may change. Never for a wait that polls for a change.
   */
  readonly maxAgeMs?: number;
}
