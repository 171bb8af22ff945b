// Statuses outside DigiCert's documented lists, which real accounts do answer (older
// orders read `approved`; requests `cancelled_by_dc`). Told to, the simulator answers
// them in place of an order's real order, request and certificate statuses, so that
// tests can cover reading such orders. Only the answers change: the order still
// behaves by its real status (what it allows, when it issues or expires).
import { badRequest } from "./errors";
import type { ReportedStatuses } from "./types";
import { isObj } from "./validate";

const KINDS = ["order", "request", "certificate"] as const;

/** Checks `{order?, request?, certificate?}` of non-empty strings; throws a 400 naming the field. */
export function checkReportedStatuses(raw: unknown, path: string): ReportedStatuses {
  if (!isObj(raw)) throw badRequest("invalid_value", `${path}: must be an object {${KINDS.map((k) => `${k}?`).join(", ")}}`);
  const out: ReportedStatuses = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!(KINDS as readonly string[]).includes(key)) throw badRequest("invalid_value", `${path}.${key}: unknown, known are ${KINDS.join(", ")}`);
    if (value === undefined || value === null) continue;
    if (typeof value !== "string" || value === "") throw badRequest("invalid_value", `${path}.${key}: must be a non-empty string`);
    out[key as (typeof KINDS)[number]] = value;
  }
  return out;
}
