// Public surface of the simulator, exactly as docs/dev/contracts.md states it.
// Other layers code against these names: add fields, never rename them.

export interface SimulatorSettings {
  autoApprove: boolean;
  newRequestStatus: "pending" | "submitted";
  issueDelayMs: number;
  autoApproveRevoke: boolean;
  ctLoggingEnabled: boolean;
  rateLimits: { limit: number; windowMs: number }[];
  latencyMs: number;
  /**
   * How far CertCentral's clock is from this machine's, in ms (negative: behind): every
   * timestamp the simulator writes and its Date header are shifted by it, as a client on
   * a skewed machine sees DigiCert.
   */
  clockOffsetMs: number;
  /** Statuses that orders placed from now on answer in place of their real ones (reported-statuses.ts). */
  reportedStatuses: ReportedStatuses;
}

/** Order, request and certificate statuses answered in place of the real ones, typically ones outside DigiCert's documented lists. */
export interface ReportedStatuses {
  order?: string;
  request?: string;
  certificate?: string;
}

export interface FaultSpec {
  method?: string;
  path?: string;
  /** `body`: the request is done as usual, then answered with `body` (`contentType`, default text/html) and `status` (default 200) instead. */
  kind: "status" | "latency" | "reset" | "body";
  status?: number;
  retryAfter?: number;
  latencyMs?: number;
  when?: "before" | "after";
  body?: string;
  contentType?: string;
  times?: number;
  every?: number;
}

export interface RecordedRequest {
  seq: number;
  method: string;
  path: string;
  /** 0 when the socket was reset and no response was sent. */
  status: number;
  at: number;
  fault?: string;
}

export interface SimulatorOptions {
  port?: number;
  host?: string;
  apiKeys?: string[];
  stateFile?: string;
  settings?: Partial<SimulatorSettings>;
}

import { DIGICERT_RATE_LIMITS } from "./rate-limit";

export const DEFAULT_API_KEY = "sim-key";

// CertCentral's published limits (1000 per 3 minutes, 100 per 5 seconds).
export function defaultSettings(): SimulatorSettings {
  return {
    autoApprove: false,
    newRequestStatus: "pending",
    issueDelayMs: 0,
    autoApproveRevoke: false,
    ctLoggingEnabled: true,
    rateLimits: DIGICERT_RATE_LIMITS.map((l) => ({ ...l })),
    latencyMs: 0,
    clockOffsetMs: 0,
    reportedStatuses: {},
  };
}
