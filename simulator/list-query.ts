// The query of CertCentral's list endpoints: `filters[field]=value`, `sort` (`-` for
// descending), `offset`, `limit`. Unknown filters and sorts are refused by name
// rather than ignored: a misspelt filter silently matching everything would let
// a caller act on the wrong order.
import { parseYmd } from "./dates";
import { badRequest } from "./errors";

export const MAX_LIMIT = 1000;

/**
 * A date filter as the List orders page and the Status change list page show them: a
 * range `from...to` (both ends inclusive; dates yyyy-MM-dd or times yyyy-MM-dd hh:mm:ss)
 * or `>from`. Other operators (`>=`, `<`, `<=`, a bare date) are documented nowhere, and
 * are refused (with an invented code) so that a caller relying on them fails here first.
 */
export interface DateFilter {
  from?: { ms: number; inclusive: boolean };
  to?: { ms: number; inclusive: boolean };
}

export interface ListQuery<F extends string> {
  filters: Partial<Record<F, string>>;
  sort: { field: string; descending: boolean } | undefined;
  offset: number;
  limit: number;
}

function count(query: URLSearchParams, name: string, min: number, max: number, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === "") return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw badRequest("invalid_value", `${name}: must be an integer from ${min} to ${max}`);
  }
  return Number(raw);
}

export function parseListQuery<F extends string>(
  query: URLSearchParams,
  filters: readonly F[],
  sorts: readonly string[],
): ListQuery<F> {
  const out: Partial<Record<F, string>> = {};
  for (const [key, value] of query) {
    const m = /^filters\[([a-z_]+)\]$/.exec(key);
    if (!m) {
      if (key.startsWith("filters")) throw badRequest("invalid_value", `${key}: malformed filter, use filters[field]=value`);
      continue;
    }
    const field = m[1] as F;
    if (!filters.includes(field)) throw badRequest("invalid_value", `filters[${field}]: unknown filter, known are ${filters.join(", ")}`);
    out[field] = value;
  }
  let sort: ListQuery<F>["sort"];
  const rawSort = query.get("sort");
  if (rawSort !== null && rawSort !== "") {
    const descending = rawSort.startsWith("-");
    const field = rawSort.replace(/^[-+]/, "");
    if (!sorts.includes(field)) throw badRequest("invalid_value", `sort: must be one of ${sorts.join(", ")}, with - for descending`);
    sort = { field, descending };
  }
  return { filters: out, sort, offset: count(query, "offset", 0, Number.MAX_SAFE_INTEGER, 0), limit: count(query, "limit", 1, MAX_LIMIT, MAX_LIMIT) };
}

const DAY_MS = 86_400_000;

/** A yyyy-MM-dd date or a yyyy-MM-dd hh:mm:ss time (UTC), as a range's end: a bare date spans its whole day. */
function point(name: string, text: string, end: "from" | "to"): number {
  const time = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text);
  const day = parseYmd(time?.[1] ?? text);
  if (day === undefined) {
    throw badRequest("invalid_value", `filters[${name}]: dates must be formatted yyyy-MM-dd or yyyy-MM-dd hh:mm:ss, got "${text.slice(0, 40)}"`);
  }
  if (time) return day + ((Number(time[2]) * 60 + Number(time[3])) * 60 + Number(time[4])) * 1000;
  return end === "from" ? day : day + DAY_MS - 1;
}

export function parseDateFilter(name: string, raw: string): DateFilter {
  const range = /^(.+)\.\.\.(.+)$/.exec(raw);
  if (range) return { from: { ms: point(name, range[1] ?? "", "from"), inclusive: true }, to: { ms: point(name, range[2] ?? "", "to"), inclusive: true } };
  if (raw.startsWith(">") && !raw.startsWith(">=")) return { from: { ms: point(name, raw.slice(1), "to"), inclusive: false } };
  throw badRequest(
    "invalid_date_filter",
    `filters[${name}]: use a range from...to or >from (the operators DigiCert documents), got "${raw.slice(0, 40)}"`,
  );
}

export function inDateRange(f: DateFilter, ms: number): boolean {
  if (f.from && (f.from.inclusive ? ms < f.from.ms : ms <= f.from.ms)) return false;
  if (f.to && (f.to.inclusive ? ms > f.to.ms : ms >= f.to.ms)) return false;
  return true;
}

/** CertCentral's text filters: exact, or a `%` prefix for "contains". */
export function textMatches(filter: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  if (filter.startsWith("%")) return value.toLowerCase().includes(filter.slice(1).replace(/%$/, "").toLowerCase());
  return value.toLowerCase() === filter.toLowerCase();
}
