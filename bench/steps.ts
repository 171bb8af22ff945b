// The four operations a user feels, in the order the bench runs them on one stack.
import type { RequestCount } from "./simulator";

export const STEPS = ["up", "preview", "refresh", "destroy"] as const;
export type Step = (typeof STEPS)[number];

export interface StepSample {
  seconds: number;
  /** DigiCert requests the step sent; absent for the no-op floor, which sends none. */
  requests?: RequestCount;
}

export type StepSamples = Record<Step, StepSample>;
