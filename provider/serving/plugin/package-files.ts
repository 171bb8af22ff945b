// The plugin's version and schema are the package's: package.json and schema.json at
// its root, found upwards from here (provider/plugin/ in the source, bin/provider/plugin/
// in the build), as the client finds its version.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

const PACKAGE_NAME = "pulumi-digicert";

export function packageRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: unknown };
      if (pkg.name === PACKAGE_NAME) return dir;
    } catch {
      // no (readable) package.json here: keep looking upwards
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${PACKAGE_NAME}: no package.json of ${PACKAGE_NAME} above ${from}`);
    dir = parent;
  }
}

export function packageVersion(root: string = packageRoot()): string {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version?: unknown };
  if (typeof pkg.version !== "string") throw new Error(`${PACKAGE_NAME}: package.json has no version`);
  return pkg.version;
}

/** schema.json as the package ships it (read once, when the engine first asks). */
export function schemaText(root: string = packageRoot()): string {
  return readFileSync(join(root, "schema.json"), "utf8");
}
