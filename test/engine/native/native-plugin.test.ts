// The native plugin (pulumi-resource-digicert) through the real engine: a TypeScript
// stack that registers resources by type token, as an SDK generated from schema.json
// does, with the default provider (the stack's digicert:* config) and an explicit
// `digicert:index:Provider`, each pointed at its own simulator. Then `pulumi import` of
// each kind, and a stack moved from the dynamic resources to the native ones. Every step
// audits what reached each simulator.
import * as fs from "fs";
import * as path from "path";
import { EngineFixture, ROOT, type EngineStack, type ProgramSpec, type StateResource, type TestSimulator } from "../support/fixture";
import type { Declared } from "./program/declared";

jest.setTimeout(10 * 60_000);

const KEY_A = "native-key-a-5e0c1b7d";
const KEY_B = "native-key-b-93f2aa40";
const CSR = fs.readFileSync(path.join(ROOT, "test/fixtures/csr/lock-cole.csr.pem"), "utf8");
const SECRET_COMMENTS = "revoked-because-7c1e";
/** The program declares what stack.json beside it says, which each step rewrites. */
const NATIVE_PROGRAM: ProgramSpec = {
  copies: { "index.ts": path.join(__dirname, "program/index.ts"), "declared.ts": path.join(__dirname, "program/declared.ts") },
  files: { "package.json": JSON.stringify({ name: "native-plugin-stack", main: "index.ts" }), "Pulumi.yaml": "name: native-plugin\nruntime: nodejs\n" },
};

const fx = new EngineFixture();
let simA: TestSimulator;
let simB: TestSimulator;
let es: EngineStack;

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

function writeStackJson(resources: Declared[]): void {
  const stackJson = {
    providers: [{ name: "eu", args: { baseUrl: simB.baseUrl, apiKey: KEY_B, waitForIssuanceSeconds: "1" } }],
    resources,
    invokes: [
      { name: "dupsA", orderOf: "a" },
      { name: "dupsB", orderOf: "b", provider: "eu" },
    ],
  };
  fs.writeFileSync(path.join(es.workDir, "stack.json"), JSON.stringify(stackJson, null, 2));
}

/** The orders a simulator holds, from its admin state. */
async function orders(sim: TestSimulator): Promise<{ id: number; status: string; commonName: string }[]> {
  return (await sim.state()).orders.map((o) => ({ id: o.id, status: o.status, commonName: o.requested.commonName }));
}

/** What a user sees: `pulumi stack export`, secrets encrypted. */
async function exported(): Promise<{ text: string; resources: StateResource[] }> {
  const text = await es.exportText();
  return { text, resources: (JSON.parse(text) as { deployment: { resources: StateResource[] } }).deployment.resources };
}

/** The bytes of a resource's PEM outputs in state. */
const pemBytes = (r: StateResource): number => ["certificatePem", "chainPem"].reduce((n, k) => n + JSON.stringify(r.outputs?.[k] ?? "").length, 0);

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const isSecret = (v: unknown): boolean => typeof v === "object" && v !== null && SECRET_SIG in v;

beforeAll(async () => {
  simA = await fx.simulator({ apiKeys: [KEY_A], settings: { autoApprove: true, autoApproveRevoke: false } });
  simB = await fx.simulator({ apiKeys: [KEY_B], settings: { autoApprove: true, autoApproveRevoke: false } });
  // The engine finds the plugin through plugins.providers (docs/native-plugin.md).
  es = await fx.stack({ name: "native", program: NATIVE_PROGRAM, plugin: fx.plugin(), sim: simA });
  writeStackJson(baseResources());
});
afterAll(() => fx.close());

let orderA: number;
let orderB: number;

test("up: each resource's requests reach only its own provider's simulator; the invoke runs in the plugin", async () => {
  const r = await es.stack.up();
  expect(r.summary.resourceChanges).toMatchObject({ create: 6 }); // stack, explicit provider, 4 resources
  const out = await es.outputs();
  orderA = (out["a"] as { orderId: number }).orderId;
  orderB = (out["b"] as { orderId: number }).orderId;
  expect((out["a"] as { status: string }).status).toBe("issued");
  expect(out["dupsA"]).toEqual({ certificates: [] });
  expect(out["dupsB"]).toEqual({ certificates: [] });

  expect(await orders(simA)).toEqual([expect.objectContaining({ id: orderA, commonName: "Alpha Default" })]);
  expect(await orders(simB)).toEqual([expect.objectContaining({ id: orderB })]);
  const a = await simA.takeCalls();
  const b = await simB.takeCalls();
  expect(a.filter((c) => c.startsWith("POST /order/certificate/client_"))).toHaveLength(1);
  expect(a).toContain(`PUT /order/certificate/${orderA}/ct-status`);
  expect(a).toContain(`GET /order/certificate/${orderA}/duplicate`);
  expect(a.some((c) => c.includes("/reissue"))).toBe(false);
  expect(b.filter((c) => c.startsWith("POST /order/certificate/client_"))).toHaveLength(1);
  expect(b).toContain(`POST /order/certificate/${orderB}/reissue`);
  expect(b).toContain(`GET /order/certificate/${orderB}/duplicate`);
  expect(b.some((c) => c.includes("/ct-status"))).toBe(false);
});

test("state: typed digicert:index:*, no serialized provider, the keys and the secret input only encrypted", async () => {
  const { text, resources } = await exported();
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
  const p = await es.stack.preview();
  expect(p.changeSummary).toEqual({ same: 6 });
  expect((await simA.takeCalls()).filter((c) => !c.startsWith("GET "))).toEqual([]);
  expect((await simB.takeCalls()).filter((c) => !c.startsWith("GET "))).toEqual([]);
});

test("refresh reads each resource from its own provider's simulator and takes drift in; up sets it back", async () => {
  await simA.admin.patchOrder(orderA, { disableCt: false }); // behind the stack's back
  const r = await es.stack.refresh();
  expect(r.summary.resourceChanges).toMatchObject({ update: 1 });
  const ct = (await exported()).resources.find((x) => x.urn.endsWith("OrderCtStatus::a-ct"))!;
  expect(ct.outputs?.["disableCt"]).toBe(false);
  const a = await simA.takeCalls();
  const b = await simB.takeCalls();
  expect(a).toContain(`GET /order/certificate/${orderA}`);
  expect(b).toContain(`GET /order/certificate/${orderB}`);
  expect([...a, ...b].filter((c) => !c.startsWith("GET "))).toEqual([]);

  const up = await es.stack.up();
  expect(up.summary.resourceChanges).toMatchObject({ update: 1 });
  expect(await simA.takeCalls()).toContain(`PUT /order/certificate/${orderA}/ct-status`);
  expect((await simB.takeCalls()).filter((c) => !c.startsWith("GET "))).toEqual([]);
});

test("CheckConfig: a bad setting fails the preview, naming the setting, before any request", async () => {
  await es.stack.setConfig("digicert:timeoutSeconds", { value: "soon" });
  try {
    await expect(es.stack.preview()).rejects.toThrow(/timeoutSeconds[\s\S]*must be a number of seconds/);
  } finally {
    await es.stack.removeConfig("digicert:timeoutSeconds");
  }
  expect(await simA.takeCalls()).toEqual([]);
});

test("CheckConfig: a base URL outside DigiCert's hosts fails the preview, naming the setting and its override, before any request", async () => {
  await es.stack.setConfig("digicert:baseUrl", { value: "https://certcentral.example.com/services/v2" });
  try {
    await expect(es.stack.preview()).rejects.toThrow(
      /digicert:baseUrl \(or DIGICERT_BASE_URL\) https:\/\/certcentral\.example\.com\/services\/v2 is not a DigiCert host[\s\S]*digicert:allowNonDigicertHost/,
    );
  } finally {
    await es.stack.setConfig("digicert:baseUrl", { value: simA.baseUrl });
  }
  expect(await simA.takeCalls()).toEqual([]);
});

let imported: { orderId: number; requestId: number };

test("pulumi import of each kind reads its inputs from DigiCert, then the program declaring them plans no change", async () => {
  // Placed outside the stack, as an order placed in CertCentral by hand would be.
  const placed = await simA.api<Record<string, unknown>>("POST", "/order/certificate/client_authentication_plus", {
    certificate: { common_name: "Imported Person", emails: ["imported@example.com"], signature_hash: "sha256", organization_units: ["Ops"] },
    organization: { id: 112233 },
    validity_years: 2,
    payment_method: "balance",
  });
  const orderId = placed["id"] as number;
  await simA.api("POST", `/order/certificate/${orderId}/reissue`, {
    certificate: { common_name: "Imported Person", csr: CSR, signature_hash: "sha256" },
    comments: "new key",
  });
  await simA.api("PUT", `/order/certificate/${orderId}/ct-status`, { disable_ct: true });
  const info = await simA.api<Record<string, unknown>>("GET", `/order/certificate/${orderId}`);
  const requestId = (info["requests"] as { id: number; type: string }[]).filter((q) => q.type === "reissue").pop()!.id;
  // Approved by a CertCentral administrator: DigiCert reports a reissue's details once it is issued.
  await simA.api("PUT", `/request/${requestId}/status`, { status: "approved" });
  imported = { orderId, requestId };
  await simA.takeCalls();

  const file = path.join(es.workDir, "import.json");
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
  await es.cli("import", "--file", file, "--yes", "--generate-code=false", "--skip-preview");
  expect((await simA.takeCalls()).filter((c) => !c.startsWith("GET "))).toEqual([]);

  const { resources } = await exported();
  const reissue = resources.find((r) => r.urn.endsWith("::imported-reissue"))!;
  expect(reissue.id).toBe(String(orderId));
  expect(reissue.outputs?.["requests"]).toEqual([{ id: requestId, status: "approved" }]);

  // The program a user writes for them (what `pulumi import` generates): the same inputs.
  writeStackJson([
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
  const p = await es.stack.preview();
  expect(p.changeSummary).toEqual({ same: 9 });
  expect((await simA.takeCalls()).filter((c) => !c.startsWith("GET "))).toEqual([]);
});

test("moving from the dynamic resources: import the order into the native type, drop the dynamic one from state; nothing ordered or revoked", async () => {
  const legacy: Declared = { ...order("legacy", "Legacy Dynamic"), dynamic: true };
  const withImported = JSON.parse(fs.readFileSync(path.join(es.workDir, "stack.json"), "utf8")).resources as Declared[];
  writeStackJson([...withImported, legacy]);
  const up = await es.stack.up();
  expect(up.summary.resourceChanges).toMatchObject({ create: 1 });
  const legacyOrder = ((await es.outputs())["legacy"] as { orderId: number }).orderId;
  const dynamicUrn = (await exported()).resources.find((r) => r.urn.endsWith("::legacy"))!;
  const bytes = JSON.stringify(dynamicUrn).length;
  console.log(`dynamic ClientCertificateOrder state: ${bytes} bytes, ${bytes - pemBytes(dynamicUrn)} beside its PEM outputs`);
  expect(dynamicUrn.type).toBe("pulumi-nodejs:dynamic/digicert:ClientCertificateOrder");
  await simA.takeCalls();

  // 1. The same order, imported into the native type (docs/native-plugin.md).
  await es.cli("import", "digicert:index:ClientCertificateOrder", "legacy-native", String(legacyOrder), "--yes", "--generate-code=false", "--skip-preview");
  // 2. The dynamic resource leaves the state without a delete: no revoke.
  await es.cli("state", "delete", dynamicUrn.urn, "--yes");
  // 3. The program declares the native resource in its place.
  const native = { ...order("legacy", "Legacy Dynamic"), name: "legacy-native", protect: true };
  writeStackJson([...withImported, native]);
  const p = await es.stack.preview();
  expect(p.changeSummary).toEqual({ same: 10 });

  const audit = await simA.takeCalls();
  expect(audit.filter((c) => !c.startsWith("GET "))).toEqual([]);
  expect((await orders(simA)).filter((o) => o.commonName === "Legacy Dynamic")).toEqual([expect.objectContaining({ id: legacyOrder, status: "issued" })]);
});

test("destroy revokes each order at its own provider's simulator", async () => {
  await es.cli("state", "unprotect", "--all", "--yes");
  await es.stack.destroy();
  const a = await simA.takeCalls();
  const b = await simB.takeCalls();
  const revokes = (c: string[]) => c.filter((x) => /^PUT \/certificate\/\d+\/revoke$/.test(x));
  // Order a, the imported order and the moved one at A; order b at B.
  expect(revokes(a)).toHaveLength(3);
  expect(revokes(b)).toHaveLength(1);
  expect(a).toContain(`PUT /order/certificate/${imported.orderId}/ct-status`);
});
