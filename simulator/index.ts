// The simulator's public surface (docs/dev/contracts.md). It imports nothing from
// the rest of the project so it can fake CertCentral for any layer's tests.
export { SimulatorAdmin } from "./admin";
export { API_PREFIX, startSimulator, type Simulator } from "./server";
export { DIGICERT_RATE_LIMITS, scaledRateLimits } from "./rate-limit";
export {
  DEFAULT_API_KEY,
  defaultSettings,
  type FaultSpec,
  type RecordedRequest,
  type ReportedStatuses,
  type SimulatorOptions,
  type SimulatorSettings,
} from "./types";
