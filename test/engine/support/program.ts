// The Pulumi programs the engine tests run, written into a folder of their own: an
// example's files copied as they are, or a TypeScript program from its index.ts; with
// the native plugin found through `plugins.providers` in Pulumi.yaml, as a user without
// it on PATH would (README). A program that loads pulumi-digicert or @pulumi/pulumi must
// sit inside the checkout to resolve them from its node_modules (the fixture's scratch
// folders are under .state/).
import * as fs from "fs";
import * as path from "path";
import type { PluginDir } from "./plugin-dir";

/** The checkout. */
export const ROOT = path.resolve(__dirname, "../../..");
/** The checkout's package version. */
export const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;

export interface ProgramSpec {
  /** Files copied in: name in the program → the file copied. */
  readonly copies?: Readonly<Record<string, string>>;
  /** Files written: name in the program → content. */
  readonly files?: Readonly<Record<string, string>>;
}

/** These files of examples/<example>, copied as they are. */
export function exampleProgram(example: string, files: readonly string[]): ProgramSpec {
  return { copies: Object.fromEntries(files.map((f) => [f, path.join(ROOT, "examples", example, f)])) };
}

/**
 * A TypeScript program: its index.ts, a Pulumi.yaml naming it, its own package.json (or
 * the runner would take the checkout's, pulumi-digicert's main, for the program) and the
 * examples' tsconfig.json.
 */
export function typescriptProgram(name: string, index: string): ProgramSpec {
  return {
    copies: { "tsconfig.json": path.join(ROOT, "examples/client-certificates/tsconfig.json") },
    files: {
      "Pulumi.yaml": `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n`,
      "package.json": JSON.stringify({ name: `${name}-program`, private: true, main: "index.ts" }, null, 2),
      "index.ts": index,
    },
  };
}

/** Writes the program into `dir` (made if missing); with a plugin, Pulumi.yaml names its folder under plugins.providers. */
export function writeProgram(dir: string, spec: ProgramSpec, plugin?: PluginDir): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, from] of Object.entries(spec.copies ?? {})) fs.copyFileSync(from, path.join(dir, name));
  for (const [name, content] of Object.entries(spec.files ?? {})) fs.writeFileSync(path.join(dir, name), content);
  if (plugin) fs.appendFileSync(path.join(dir, "Pulumi.yaml"), `\nplugins:\n  providers:\n    - name: digicert\n      path: ${plugin.dir}\n`);
}

/** examples/client-certificates: an order, its CT status, a reissue and the duplicates function, on the dynamic resources. */
export const CLIENT_CERTIFICATES_EXAMPLE = exampleProgram("client-certificates", ["Pulumi.yaml", "package.json", "index.ts", "tsconfig.json", "reissue.csr.pem"]);
