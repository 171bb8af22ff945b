// The query of CertCentral's list endpoints: `filters[field]=value`, `sort` (`-` for
// descending), `offset`, `limit`. Unknown filters and sorts are refused by name
// rather than ignored: a misspelt filter silently matching everything would let
// a caller act on the wrong order.
import { parseYmd } from "./dates";
import { badRequest } from "./errors";

export const MAX_LIMIT = 1000;

export type Comparison = "=" | ">" | ">=" | "<" | "<=";

/** A date filter: `2024-01-31`, `>2024-01-01`, `<=2024-12-31`, or a range `2024-01-01...2024-01-31`. */
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

export function parseDateFilter(name: string, raw: string): DateFilter {
  const day = (text: string): number => {
    const ms = parseYmd(text);
    if (ms === undefined) throw badRequest("invalid_value", `filters[${name}]: dates must be formatted yyyy-MM-dd, got "${text.slice(0, 40)}"`);
    return ms;
  };
  const range = /^(.+)\.\.\.(.+)$/.exec(raw);
  if (range) return { from: { ms: day(range[1] ?? ""), inclusive: true }, to: { ms: day(range[2] ?? "") + DAY_MS, inclusive: false } };
  const m = /^(>=|<=|>|<|=)?(.*)$/.exec(raw);
  const op = (m?.[1] ?? "=") as Comparison;
  const ms = day(m?.[2] ?? "");
  switch (op) {
    case "=":
      return { from: { ms, inclusive: true }, to: { ms: ms + DAY_MS, inclusive: false } };
    case ">":
      return { from: { ms: ms + DAY_MS, inclusive: true } };
    case ">=":
      return { from: { ms, inclusive: true } };
    case "<":
      return { to: { ms, inclusive: false } };
    case "<=":
      return { to: { ms: ms + DAY_MS, inclusive: false } };
  }
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
