// One test layout (CONTRIBUTING.md, docs/dev/testing.md): every test and test helper
// is under test/, mirroring what it tests. jest looks nowhere else (jest.config.js), so
// a test written beside its code would never run, and the builds would compile it
// into bin/: this finds one before either happens.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");
// Not the repository's sources: installed packages, build output, local state.
const SKIPPED = new Set(["node_modules", "bin", ".git", ".tools", ".state"]);

/** Test files and __tests__ folders under `dir`, relative to the root. */
function testsOutside(root: string, dir = root): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const rel = path.relative(root, full);
    if (entry.isDirectory()) {
      if (SKIPPED.has(entry.name) || rel === "test") continue;
      if (entry.name === "__tests__") found.push(`${rel}/`);
      else found.push(...testsOutside(root, full));
    } else if (/\.(test|spec)\.[cm]?[jt]sx?$/.test(entry.name)) {
      found.push(rel);
    }
  }
  return found.sort();
}

test("no test or test helper lives outside test/", () => {
  expect(testsOutside(ROOT)).toEqual([]);
});

test("the check finds a test beside its code, and a __tests__ folder", () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "digicert-layout-"));
  try {
    fs.mkdirSync(path.join(scratch, "provider", "digicert", "__tests__"), { recursive: true });
    fs.writeFileSync(path.join(scratch, "provider", "digicert", "client.test.ts"), "");
    fs.mkdirSync(path.join(scratch, "test", "client"), { recursive: true });
    fs.writeFileSync(path.join(scratch, "test", "client", "client.test.ts"), "");
    expect(testsOutside(scratch)).toEqual(["provider/digicert/__tests__/", "provider/digicert/client.test.ts"]);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});
