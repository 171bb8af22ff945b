// The native plugin (pulumi-resource-digicert) through the real engine: a TypeScript
// stack that registers resources by type token, as an SDK generated from schema.json
// does, with the default provider (the stack's digicert:* config) and an explicit
// `digicert:index:Provider`, each pointed at its own simulator. Then `pulumi import` of
// each kind, and a stack moved from the dynamic resources to the native ones. Every step
// audits what reached each simulator.
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { startSimulator, type Simulator } from "../../../simulator";
import { engineEnv, pulumiCommand, pulumiPath } from "../../../tools/engine-env";
import { PluginDir } from "../support/plugin-dir";
import { plainOutputs } from "../support/stack";

jest.setTimeout(10 * 60_000);

const ROOT = path.resolve(__dirname, "../../..");
const KEY_A = "native-key-a-5e0c1b7d";
const KEY_B = "native-key-b-93f2aa40";
const CSR = fs.readFileSync(path.join(ROOT, "test/fixtures/csr/lock-cole.csr.pem"), "utf8");
const SECRET_COMMENTS = "revoked-because-7c1e";

let simA: Simulator;
let simB: Simulator;
let plugin: PluginDir;
let workDir: string;
let backendDir: string;
let env: Record<string, string>;
let stack: Stack;

interface Declared {
  type: string;
  name: string;
  props: Record<string, unknown>;
  provider?: string;
  protect?: boolean;
  secrets?: string[];
  dynamic?: boolean;
}

const order = (name: string, commonName: string, extra: Record<string, unknown> = {}): Declared => ({
  type: "digicert:index:ClientCertificateOrder",
  name,
  props: {
    productId: "client_premium_sha2",
    certificate: { commonName, emails: [`${name}@example.com`], signatureHash: "sha256" },
    organizationId: 112233,
    validityYears: 1,
    paymentMethod: "balance",
    ...extra,
  },
});

/** The stack as the base step declares it: two orders, one per provider, a CT status, a reissue, two invokes. */
function baseResources(): Declared[] {
  return [
    { ...order("a", "Alpha Default", { revocationComments: SECRET_COMMENTS }), secrets: ["revocationComments"] },
    { ...order("b", "Bravo Explicit"), provider: "eu" },
    { type: "digicert:index:OrderCtStatus", name: "a-ct", props: { orderId: { $ref: "a.orderId" }, disableCt: true } },
    {
      type: "digicert:index:CertificateReissue",
      name: "b-reissue",
      provider: "eu",
      props: { orderId: { $ref: "b.orderId" }, certificate: { commonName: "Bravo Explicit", csr: CSR, signatureHash: "sha256" } },
    },
  ];
}

function writeProgram(resources: Declared[]): void {
  const stackJson = {
    providers: [{ name: "eu", args: { baseUrl: simB.baseUrl, apiKey: KEY_B, waitForIssuanceSeconds: "1" } }],
    resources,
    invokes: [
      { name: "dupsA", orderOf: "a" },
      { name: "dupsB", orderOf: "b", provider: "eu" },
    ],
  };
  fs.writeFileSync(path.join(workDir, "stack.json"), JSON.stringify(stackJson, null, 2));
}

async function calls(sim: Simulator): Promise<string[]> {
  const r = (await sim.admin.requests()).map((q) => `${q.method} ${q.path}`);
  await sim.admin.clearRequests();
  return r;
}

interface SimOrder {
  id: number;
  status: string;
  commonName?: string;
}

/** The orders a simulator holds, from its admin state. */
async function orders(sim: Simulator): Promise<SimOrder[]> {
  const state = (await sim.admin.state()) as { orders: { id: number; status: string; requested?: { commonName?: string } }[] };
  return state.orders.map((o) => ({ id: o.id, status: o.status, ...(o.requested?.commonName !== undefined ? { commonName: o.requested.commonName } : {}) }));
}

async function api(sim: Simulator, key: string, method: string, p: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${sim.baseUrl}${p}`, {
    method,
    headers: { "X-DC-DEVKEY": key, "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** The CLI, run without blocking: the simulators answer from this process. */
function pulumi(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      pulumiPath(ROOT),
      [...args, "--stack", "native", "--non-interactive"],
      { cwd: workDir, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => (err ? reject(new Error(`pulumi ${args.join(" ")} failed: ${err.message}\n${stdout}\n${stderr}`)) : resolve(stdout)),
    );
  });
}

interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  protect?: boolean;
}

function exported(): { text: string; resources: StateResource[] } {
  const text = execFileSync(pulumiPath(ROOT), ["stack", "export", "--stack", "native"], { cwd: workDir, env: { ...process.env, ...env }, encoding: "utf8" });
  return { text, resources: (JSON.parse(text) as { deployment: { resources: StateResource[] } }).deployment.resources };
}

/** The bytes of a resource's PEM outputs in state. */
const pemBytes = (r: StateResource): number => ["certificatePem", "chainPem"].reduce((n, k) => n + JSON.stringify(r.outputs?.[k] ?? "").length, 0);

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const isSecret = (v: unknown): boolean => typeof v === "object" && v !== null && SECRET_SIG in v;

beforeAll(async () => {
  simA = await startSimulator({ port: 0, apiKeys: [KEY_A], settings: { autoApprove: true, autoApproveRevoke: false } });
  simB = await startSimulator({ port: 0, apiKeys: [KEY_B], settings: { autoApprove: true, autoApproveRevoke: false } });
  const scratch = path.join(ROOT, ".state", "native");
  fs.mkdirSync(scratch, { recursive: true });
  plugin = new PluginDir(fs.mkdtempSync(path.join(os.tmpdir(), "digicert-plugin-")), path.join(ROOT, "bin/provider/plugin/main.js"));
  // Inside the checkout, so that the program resolves @pulumi/pulumi and pulumi-digicert from it.
  workDir = fs.mkdtempSync(path.join(scratch, "program-"));
  fs.copyFileSync(path.join(__dirname, "program/index.ts"), path.join(workDir, "index.ts"));
  fs.writeFileSync(path.join(workDir, "package.json"), JSON.stringify({ name: "native-plugin-stack", main: "index.ts" }));
  // The engine finds the plugin through plugins.providers (docs/native-plugin.md).
  fs.writeFileSync(
    path.join(workDir, "Pulumi.yaml"),
    `name: native-plugin\nruntime: nodejs\nplugins:\n  providers:\n    - name: digicert\n      path: ${plugin.dir}\n`,
  );
  backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "digicert-native-backend-"));
  env = engineEnv(ROOT, { dir: backendDir, passphrase: "native-passphrase" });
  const ws = await LocalWorkspace.create({ workDir, pulumiCommand: await pulumiCommand(ROOT), envVars: env });
  stack = await Stack.create("native", ws);
  await stack.setAllConfig({
    "digicert:baseUrl": { value: simA.baseUrl },
    "digicert:apiKey": { value: KEY_A, secret: true },
    "digicert:waitForIssuanceSeconds": { value: "1" },
  });
  writeProgram(baseResources());
});

afterAll(async () => {
  plugin?.killLeftovers();
  await simA?.close();
  await simB?.close();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  if (backendDir) fs.rmSync(backendDir, { recursive: true, force: true });
  if (plugin) fs.rmSync(plugin.dir, { recursive: true, force: true });
});

let orderA: number;
let orderB: number;

test("up: each resource's requests reach only its own provider's simulator; the invoke runs in the plugin", async () => {
  const r = await stack.up();
  expect(r.summary.resourceChanges).toMatchObject({ create: 6 }); // stack, explicit provider, 4 resources
  const out = await plainOutputs(stack);
  orderA = (out["a"] as { orderId: number }).orderId;
  orderB = (out["b"] as { orderId: number }).orderId;
  expect((out["a"] as { status: string }).status).toBe("issued");
  expect(out["dupsA"]).toEqual({ certificates: [] });
  expect(out["dupsB"]).toEqual({ certificates: [] });

  expect(await orders(simA)).toEqual([expect.objectContaining({ id: orderA, commonName: "Alpha Default" })]);
  expect(await orders(simB)).toEqual([expect.objectContaining({ id: orderB })]);
  const a = await calls(simA);
  const b = await calls(simB);
  expect(a.filter((c) => c.startsWith("POST /order/certificate/client_"))).toHaveLength(1);
  expect(a).toContain(`PUT /order/certificate/${orderA}/ct-status`);
  expect(a).toContain(`GET /order/certificate/${orderA}/duplicate`);
  expect(a.some((c) => c.includes("/reissue"))).toBe(false);
  expect(b.filter((c) => c.startsWith("POST /order/certificate/client_"))).toHaveLength(1);
  expect(b).toContain(`POST /order/certificate/${orderB}/reissue`);
  expect(b).toContain(`GET /order/certificate/${orderB}/duplicate`);
  expect(b.some((c) => c.includes("/ct-status"))).toBe(false);
});

test("state: typed digicert:index:*, no serialized provider, the keys and the secret input only encrypted", () => {
  const { text, resources } = exported();
  expect(text).not.toContain(KEY_A);
  expect(text).not.toContain(KEY_B);
  expect(text).not.toContain(SECRET_COMMENTS);
  expect(text).not.toContain("__provider");
  const types = resources.map((r) => r.type);
  expect(types).toEqual(expect.arrayContaining(["digicert:index:ClientCertificateOrder", "digicert:index:OrderCtStatus", "digicert:index:CertificateReissue", "pulumi:providers:digicert"]));
  // The explicit provider's key was given in plain text by the program: CheckConfig made it a secret.
  const eu = resources.find((r) => r.type === "pulumi:providers:digicert" && r.urn.endsWith("::eu"))!;
  expect(isSecret(eu.inputs?.["apiKey"])).toBe(true);
  expect(eu.inputs?.["baseUrl"]).toBe(simB.baseUrl);
  const a = resources.find((r) => r.urn.endsWith("ClientCertificateOrder::a"))!;
  expect(isSecret(a.inputs?.["revocationComments"])).toBe(true);
  expect(isSecret(a.outputs?.["revocationComments"])).toBe(true);
  expect(isSecret(a.outputs?.["certificate"])).toBe(false);

  // Bytes per resource beside the PEM outputs' own (issue 14's target: at most 2.5 KB).
  const bytes = JSON.stringify(a).length;
  console.log(`native ClientCertificateOrder state: ${bytes} bytes, ${bytes - pemBytes(a)} beside its PEM outputs`);
  expect(bytes - pemBytes(a)).toBeLessThanOrEqual(2560);
});

test("a second preview plans no change and places nothing", async () => {
  const p = await stack.preview();
  expect(p.changeSummary).toEqual({ same: 6 });
  expect((await calls(simA)).filter((c) => !c.startsWith("GET "))).toEqual([]);
  expect((await calls(simB)).filter((c) => !c.startsWith("GET "))).toEqual([]);
});

test("refresh reads each resource from its own provider's simulator and takes drift in; up sets it back", async () => {
  await simA.admin.patchOrder(orderA, { disableCt: false }); // behind the stack's back
  const r = await stack.refresh();
  expect(r.summary.resourceChanges).toMatchObject({ update: 1 });
  const ct = exported().resources.find((x) => x.urn.endsWith("OrderCtStatus::a-ct"))!;
  expect(ct.outputs?.["disableCt"]).toBe(false);
  const a = await calls(simA);
  const b = await calls(simB);
  expect(a).toContain(`GET /order/certificate/${orderA}`);
  expect(b).toContain(`GET /order/certificate/${orderB}`);
  expect([...a, ...b].filter((c) => !c.startsWith("GET "))).toEqual([]);

  const up = await stack.up();
  expect(up.summary.resourceChanges).toMatchObject({ update: 1 });
  expect(await calls(simA)).toContain(`PUT /order/certificate/${orderA}/ct-status`);
  expect((await calls(simB)).filter((c) => !c.startsWith("GET "))).toEqual([]);
});

test("CheckConfig: a bad setting fails the preview, naming the setting, before any request", async () => {
  await stack.setConfig("digicert:timeoutSeconds", { value: "soon" });
  try {
    await expect(stack.preview()).rejects.toThrow(/timeoutSeconds[\s\S]*must be a number of seconds/);
  } finally {
    await stack.removeConfig("digicert:timeoutSeconds");
  }
  expect(await calls(simA)).toEqual([]);
});

let imported: { orderId: number; requestId: number };

test("pulumi import of each kind reads its inputs from DigiCert, then the program declaring them plans no change", async () => {
  // Placed outside the stack, as an order placed in CertCentral by hand would be.
  const placed = await api(simA, KEY_A, "POST", "/order/certificate/client_authentication_plus", {
    certificate: { common_name: "Imported Person", emails: ["imported@example.com"], signature_hash: "sha256", organization_units: ["Ops"] },
    organization: { id: 112233 },
    validity_years: 2,
    payment_method: "balance",
  });
  const orderId = placed["id"] as number;
  await api(simA, KEY_A, "POST", `/order/certificate/${orderId}/reissue`, {
    certificate: { common_name: "Imported Person", csr: CSR, signature_hash: "sha256" },
    comments: "new key",
  });
  await api(simA, KEY_A, "PUT", `/order/certificate/${orderId}/ct-status`, { disable_ct: true });
  const info = await api(simA, KEY_A, "GET", `/order/certificate/${orderId}`);
  const requestId = (info["requests"] as { id: number; type: string }[]).filter((q) => q.type === "reissue").pop()!.id;
  // Approved by a CertCentral administrator: DigiCert reports a reissue's details once it is issued.
  await api(simA, KEY_A, "PUT", `/request/${requestId}/status`, { status: "approved" });
  imported = { orderId, requestId };
  await calls(simA);

  const file = path.join(workDir, "import.json");
  fs.writeFileSync(
    file,
    JSON.stringify({
      resources: [
        { type: "digicert:index:ClientCertificateOrder", name: "imported", id: String(orderId) },
        { type: "digicert:index:CertificateReissue", name: "imported-reissue", id: `${orderId}/${requestId}` },
        { type: "digicert:index:OrderCtStatus", name: "imported-ct", id: String(orderId) },
      ],
    }),
  );
  await pulumi(["import", "--file", file, "--yes", "--generate-code=false", "--skip-preview"]);
  expect((await calls(simA)).filter((c) => !c.startsWith("GET "))).toEqual([]);

  const { resources } = exported();
  const reissue = resources.find((r) => r.urn.endsWith("::imported-reissue"))!;
  expect(reissue.id).toBe(String(orderId));
  expect(reissue.outputs?.["requests"]).toEqual([{ id: requestId, status: "approved" }]);

  // The program a user writes for them (what `pulumi import` generates): the same inputs.
  writeProgram([
    ...baseResources(),
    {
      type: "digicert:index:ClientCertificateOrder",
      name: "imported",
      protect: true,
      props: {
        productId: "client_authentication_plus",
        certificate: { commonName: "Imported Person", emails: ["imported@example.com"], signatureHash: "sha256", organizationUnits: ["Ops"] },
        organizationId: 112233,
        validityYears: 2,
        paymentMethod: "balance",
      },
    },
    {
      type: "digicert:index:CertificateReissue",
      name: "imported-reissue",
      protect: true,
      props: { orderId, certificate: { commonName: "Imported Person", csr: CSR, serverPlatformId: -1, signatureHash: "sha256" }, comments: "new key" },
    },
    { type: "digicert:index:OrderCtStatus", name: "imported-ct", protect: true, props: { orderId, disableCt: true } },
  ]);
  const p = await stack.preview();
  expect(p.changeSummary).toEqual({ same: 9 });
  expect((await calls(simA)).filter((c) => !c.startsWith("GET "))).toEqual([]);
});

test("moving from the dynamic resources: import the order into the native type, drop the dynamic one from state; nothing ordered or revoked", async () => {
  const legacy: Declared = { ...order("legacy", "Legacy Dynamic"), dynamic: true };
  const withImported = JSON.parse(fs.readFileSync(path.join(workDir, "stack.json"), "utf8")).resources as Declared[];
  writeProgram([...withImported, legacy]);
  const up = await stack.up();
  expect(up.summary.resourceChanges).toMatchObject({ create: 1 });
  const legacyOrder = ((await plainOutputs(stack))["legacy"] as { orderId: number }).orderId;
  const dynamicUrn = exported().resources.find((r) => r.urn.endsWith("::legacy"))!;
  const bytes = JSON.stringify(dynamicUrn).length;
  console.log(`dynamic ClientCertificateOrder state: ${bytes} bytes, ${bytes - pemBytes(dynamicUrn)} beside its PEM outputs`);
  expect(dynamicUrn.type).toBe("pulumi-nodejs:dynamic/digicert:ClientCertificateOrder");
  await calls(simA);

  // 1. The same order, imported into the native type (docs/native-plugin.md).
  await pulumi(["import", "digicert:index:ClientCertificateOrder", "legacy-native", String(legacyOrder), "--yes", "--generate-code=false", "--skip-preview"]);
  // 2. The dynamic resource leaves the state without a delete: no revoke.
  await pulumi(["state", "delete", dynamicUrn.urn, "--yes"]);
  // 3. The program declares the native resource in its place.
  const native = { ...order("legacy", "Legacy Dynamic"), name: "legacy-native", protect: true };
  writeProgram([...withImported, native]);
  const p = await stack.preview();
  expect(p.changeSummary).toEqual({ same: 10 });

  const audit = await calls(simA);
  expect(audit.filter((c) => !c.startsWith("GET "))).toEqual([]);
  expect((await orders(simA)).filter((o) => o.commonName === "Legacy Dynamic")).toEqual([expect.objectContaining({ id: legacyOrder, status: "issued" })]);
});

test("destroy revokes each order at its own provider's simulator", async () => {
  await pulumi(["state", "unprotect", "--all", "--yes"]);
  await stack.destroy();
  const a = await calls(simA);
  const b = await calls(simB);
  const revokes = (c: string[]) => c.filter((x) => /^PUT \/certificate\/\d+\/revoke$/.test(x));
  // Order a, the imported order and the moved one at A; order b at B.
  expect(revokes(a)).toHaveLength(3);
  expect(revokes(b)).toHaveLength(1);
  expect(a).toContain(`PUT /order/certificate/${imported.orderId}/ct-status`);
});
