// schema.json must generate Node.js and Python SDKs with the real Pulumi engine
// (`pulumi package gen-sdk`, issue 7) and without a single warning. The engine and its
// language hosts are the ones `make engine` (scripts/engine.sh) chose and recorded
// (`make test` runs it first), so this test fails rather than skips when they are missing.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkEngineOutput, engineChoice, engineEnv, engineVersionNote } from "../../tools/engine-env";

const ROOT = path.resolve(__dirname, "../..");
const SCHEMA = path.join(ROOT, "schema.json");

// What gen-sdk prints (one line saying where it wrote the SDK) and the variables below
// are those of this version; on another, the check of the output says so when it fails.
const OUTPUT_OF = "v3.259.0";
const OUTPUT_CHECK = "The exact output of `pulumi package gen-sdk`";

// Variables the CLI's AI-agent detection reads (sdk/go/common/util/agentdetect in v3.259.0).
// With one set, gen-sdk looks the package up in the Pulumi registry to print documentation
// hints: a network call (about 7 s offline) and extra output. The test is offline and silent.
const AGENT_ENV = [
  "AI_AGENT",
  "CURSOR_TRACE_ID",
  "CURSOR_AGENT",
  "GEMINI_CLI",
  "CODEX_SANDBOX",
  "CODEX_CI",
  "CODEX_THREAD_ID",
  "ANTIGRAVITY_AGENT",
  "AUGMENT_AGENT",
  "OPENCODE",
  "OPENCODE_CALLER",
  "OPENCODE_CLIENT",
  "CLAUDE_CODE_IS_COWORK",
  "CLAUDECODE",
  "CLAUDE_CODE",
  "REPL_ID",
  "COPILOT_MODEL",
  "COPILOT_ALLOW_ALL",
  "COPILOT_GITHUB_TOKEN",
  "GOOSE_PROVIDER",
];

const EXPECTED: Record<"nodejs" | "python", string[]> = {
  nodejs: [
    "package.json",
    "index.ts",
    "provider.ts",
    "clientCertificateOrder.ts",
    "certificateReissue.ts",
    "orderCtStatus.ts",
    "getOrderDuplicates.ts",
    "config/vars.ts",
    "types/input.ts",
    "types/output.ts",
    "types/enums/index.ts",
  ],
  python: [
    "setup.py",
    "pulumi_digicert/__init__.py",
    "pulumi_digicert/provider.py",
    "pulumi_digicert/client_certificate_order.py",
    "pulumi_digicert/certificate_reissue.py",
    "pulumi_digicert/order_ct_status.py",
    "pulumi_digicert/get_order_duplicates.py",
    "pulumi_digicert/config/vars.py",
    "pulumi_digicert/_inputs.py",
    "pulumi_digicert/outputs.py",
    "pulumi_digicert/_enums.py",
    "pulumi_digicert/pulumi-plugin.json",
  ],
};

const workDirs: string[] = [];

beforeAll(() => {
  // Throws, saying to run `make engine`, when no engine is recorded or a recorded
  // program (the CLI, the Node.js or Python language host) is gone.
  engineChoice(ROOT);
  const note = engineVersionNote(OUTPUT_OF, OUTPUT_CHECK);
  if (note) console.warn(note);
});

afterAll(() => {
  for (const d of workDirs) fs.rmSync(d, { recursive: true, force: true });
});

function genSdk(language: "nodejs" | "python") {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `digicert-gen-sdk-${language}-`));
  workDirs.push(work);
  const out = path.join(work, "sdk");
  const env: NodeJS.ProcessEnv = { ...process.env, ...engineEnv(ROOT) };
  for (const k of AGENT_ENV) delete env[k];
  const r = spawnSync(engineChoice(ROOT).pulumi, ["package", "gen-sdk", SCHEMA, "--language", language, "--out", out], {
    cwd: work, // outside any Pulumi project
    env,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { ...r, dir: path.join(out, language) };
}

describe.each(["nodejs", "python"] as const)("pulumi package gen-sdk schema.json --language %s", (language) => {
  let result: ReturnType<typeof genSdk>;
  beforeAll(() => {
    result = genSdk(language);
  }, 90_000);

  it("exits 0 and prints nothing but where it wrote the SDK (no warnings)", () => {
    expect(result.error).toBeUndefined();
    checkEngineOutput(OUTPUT_OF, OUTPUT_CHECK, () =>
      expect({ status: result.status, stdout: result.stdout, stderr: result.stderr.split("\n").filter((l) => l !== "") }).toEqual({
        status: 0,
        stdout: "",
        stderr: [`SDK has been written to ${result.dir}`],
      }),
    );
  });

  it("generates the resources, the function, the types and the package metadata", () => {
    const missing = EXPECTED[language].filter((f) => !fs.existsSync(path.join(result.dir, f)));
    expect(missing).toEqual([]);
  });

  it("uses the package name from schema.json's language section", () => {
    if (language === "nodejs") {
      expect(JSON.parse(fs.readFileSync(path.join(result.dir, "package.json"), "utf8")).name).toBe("pulumi-digicert");
    } else {
      expect(fs.readFileSync(path.join(result.dir, "setup.py"), "utf8")).toMatch(/name='pulumi_digicert'/);
    }
  });
});
