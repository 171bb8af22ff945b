// What the transport is made with, what a request is, and what it answers.
import type { Endpoint } from "./endpoints";
import type { BillableOperation } from "./errors";
import type { RateWindow } from "./rate-limiter";
import type { RetryPolicy } from "./retry";
import type { ServerClock } from "./server-clock";

export type LogLevel = "debug" | "info" | "warn";
export type LogFn = (level: LogLevel, message: string) => void;

export interface TransportOptions {
  apiKey: string;
  /** Already validated, no trailing slash. */
  baseUrl: string;
  timeoutMs: number;
  retry: RetryPolicy;
  rateLimits?: readonly RateWindow[];
  /** How long a request refused with 429 waits for the key's rate limit in all; 0: fail at once. */
  rateLimitWaitMs?: number;
  /** How a user changes rateLimitWaitMs, named in the error when the wait runs out. */
  rateLimitWaitSetting?: string;
  /** How a user sets the API key, named when DigiCert refuses it. */
  apiKeySetting?: string;
  /** How a user sets the base URL, named when what answers is not CertCentral's Services API. */
  baseUrlSetting?: string;
  /** Folder of the ledger that shares the key's budget among this machine's processes; none: this process only. */
  rateLedgerDir?: string;
  log?: LogFn;
  /** Told every answer's Date header: DigiCert's clock. */
  clock?: ServerClock;
  /** A proxy for every request (overrides HTTPS_PROXY / HTTP_PROXY; NO_PROXY still applies). */
  proxyUrl?: string;
  /** Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** The largest answer body read, in bytes; default MAX_RESPONSE_BYTES. */
  maxResponseBytes?: number;
  /** Test seams; default Math.random and setTimeout. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface SendSpec {
  endpoint: Endpoint;
  params: Readonly<Record<string, string | number>>;
  /** Query parameters (list endpoints). Not part of `path` in logs and errors, which name the endpoint. */
  query?: Readonly<Record<string, string>>;
  /** Sent as JSON when present. */
  body?: unknown;
  /** "json" (default) or anything DigiCert may send for downloads. */
  accept?: "json" | "any";
  /** Set for order/reissue POSTs: an ambiguous failure then says where to find the order. */
  billable?: BillableOperation;
}

export interface SendResult {
  status: number;
  body: string;
  contentType: string | undefined;
}
