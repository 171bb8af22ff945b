// docs/install.md's minimal program type-checks as written, against this SDK: a page
// whose skeleton no longer compiles (an input renamed, a cast needed) fails here.
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "../..");

test("the minimal program in docs/install.md type-checks, with config values and no cast", () => {
  const page = fs.readFileSync(path.join(ROOT, "docs/install.md"), "utf8");
  const code = /## A minimal program[\s\S]*?```ts\n([\s\S]*?)```/.exec(page)?.[1];
  expect(code).toContain("config.getNumber(");
  expect(code).not.toMatch(/\bas\s+\d/);
  // Inside the checkout, so that the program resolves its packages; .state/ may not exist yet on a fresh clone.
  fs.mkdirSync(path.join(ROOT, ".state"), { recursive: true });
  const dir = fs.mkdtempSync(path.join(ROOT, ".state", "install-skeleton-"));
  try {
    const file = path.join(dir, "index.ts");
    fs.writeFileSync(file, code ?? "");
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      esModuleInterop: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      baseUrl: ROOT,
      paths: { "pulumi-digicert": ["sdk/index.ts"] },
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(problems).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
