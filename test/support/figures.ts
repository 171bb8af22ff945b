// The reliability suites' figures (unit and engine): printed as a markdown table and written under
// .state/reliability/ (not committed: the numbers vary with timing and jitter from run
// to run; the README keeps a copy of one run).
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");
export const RESULTS_DIR = path.join(ROOT, ".state", "reliability");

export type Row = Record<string, string | number>;

export function markdownTable(rows: readonly Row[]): string {
  const first = rows[0];
  if (!first) return "(no rows)\n";
  const cols = Object.keys(first);
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(cols), line(cols.map(() => "---")), ...rows.map((r) => line(cols.map((c) => r[c] ?? "")))].join("\n") + "\n";
}

/** Writes `<name>.md` and `<name>.json` and prints the table. */
export function publish(name: string, title: string, rows: readonly Row[], notes: readonly string[] = []): void {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const md = `### ${title}\n\n${markdownTable(rows)}${notes.length ? `\n${notes.join("\n")}\n` : ""}`;
  fs.writeFileSync(path.join(RESULTS_DIR, `${name}.md`), md);
  fs.writeFileSync(path.join(RESULTS_DIR, `${name}.json`), JSON.stringify({ title, rows, notes }, null, 2) + "\n");
  process.stdout.write(`\n${md}\n(written to ${path.relative(ROOT, path.join(RESULTS_DIR, `${name}.md`))})\n`);
}
