// A local (file://) backend keeps, beside each file it writes, a `<file>.attrs` sidecar
// (gocloud.dev's fileblob: content type and MD5). The file itself is written to a
// temporary file and renamed into place, but the sidecar is truncated and rewritten in
// place, so a kill -9 in that instant leaves it empty, and every later command that reads
// the stack fails with `failed to load checkpoint: EOF` although the stack file is
// whole. An empty sidecar holds nothing: removing it is what docs/interrupted-runs.md
// tells users to do (fileblob reads a missing sidecar as defaults and writes it again).
import * as fs from "node:fs";
import * as path from "node:path";

/** The error every command gives while the stack file's sidecar is empty. */
export const EMPTY_SIDECAR = /failed to load checkpoint: EOF/;

/** The empty `.attrs` sidecars under the backend's `.pulumi` folder, as paths relative to the backend. */
export function emptySidecars(backendDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith(".attrs") && fs.statSync(p).size === 0) found.push(path.relative(backendDir, p));
    }
  };
  walk(path.join(backendDir, ".pulumi"));
  return found.sort();
}

/** `find "$BACKEND/.pulumi" -name '*.attrs' -size 0 -delete`: the documented step. Returns what it removed. */
export function removeEmptySidecars(backendDir: string): string[] {
  const removed = emptySidecars(backendDir);
  for (const p of removed) fs.rmSync(path.join(backendDir, p));
  return removed;
}
