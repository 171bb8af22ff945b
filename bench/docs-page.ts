// Replaces the generated part of docs/benchmarks.md (between the bench markers), and
// nothing else: the prose around the table is written by hand.
import * as fs from "node:fs";

export const BEGIN = "<!-- bench:begin (make bench writes this part) -->";
export const END = "<!-- bench:end -->";

/** The markers of a saved run's part (BENCH_SAVE=n1000: `bench-n1000:begin`). */
export function markers(saved?: string): { begin: string; end: string } {
  if (saved === undefined) return { begin: BEGIN, end: END };
  return { begin: `<!-- bench-${saved}:begin (make bench writes this part) -->`, end: `<!-- bench-${saved}:end -->` };
}

export function updateDocsPage(file: string, table: string, saved?: string): boolean {
  const { begin: BEGIN, end: END } = markers(saved);
  const text = fs.readFileSync(file, "utf8");
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) return false;
  fs.writeFileSync(file, `${text.slice(0, start + BEGIN.length)}\n${table}\n${text.slice(end)}`);
  return true;
}
