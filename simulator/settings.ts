// Partial settings from options, the CLI or PUT /__admin/settings, checked and merged.
import { badRequest } from "./errors";
import { checkReportedStatuses } from "./reported-statuses";
import type { SimulatorSettings } from "./types";

type Checker = (v: unknown) => boolean;

const isBool: Checker = (v) => typeof v === "boolean";
const isMs: Checker = (v) => typeof v === "number" && Number.isFinite(v) && v >= 0;
const isLimits: Checker = (v) =>
  Array.isArray(v) &&
  v.every(
    (l: unknown) =>
      typeof l === "object" &&
      l !== null &&
      Number.isInteger((l as { limit?: unknown }).limit) &&
      ((l as { limit: number }).limit >= 0) &&
      isMs((l as { windowMs?: unknown }).windowMs),
  );

const CHECKS: Record<keyof SimulatorSettings, [Checker, string]> = {
  autoApprove: [isBool, "must be true or false"],
  newRequestStatus: [(v) => v === "pending" || v === "submitted", "must be pending or submitted"],
  issueDelayMs: [isMs, "must be a number >= 0"],
  autoApproveRevoke: [isBool, "must be true or false"],
  ctLoggingEnabled: [isBool, "must be true or false"],
  rateLimits: [isLimits, "must be an array of {limit, windowMs}"],
  latencyMs: [isMs, "must be a number >= 0"],
  clockOffsetMs: [(v) => typeof v === "number" && Number.isFinite(v), "must be a number of ms (negative: behind)"],
  // Its fields are checked when it is taken, each by name.
  reportedStatuses: [(v) => typeof v === "object" && v !== null && !Array.isArray(v), "must be an object {order?, request?, certificate?}"],
};

export function mergeSettings(current: SimulatorSettings, patch: unknown): SimulatorSettings {
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) {
    throw badRequest("bad_request_format", "settings must be a JSON object");
  }
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    const check = CHECKS[key as keyof SimulatorSettings] as [Checker, string] | undefined;
    if (!check) throw badRequest("invalid_value", `${key}: unknown setting, known are ${Object.keys(CHECKS).join(", ")}`);
    if (value === undefined) continue;
    if (!check[0](value)) throw badRequest("invalid_value", `${key}: ${check[1]}`);
    if (key === "rateLimits") next[key] = (value as SimulatorSettings["rateLimits"]).map((l) => ({ limit: l.limit, windowMs: l.windowMs }));
    else if (key === "reportedStatuses") next[key] = checkReportedStatuses(value, key);
    else next[key] = value;
  }
  return next as unknown as SimulatorSettings;
}
