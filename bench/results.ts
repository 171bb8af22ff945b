// The runs of one size folded into what the report shows: medians, ratios to both
// floors, DigiCert requests and state per resource; and the targets.
import type { EngineRun } from "./engine";
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
  requests: number;
  requestsPerResource: number;
  /** Requests the simulator answered 429 (the client's limiter should leave none). */
  throttled: number;
  byEndpoint: Record<string, number>;
  apiFloorRequests: number;
}

export interface SizeResult {
  n: number;
  resources: number;
  runs: number;
  steps: Record<Step, StepResult>;
  state: { provider: StateSize; noop: StateSize };
}

export interface RunOfSize {
  provider: EngineRun;
  noop: EngineRun;
  api: StepSamples;
}

function timing(samples: number[]): Timing {
  return { median: round(median(samples), 3), samples: samples.map((s) => round(s, 3)) };
}

function r2(v: number | null): number | null {
  return v === null ? null : round(v, 2);
}

export function summarize(n: number, runs: RunOfSize[]): SizeResult {
  const resources = 2 * n;
  const steps = {} as Record<Step, StepResult>;
  for (const step of STEPS) {
    const provider = timing(runs.map((r) => r.provider.steps[step].seconds));
    const noop = timing(runs.map((r) => r.noop.steps[step].seconds));
    const api = timing(runs.map((r) => r.api[step].seconds));
    const reqs = runs.map((r) => r.provider.steps[step].requests);
    const requests = median(reqs.map((q) => q?.total ?? 0));
    const last = reqs[reqs.length - 1];
    steps[step] = {
      provider,
      noop,
      api,
      ratioToNoop: r2(ratio(provider.median, noop.median)),
      ratioToApi: r2(api.median >= 0.001 ? ratio(provider.median, api.median) : null),
      ratioToFloors: r2(ratio(provider.median, noop.median + api.median)),
      requests,
      requestsPerResource: round(requests / resources, 3),
      throttled: Math.max(...reqs.map((q) => q?.throttled ?? 0)),
      byEndpoint: last?.byEndpoint ?? {},
      apiFloorRequests: median(runs.map((r) => r.api[step].requests?.total ?? 0)),
    };
  }
  const medianState = (pick: (r: RunOfSize) => StateSize): StateSize => {
    const all = runs.map(pick);
    return {
      bytesPerResource: round(median(all.map((s) => s.bytesPerResource)), 1),
      providerBytesPerResource: round(median(all.map((s) => s.providerBytesPerResource)), 1),
      providerCopiesPerResource: median(all.map((s) => s.providerCopiesPerResource)),
      totalBytes: median(all.map((s) => s.totalBytes)),
    };
  };
  return { n, resources, runs: runs.length, steps, state: { provider: medianState((r) => r.provider.state), noop: medianState((r) => r.noop.state) } };
}

export interface TargetCheck {
  target: string;
  n: number;
  value: number | null;
  met: boolean;
}

/** The targets, checked at N = 100 (or the nearest size measured). */
export function checkTargets(sizes: SizeResult[]): TargetCheck[] {
  const at = [...sizes].sort((a, b) => Math.abs(a.n - 100) - Math.abs(b.n - 100))[0];
  if (!at) return [];
  const s = at.steps;
  const upRatio = s.up.ratioToFloors;
  return [
    { target: "up within 1.3x of (no-op floor + API floor)", n: at.n, value: upRatio, met: upRatio !== null && upRatio <= 1.3 },
    { target: "preview with no changes makes no DigiCert call", n: at.n, value: s.preview.requests, met: s.preview.requests === 0 },
    { target: "refresh: one DigiCert call per resource", n: at.n, value: s.refresh.requestsPerResource, met: s.refresh.requestsPerResource <= 1 },
    {
      target: "state per resource under 4 KB",
      n: at.n,
      value: at.state.provider.bytesPerResource,
      met: at.state.provider.bytesPerResource < 4096,
    },
  ];
}
