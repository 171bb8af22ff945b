// schema.json must generate Node.js and Python SDKs with the real Pulumi engine
// (`pulumi package gen-sdk`, issue 7) and without a single warning. The engine and its
// language hosts are the ones `make engine` (scripts/engine.sh) chose and recorded
// (`make test` runs it first), so this test fails rather than skips when they are missing.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { checkEngineOutput, engineChoice, engineVersionNote } from "../../engine/engine-env";
import { NATIVE_NODEJS_PACKAGE } from "../../tools/schema/generate";
import { EngineFixture, ROOT, VERSION } from "./support/fixture";
import { PYTHON_SDK_VENV, buildNodejsSdk, genSdk, linkPackage, pythonWithSdk } from "./support/generated-sdks";

// What gen-sdk prints (one line saying where it wrote the SDK) and the variables below
// are those of this version; on another, the check of the output says so when it fails.
const OUTPUT_OF = "v3.259.0";
const OUTPUT_CHECK = "The exact output of `pulumi package gen-sdk`";

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

const fx = new EngineFixture();

beforeAll(() => {
  // Throws, saying to run `make engine`, when no engine is recorded or a recorded
  // program (the CLI, the Node.js or Python language host) is gone.
  engineChoice(ROOT);
  const note = engineVersionNote(OUTPUT_OF, OUTPUT_CHECK);
  if (note) console.warn(note);
});

afterAll(() => fx.close());

/** Inside the checkout: the Node.js SDK compiles against its node_modules. */
function generate(language: "nodejs" | "python") {
  return genSdk(ROOT, language, fx.scratch(`gen-sdk-${language}`));
}

describe.each(["nodejs", "python"] as const)("pulumi package gen-sdk schema.json --language %s", (language) => {
  let result: ReturnType<typeof genSdk>;
  beforeAll(() => {
    result = generate(language);
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

  it("uses the package name and version from schema.json, and asks for the plugin of that version", () => {
    const plugin = { resource: true, name: "digicert", version: VERSION };
    if (language === "nodejs") {
      // Not pulumi-digicert: that is this package, whose classes are the dynamic resources.
      expect(JSON.parse(fs.readFileSync(path.join(result.dir, "package.json"), "utf8"))).toMatchObject({ name: NATIVE_NODEJS_PACKAGE, version: VERSION, pulumi: plugin });
    } else {
      const setup = fs.readFileSync(path.join(result.dir, "setup.py"), "utf8");
      expect(setup).toMatch(/name='pulumi_digicert'/);
      expect(setup).toContain(`VERSION = "${VERSION}"`);
      expect(JSON.parse(fs.readFileSync(path.join(result.dir, "pulumi_digicert/pulumi-plugin.json"), "utf8"))).toEqual(plugin);
    }
  });
});

describe("the generated Node.js SDK", () => {
  it("compiles with tsc into a package a program loads: the resources' and the function's tokens are the native plugin's", () => {
    const gen = generate("nodejs");
    expect(gen.status).toBe(0);
    const pkg = buildNodejsSdk(ROOT, gen.dir);
    const program = path.join(path.dirname(gen.dir), "program");
    fs.mkdirSync(program);
    expect(linkPackage(program, pkg)).toBe(NATIVE_NODEJS_PACKAGE);
    // Each class's token, as it registers it (isInstance reads __pulumiType).
    const script = `const d = require(${JSON.stringify(NATIVE_NODEJS_PACKAGE)});
console.log(JSON.stringify({
  resources: ["ClientCertificateOrder", "CertificateReissue", "OrderCtStatus", "Provider"].map((k) => d[k].__pulumiType),
  functions: [typeof d.getOrderDuplicates, typeof d.getOrderDuplicatesOutput],
  enums: d.types.enums.ClientProductId,
}));`;
    const r = spawnSync(process.execPath, ["-e", script], { cwd: program, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({
      resources: ["digicert:index:ClientCertificateOrder", "digicert:index:CertificateReissue", "digicert:index:OrderCtStatus", "digicert"],
      functions: ["function", "function"],
      enums: {
        ClientAuthenticationPlus: "client_authentication_plus",
        ClientPremium: "client_premium",
        ClientDigitalSignaturePlus: "client_digital_signature_plus",
        ClientEmailSecurityPlus: "client_email_security_plus",
        Class1Smime: "class1_smime",
        SecureEmailMailbox: "secure_email_mailbox",
        SecureEmailSponsor: "secure_email_sponsor",
        SecureEmailOrganization: "secure_email_organization",
        ClientPremiumSha2: "client_premium_sha2",
        ClientDigitalSignaturePlusSha2: "client_digital_signature_plus_sha2",
      },
    });
  }, 240_000);
});

describe("the generated Python SDK, installed with pulumi from PyPI, under pulumi.runtime mocks", () => {
  interface MockRun {
    registered: { type: string; name: string; inputs: Record<string, unknown> }[];
    invoked: { token: string; args: Record<string, unknown> }[];
    outputs: Record<string, unknown>;
    missingRequired: string | null;
  }
  let run: MockRun;
  beforeAll(() => {
    const gen = generate("python");
    expect(gen.status).toBe(0);
    const python = pythonWithSdk(PYTHON_SDK_VENV, gen.dir);
    // Outside the SDK's folder, so that `import pulumi_digicert` is the installed package.
    const r = spawnSync(python, [path.join(__dirname, "python/generated-sdk-mocks.py")], { cwd: path.dirname(gen.dir), encoding: "utf8", timeout: 120_000 });
    if (r.status !== 0) throw new Error(`generated-sdk-mocks.py failed (exit ${r.status}):\n${r.stderr}`);
    run = JSON.parse(r.stdout) as MockRun;
  }, 900_000);

  it("registers each resource under its token, with its inputs in the schema's names and enums as their values", () => {
    // By name: the two resources that wait for the order's id register in either order.
    const byName = Object.fromEntries(run.registered.map((x) => [x.name, x]));
    expect(run.registered).toHaveLength(3);
    expect(Object.fromEntries(Object.entries(byName).map(([n, x]) => [n, x.type]))).toEqual({
      "lock-cole": "digicert:index:ClientCertificateOrder",
      "lock-cole-ct": "digicert:index:OrderCtStatus",
      "lock-cole-reissue": "digicert:index:CertificateReissue",
    });
    expect(byName["lock-cole"]!.inputs).toEqual({
      productId: "client_premium_sha2",
      certificate: { commonName: "Lock Cole", emails: ["locke.cole@example.com"], signatureHash: "sha256", organizationUnits: ["Accounting"] },
      organizationId: 112233,
      validityYears: 1,
      skipApproval: true,
      paymentMethod: "balance",
      revocationComments: "Removed from the stack",
    });
    // An output of one resource is the input of the next; a dict input is translated like an Args class.
    expect(byName["lock-cole-ct"]!.inputs).toEqual({ orderId: 10000001, disableCt: true });
    expect(byName["lock-cole-reissue"]!.inputs).toEqual({
      orderId: 10000001,
      certificate: { commonName: "Lock Cole", csr: "-----BEGIN CERTIFICATE REQUEST-----", signatureHash: "sha256" },
      comments: "Key rotation",
    });
  });

  it("calls getOrderDuplicates by the invoke token digicert:index:getOrderDuplicates", () => {
    expect(run.invoked).toEqual([{ token: "digicert:index:getOrderDuplicates", args: { orderId: 10000001 } }]);
  });

  it("hands back outputs, nested types included, under their Python names", () => {
    expect(run.outputs).toEqual({
      orderId: 10000001,
      certificateId: 30000001,
      status: "issued",
      requests: [{ id: 20000001, status: "approved" }],
      disableCt: true,
      reissuedCertificateId: 30000002,
      duplicates: [{ id: 30000009, common_name: "Lock Cole", serial_number: "0A1B", days_remaining: 365, status: "issued", date_created: "2026-11-30T12:00:00+00:00" }],
    });
  });

  it("refuses a resource without a required input, naming it", () => {
    expect(run.missingRequired).toBe("Missing required property 'product_id'");
  });
});
