// `npm pack`'s prepack: removes build output in bin/ whose TypeScript source no longer
// exists (a file renamed or deleted since the last build), so that a tarball packed from
// a working checkout holds only what the current sources build. tsc never deletes the
// output of a removed source. npm runs this from the package root.
import * as fs from "node:fs";
import * as path from "node:path";

const OUTPUT = /(\.d\.ts|\.js)(\.map)?$/;

/** Every file under dir, as paths relative to it. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => fs.statSync(path.join(dir, f)).isFile());
}

/** Removes the folders under dir that nothing is left in, deepest first. */
function removeEmptyFolders(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const sub = path.join(dir, entry.name);
    removeEmptyFolders(sub);
    if (fs.readdirSync(sub).length === 0) fs.rmdirSync(sub);
  }
}

/** Deletes the outputs in root/bin without a source in root; returns them (relative to root). */
export function pruneBuild(root: string): string[] {
  const bin = path.join(root, "bin");
  const removed: string[] = [];
  for (const file of filesUnder(bin)) {
    if (!OUTPUT.test(file)) continue;
    const source = file.replace(OUTPUT, ".ts");
    if (fs.existsSync(path.join(root, source))) continue;
    fs.rmSync(path.join(bin, file));
    removed.push(path.join("bin", file));
  }
  if (fs.existsSync(bin)) removeEmptyFolders(bin);
  return removed;
}

if (require.main === module) {
  for (const file of pruneBuild(process.cwd())) process.stdout.write(`prune-build: removed ${file} (its source is gone)\n`);
}
