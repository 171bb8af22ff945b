// Waiting for DigiCert to approve and issue: bounded, with progress in the log so a
// long approval never looks like a hang.
import type { Logger } from "./log";
import { SETTINGS } from "./settings";

export interface WaitOptions<T> {
  /** What is being waited for, for the log: "order 123". */
  readonly what: string;
  readonly timeoutSeconds: number;
  /** One look at DigiCert; `done` ends the wait, `progress` says why not yet. */
  readonly poll: () => Promise<{ done: boolean; value: T; progress: string }>;
  readonly log: Logger;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const LOG_EVERY_MS = 10_000;

/** Polls until done or the timeout; returns the last value seen and whether it was done. */
export async function waitFor<T>(o: WaitOptions<T>): Promise<{ done: boolean; value: T }> {
  const sleep = o.sleep ?? defaultSleep;
  const now = o.now ?? Date.now;
  const start = now();
  let delay = 250;
  let lastLog = start;
  for (;;) {
    const r = await o.poll();
    if (r.done) return { done: true, value: r.value };
    const elapsed = now() - start;
    if (elapsed >= o.timeoutSeconds * 1000) {
      o.log.info(`${o.what}: ${r.progress}; stopped waiting after ${Math.round(elapsed / 1000)}s (${SETTINGS.waitForIssuanceSeconds.config})`);
      return { done: false, value: r.value };
    }
    if (now() - lastLog >= LOG_EVERY_MS || lastLog === start) {
      o.log.info(`${o.what}: ${r.progress}; waited ${Math.round(elapsed / 1000)}s of ${o.timeoutSeconds}s`);
      lastLog = now();
    }
    await sleep(Math.min(delay, o.timeoutSeconds * 1000 - elapsed));
    delay = Math.min(delay * 2, 5_000);
  }
}
