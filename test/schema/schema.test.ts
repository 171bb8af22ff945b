// schema.json, docs/ and the README's lifecycle table are generated from the zod
// schemas; a stale committed copy, or a docs example that no longer compiles, fails here.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ts from "typescript";
import { generatedFiles } from "../../tools/schema/files";
import { EXAMPLES } from "../../tools/schema/lifecycle";
import { SchemaGenerator } from "../../tools/schema/generate";
import { z } from "zod";

const ROOT = path.resolve(__dirname, "../..");

it.each(Object.keys(generatedFiles(ROOT)))("%s is up to date (run `make schema`)", (file) => {
  const expected = generatedFiles(ROOT)[file];
  expect(fs.readFileSync(path.join(ROOT, file), "utf8")).toBe(expected);
});

it("describes the package the Pulumi way", () => {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8"));
  expect(schema.name).toBe("digicert");
  expect(schema.config.variables.apiKey).toMatchObject({ type: "string", secret: true, defaultInfo: { environment: ["DIGICERT_API_KEY"] } });
  expect(schema.config.variables.baseUrl.defaultInfo.environment).toEqual(["DIGICERT_BASE_URL"]);
  expect(Object.keys(schema.resources).sort()).toEqual([
    "digicert:index:CertificateReissue",
    "digicert:index:ClientCertificate",
    "digicert:index:ClientCertificateKey",
    "digicert:index:ClientCertificateOrder",
    "digicert:index:OrderCtStatus",
  ]);
  const order = schema.resources["digicert:index:ClientCertificateOrder"];
  expect(order.requiredInputs).toEqual(["productId", "certificate", "organizationId"]);
  expect(order.inputProperties.certificate).toMatchObject({ $ref: "#/types/digicert:index:ClientCertificateDetails" });
  expect(order.properties.orderId).toMatchObject({ type: "integer" });
  expect(order.required).toEqual(expect.arrayContaining(["orderId", "requests", "status"]));
  expect(schema.types["digicert:index:ClientProductId"].enum.map((e: { value: string }) => e.value)).toHaveLength(10);
  // The component the plugin constructs: its key and PKCS#12 secret, its certificate without a CSR.
  const component = schema.resources["digicert:index:ClientCertificate"];
  expect(component.isComponent).toBe(true);
  expect(component.requiredInputs).toEqual(["productId", "organizationId", "certificate"]);
  expect(component.inputProperties.certificate).toMatchObject({ $ref: "#/types/digicert:index:ClientCertificateSubject" });
  expect(Object.keys(schema.types["digicert:index:ClientCertificateSubject"].properties)).not.toContain("csr");
  expect(Object.keys(component.inputProperties)).not.toEqual(expect.arrayContaining(["nextCsr"]));
  const secrets = (props: Record<string, { secret?: boolean }>) => Object.keys(props).filter((k) => props[k]!.secret === true);
  expect(secrets(component.inputProperties)).toEqual(["pkcs12Password"]);
  expect(secrets(component.properties)).toEqual(["privateKeyPem", "pkcs12"]);
  expect(component.properties.certificatePem).toMatchObject({ type: "string" });
  expect(secrets(schema.resources["digicert:index:ClientCertificateKey"].properties)).toEqual(["candidatePrivateKeyPem", "privateKeyPem"]);
  const bundle = schema.functions["digicert:index:pkcs12Bundle"];
  expect(bundle.inputs.required).toEqual(["certificatePem", "privateKeyPem", "password"]);
  expect(secrets(bundle.inputs.properties)).toEqual(["privateKeyPem", "password"]);
  expect(secrets(bundle.outputs.properties)).toEqual(["pkcs12"]);
  const fn = schema.functions["digicert:index:getOrderDuplicates"];
  expect(fn.inputs.required).toEqual(["orderId"]);
  expect(fn.outputs.properties.certificates.items).toEqual({ $ref: "#/types/digicert:index:DuplicateCertificate" });
});

it("refuses to generate an unnamed object type or an undescribed property", () => {
  const g = new SchemaGenerator();
  expect(() => g.object(z.object({ x: z.string() }), "T")).toThrow(/T.x has no description/);
  expect(() => g.object(z.object({ x: z.object({ y: z.string().describe("y") }).describe("x") }), "T")).toThrow(/no name in OBJECT_TYPES/);
});

it("every docs example compiles against the SDK", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "digicert-examples-"));
  const files = Object.entries(EXAMPLES).map(([name, code]) => {
    const f = path.join(dir, `${name}.ts`);
    fs.writeFileSync(f, code);
    return f;
  });
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ["node"],
    typeRoots: [path.join(ROOT, "node_modules/@types")],
    baseUrl: ROOT,
    paths: { "pulumi-digicert": [path.join(ROOT, "sdk/index.ts")], "*": [path.join(ROOT, "node_modules/*")] },
  });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  fs.rmSync(dir, { recursive: true, force: true });
  expect(diagnostics).toEqual([]);
});

it("the component's outputs in schema.json are the ones the plugin's Construct returns", () => {
  // Loaded here, not at the top: the SDK's module loads @pulumi/pulumi.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { CLIENT_CERTIFICATE_OUTPUTS } = require("../../sdk/client-certificate") as typeof import("../../sdk/client-certificate");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { clientCertificateOutputs } = require("../../provider/components/client-certificate/schema") as typeof import("../../provider/components/client-certificate/schema");
  expect(Object.keys(clientCertificateOutputs.shape)).toEqual([...CLIENT_CERTIFICATE_OUTPUTS]);
});
