// The waits for the rate limits: how long in all, the machine's shared ledger, the sleep.
import { type RateLedger, sharedRateLedger } from "./rate-ledger";
import type { LogFn } from "./transport-types";

/** Long enough for CertCentral's 3-minute window to free a slot, with room to spare. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 300_000;

/** The machine's ledger, or none when its folder cannot be made (read-only home): this process then counts alone. */
export function openLedger(dir: string, baseUrl: string, apiKey: string, log: LogFn | undefined): RateLedger | undefined {
  try {
    return sharedRateLedger(dir, baseUrl, apiKey);
  } catch (err) {
    try {
      log?.("warn", `the rate-limit ledger in ${dir} cannot be used (${(err as { code?: unknown }).code ?? "error"}): this process counts its own requests only`);
    } catch {
      // A failing logger must not stop the client.
    }
    return undefined;
  }
}

export const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
