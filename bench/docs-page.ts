// Replaces the generated part of docs/benchmarks.md (between the bench markers), and
// nothing else: the prose around the table is written by hand.
import * as fs from "node:fs";

export const BEGIN = "<!-- bench:begin (make bench writes this part) -->";
export const END = "<!-- bench:end -->";

export function updateDocsPage(file: string, table: string): boolean {
  const text = fs.readFileSync(file, "utf8");
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) return false;
  fs.writeFileSync(file, `${text.slice(0, start + BEGIN.length)}\n${table}\n${text.slice(end)}`);
  return true;
}
