// Everything one running simulator holds, shared by the API and admin sides.
import { Faults } from "./faults";
import { RateLimiter } from "./rate-limit";
import { RequestLog } from "./request-log";
import { mergeSettings } from "./settings";
import { Store } from "./state";
import { DEFAULT_API_KEY, defaultSettings, type SimulatorOptions, type SimulatorSettings } from "./types";

export class Runtime {
  readonly store: Store;
  readonly faults = new Faults();
  readonly log = new RequestLog();
  readonly limiter = new RateLimiter();
  readonly apiKeys: ReadonlySet<string>;
  settings: SimulatorSettings;

  constructor(opts: SimulatorOptions) {
    this.store = new Store(opts.stateFile);
    this.settings = mergeSettings(defaultSettings(), opts.settings ?? {});
    const keys = (opts.apiKeys ?? []).filter((k) => k !== "");
    this.apiKeys = new Set(keys.length > 0 ? keys : [DEFAULT_API_KEY]);
  }

  ctx(now = Date.now() + this.settings.clockOffsetMs): { store: Store; settings: SimulatorSettings; now: number } {
    return { store: this.store, settings: this.settings, now };
  }

  /** Clears the account, the request log, faults and rate-limit history; settings stay. */
  reset(): void {
    this.store.clear();
    this.log.clear();
    this.faults.clear();
    this.limiter.clear();
  }
}
