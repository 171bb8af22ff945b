// The benchmark's programs compile against the package as a user's program does: they
// are outside the project's tsconfig (each is its own Pulumi project), and a type error
// there surfaces only an hour into `make bench`.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");

test.each(["digicert", "native", "noop"])("bench/programs/%s type-checks", (name) => {
  const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  const r = spawnSync(process.execPath, [tsc, "--noEmit", "--strict", "--esModuleInterop", "--skipLibCheck", "--target", "es2020", "--module", "commonjs", join("bench", "programs", name, "index.ts")], {
    cwd: ROOT,
    encoding: "utf8",
  });
  expect(r.stdout + r.stderr).toBe("");
  expect(r.status).toBe(0);
}, 60_000);
