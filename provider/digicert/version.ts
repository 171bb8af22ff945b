// The user agent names the package version. package.json sits at a different
// depth from the source (provider/digicert/) and the build (bin/provider/digicert/),
// so look upwards for the one that is ours instead of a fixed relative path.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

const PACKAGE_NAME = "pulumi-digicert";
let cached: string | undefined;

export function packageVersion(): string {
  if (cached !== undefined) return cached;
  let dir = __dirname;
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: unknown; version?: unknown };
      if (pkg.name === PACKAGE_NAME && typeof pkg.version === "string") return (cached = pkg.version);
    } catch {
      // no (readable) package.json here: keep looking upwards
    }
    const parent = dirname(dir);
    if (parent === dir) return (cached = "0.0.0-unknown");
    dir = parent;
  }
}

export function userAgent(): string {
  return `${PACKAGE_NAME}/${packageVersion()}`;
}
