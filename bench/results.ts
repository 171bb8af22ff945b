// The runs of one size folded into what the report shows: medians, ratios to both
// floors, DigiCert requests and state per resource; and the targets.
import type { EngineRun } from "./engine";
import type { RateWindow } from "../provider/digicert/rate-limiter";
import { rateLimitFloorSeconds } from "./rate-limit-floor";
import { median, ratio, round } from "./stats";
import type { StateSize } from "./state-size";
import { STEPS, type Step, type StepSamples } from "./steps";

export interface Timing {
  median: number;
  samples: number[];
}

export interface StepResult {
  provider: Timing;
  noop: Timing;
  api: Timing;
  ratioToNoop: number | null;
  ratioToApi: number | null;
  /** provider / (no-op floor + API floor): the engine's own cost plus the API time no provider can avoid. */
  ratioToFloors: number | null;
  /** provider / max(no-op floor, API floor): the engine's work and the API's waits can overlap, so the larger is what a user could get. */
  ratioToLarger: number | null;
  /** The step's own request count spaced exactly by CertCentral's windows (bench/rate-limit-floor.ts), seconds. */
  rateLimitFloor: number;
  ratioToRateLimit: number | null;
  requests: number;
  requestsPerResource: number;
  /** Requests the simulator answered 429 (the client's limiter should leave none). */
  throttled: number;
  byEndpoint: Record<string, number>;
  apiFloorRequests: number;
}

/** The same step served by the native plugin (pulumi-resource-digicert), against the same floors. */
export interface NativeStepResult {
  native: Timing;
  ratioToLarger: number | null;
  requestsPerResource: number;
  throttled: number;
}

export interface SizeResult {
  n: number;
  resources: number;
  runs: number;
  steps: Record<Step, StepResult>;
  state: { provider: StateSize; noop: StateSize; native?: StateSize };
  /** Present when the checkout has the native plugin built. */
  native?: Record<Step, NativeStepResult>;
}

export interface RunOfSize {
  provider: EngineRun;
  noop: EngineRun;
  api: StepSamples;
  native?: EngineRun;
}

function timing(samples: number[]): Timing {
  return { median: round(median(samples), 3), samples: samples.map((s) => round(s, 3)) };
}

function r2(v: number | null): number | null {
  return v === null ? null : round(v, 2);
}

export function summarize(n: number, runs: RunOfSize[], windows: readonly RateWindow[], latencyMs: number): SizeResult {
  const resources = 2 * n;
  const steps = {} as Record<Step, StepResult>;
  for (const step of STEPS) {
    const provider = timing(runs.map((r) => r.provider.steps[step].seconds));
    const noop = timing(runs.map((r) => r.noop.steps[step].seconds));
    const api = timing(runs.map((r) => r.api[step].seconds));
    const reqs = runs.map((r) => r.provider.steps[step].requests);
    const requests = median(reqs.map((q) => q?.total ?? 0));
    const last = reqs[reqs.length - 1];
    // Per run, from its own count: the median count of an even number of runs can be a half.
    const rateLimitFloor = round(median(reqs.map((q) => rateLimitFloorSeconds(q?.total ?? 0, windows, latencyMs))), 3);
    steps[step] = {
      provider,
      noop,
      api,
      ratioToNoop: r2(ratio(provider.median, noop.median)),
      ratioToApi: r2(api.median >= 0.001 ? ratio(provider.median, api.median) : null),
      ratioToFloors: r2(ratio(provider.median, noop.median + api.median)),
      ratioToLarger: r2(ratio(provider.median, Math.max(noop.median, api.median))),
      rateLimitFloor,
      ratioToRateLimit: r2(rateLimitFloor >= 0.001 ? ratio(provider.median, rateLimitFloor) : null),
      requests,
      requestsPerResource: round(requests / resources, 3),
      throttled: Math.max(...reqs.map((q) => q?.throttled ?? 0)),
      byEndpoint: last?.byEndpoint ?? {},
      apiFloorRequests: median(runs.map((r) => r.api[step].requests?.total ?? 0)),
    };
  }
  const medianState = (all: StateSize[]): StateSize => ({
    bytesPerResource: round(median(all.map((s) => s.bytesPerResource)), 1),
    providerBytesPerResource: round(median(all.map((s) => s.providerBytesPerResource)), 1),
    providerCopiesPerResource: median(all.map((s) => s.providerCopiesPerResource)),
    pemBytesPerResource: round(median(all.map((s) => s.pemBytesPerResource)), 1),
    totalBytes: median(all.map((s) => s.totalBytes)),
  });
  const nativeRuns = runs.flatMap((r) => (r.native !== undefined ? [r.native] : []));
  const result: SizeResult = {
    n,
    resources,
    runs: runs.length,
    steps,
    state: { provider: medianState(runs.map((r) => r.provider.state)), noop: medianState(runs.map((r) => r.noop.state)) },
  };
  if (nativeRuns.length === runs.length && nativeRuns.length > 0) {
    const native = {} as Record<Step, NativeStepResult>;
    for (const step of STEPS) {
      const t = timing(nativeRuns.map((r) => r.steps[step].seconds));
      const reqs = nativeRuns.map((r) => r.steps[step].requests);
      native[step] = {
        native: t,
        ratioToLarger: r2(ratio(t.median, Math.max(steps[step].noop.median, steps[step].api.median))),
        requestsPerResource: round(median(reqs.map((q) => q?.total ?? 0)) / resources, 3),
        throttled: Math.max(...reqs.map((q) => q?.throttled ?? 0)),
      };
    }
    result.native = native;
    result.state.native = medianState(nativeRuns.map((r) => r.state));
  }
  return result;
}

export interface TargetCheck {
  target: string;
  n: number;
  value: number | null;
  met: boolean;
}

const LARGER_FLOOR_TARGET = 1.3;
const RATE_LIMIT_TARGET = 1.2;

/**
 * The targets: up, refresh and destroy within 1.3x of the larger floor at N = 100 and
 * N = 300; at N = 100 no call on a no-change preview, one per resource on refresh, and
 * the state size; at N = 1000, refresh within 1.2x of the rate-limit floor; at every N,
 * no 429 reaching the provider's caller (the limiter leaves none for the retry to hide).
 */
export function checkTargets(sizes: SizeResult[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const at of sizes.filter((s) => s.n === 100 || s.n === 300)) {
    for (const step of ["up", "refresh", "destroy"] as const) {
      const v = at.steps[step].ratioToLarger;
      checks.push({ target: `${step} within ${LARGER_FLOOR_TARGET}x of the larger floor`, n: at.n, value: v, met: v !== null && v <= LARGER_FLOOR_TARGET });
    }
  }
  const at100 = sizes.find((s) => s.n === 100);
  if (at100) {
    const s = at100.steps;
    checks.push(
      { target: "preview with no changes makes no DigiCert call", n: 100, value: s.preview.requests, met: s.preview.requests === 0 },
      { target: "refresh: at most one DigiCert call per resource", n: 100, value: s.refresh.requestsPerResource, met: s.refresh.requestsPerResource <= 1 },
      { target: "state per resource under 4 KB", n: 100, value: at100.state.provider.bytesPerResource, met: at100.state.provider.bytesPerResource < 4096 },
    );
  }
  const at1000 = sizes.find((s) => s.n === 1000);
  if (at1000) {
    const v = at1000.steps.refresh.ratioToRateLimit;
    checks.push({ target: `refresh within ${RATE_LIMIT_TARGET}x of the rate-limit floor`, n: 1000, value: v, met: v !== null && v <= RATE_LIMIT_TARGET });
  }
  for (const s of sizes) {
    const throttled = Math.max(...STEPS.map((step) => s.steps[step].throttled));
    checks.push({ target: "no 429 from DigiCert in any step", n: s.n, value: throttled, met: throttled === 0 });
  }
  return checks;
}
