// A stack written by release 0.1.0 (test/fixtures/v0.1.0: `pulumi stack export` of the
// example stack and the simulator's state file from the same run), run by today's code
// through the real engine. Preview must plan no change: that is what protects users who
// upgrade. Refresh and destroy then run the serialized providers the old state holds,
// which require("pulumi-digicert/bin/provider/resources/host") from today's build.
import * as fs from "fs";
import * as path from "path";
import type { Deployment } from "@pulumi/pulumi/automation";
import { DYNAMIC_TYPE, FIXTURE_DIR, HOST_MODULE, readFixtureStack, type FixtureStack, type StateResource } from "../../support/v0-1-0-fixture";
import { CLIENT_CERTIFICATES_EXAMPLE, EngineFixture, type EngineStack, type OrderInfo, type TestSimulator } from "../support/fixture";
import { shiftedClock } from "../support/shifted-clock";

jest.setTimeout(10 * 60_000);

// What make-fixture.sh used; the export pins each of them (URNs, the passphrase salt,
// the default provider's inputs).
const FIXTURE_BASE_URL = "http://127.0.0.1:18410/services/v2";
const KEY = "compat-0.1.0-sim-key";
const PASSPHRASE = "compat-0.1.0-passphrase";
const STACK = "dev";
const PROJECT = "client-certificates";
const REVOCATION_COMMENTS = "Removed from the client-certificates stack";

const fx = new EngineFixture();
let sim: TestSimulator;
let es: EngineStack;
let fixture: FixtureStack;

const digicertResources = (): StateResource[] => fixture.resources.filter((r) => r.type.startsWith(DYNAMIC_TYPE));
const orders = (): StateResource[] => fixture.resources.filter((r) => r.type === `${DYNAMIC_TYPE}ClientCertificateOrder`);
// Every resource but providers counts in the engine's change summary.
const summaryCount = (): number => fixture.resources.filter((r) => !r.type.startsWith("pulumi:providers:")).length;

beforeAll(async () => {
  fixture = readFixtureStack();

  // The simulator's clock starts where the fixture's run ended: otherwise its orders
  // (valid one year) would expire under the test a year after the fixture was made,
  // and destroy would rightly revoke nothing. Only Date is faked; timers stay real.
  jest.useFakeTimers({
    now: new Date(fixture.time),
    advanceTimers: true,
    doNotFake: ["hrtime", "nextTick", "performance", "queueMicrotask", "setImmediate", "clearImmediate", "setInterval", "clearInterval", "setTimeout", "clearTimeout"],
  });

  // The simulator runs on a free port from a copy of the fixture's state file, so the
  // test can run beside any other; the old state's base URL is rewritten to it below.
  sim = await fx.simulator({ apiKeys: [KEY], stateFile: { from: path.join(FIXTURE_DIR, "simulator-state.json") } });

  // The stack's settings file from the same run: its passphrase salt, so the stack is
  // the user's, and its baseUrl (plain text), pointed at this simulator.
  const rewrite = (s: string): string => s.split(FIXTURE_BASE_URL).join(sim.baseUrl);
  const settings = rewrite(fs.readFileSync(path.join(FIXTURE_DIR, `Pulumi.${STACK}.yaml`), "utf8"));
  es = await fx.stack({
    name: STACK,
    program: { ...CLIENT_CERTIFICATES_EXAMPLE, files: { [`Pulumi.${STACK}.yaml`]: settings } },
    passphrase: PASSPHRASE,
    // The provider decides renewals on its own clock, in the engine's processes: it starts
    // at the fixture's time too, or the orders would come due for renewal under the test.
    env: shiftedClock(fixture.time),
  });
  // The default provider's inputs hold the base URL with the fixture run's port.
  await es.stack.importStack(JSON.parse(rewrite(fixture.text)) as Deployment);
});

afterAll(async () => {
  jest.useRealTimers();
  await fx.close();
});

test("the fixture is the 0.1.0 example stack: its resources' serialized providers require the host module", () => {
  expect(digicertResources().map((r) => r.type).sort()).toEqual([
    `${DYNAMIC_TYPE}CertificateReissue`,
    `${DYNAMIC_TYPE}ClientCertificateOrder`,
    `${DYNAMIC_TYPE}OrderCtStatus`,
  ]);
  for (const r of digicertResources()) {
    expect(r.urn.startsWith(`urn:pulumi:${STACK}::${PROJECT}::`)).toBe(true);
    for (const bag of [r.inputs, r.outputs]) expect(String(bag?.["__provider"])).toContain(HOST_MODULE);
  }
});

test("imported, the stack holds the fixture's resources", async () => {
  const imported = (await es.stack.exportStack()).deployment as { resources: StateResource[] };
  expect(imported.resources.map((r) => r.urn)).toEqual(fixture.resources.map((r) => r.urn));
  await sim.takeCalls();
});

test("preview plans no change on the 0.1.0 state, and places nothing", async () => {
  const p = await es.stack.preview({ diff: true });
  expect(p.changeSummary).toEqual({ same: summaryCount() });
  // Only the function reads DigiCert during a preview; no resource does.
  const [order] = orders();
  expect(await sim.takeCalls()).toEqual([`GET /order/certificate/${order!.id}/duplicate`]);
});

test("upgraded, a 0.1.0 stack plans the renewal of a certificate inside the default window, at preview, placing nothing", async () => {
  const [order] = orders();
  const validTill = String(order!.outputs?.["validTill"]);
  // 20 days before the certificate runs out, in the engine's processes only.
  const env = es.stack.workspace.envVars;
  env["SHIFTED_NOW"] = new Date(Date.parse(`${validTill}T12:00:00Z`) - 20 * 86_400_000).toISOString();
  try {
    const p = await es.stack.preview({ diff: true });
    expect(p.changeSummary["update"]).toBe(1);
    // The provider's log lines reach the engine's output on stderr.
    expect(p.stderr).toContain(`order ${order!.id} (Lock Cole): renewal planned: valid till ${validTill}, 20 days left, renewBeforeDays 30 (the default)`);
    expect((await sim.takeCalls()).filter((c) => !c.startsWith("GET "))).toEqual([]);
  } finally {
    env["SHIFTED_NOW"] = fixture.time;
  }
});

test("refresh reads each resource through the serialized providers in the old state and finds no drift", async () => {
  const r = await es.stack.refresh();
  expect(r.summary.resourceChanges).toEqual({ same: summaryCount() });
  const calls = await sim.takeCalls();
  expect(calls.filter((c) => !c.startsWith("GET "))).toEqual([]);
  for (const o of orders()) expect(calls).toContain(`GET /order/certificate/${o.id}`);
});

test("destroy revokes the orders' certificates and restores CT logging; the stack ends empty", async () => {
  const before = await Promise.all(orders().map(async (o) => ({ id: o.id!, certificateId: await currentCertificate(o.id!) })));
  const r = await es.stack.destroy();
  expect(r.summary.resourceChanges).toEqual({ delete: summaryCount() });
  const calls = await sim.takeCalls();
  for (const o of before) {
    expect(calls).toContain(`PUT /certificate/${o.certificateId}/revoke`);
    expect(calls).toContain(`PUT /order/certificate/${o.id}/ct-status`);
    const after = await orderInfo(o.id);
    expect(after.requests.filter((q) => q.type === "revoke")).toEqual([expect.objectContaining({ status: "pending", comments: REVOCATION_COMMENTS })]);
    expect(after.disable_ct).toBe(false);
  }
  expect(calls.filter((c) => c.includes("/revoke"))).toHaveLength(before.length);
  expect(calls.filter((c) => c.startsWith("POST "))).toEqual([]);
  const left = (await es.stack.exportStack()).deployment as { resources?: StateResource[] };
  expect(left.resources ?? []).toEqual([]);
});

/** The order as DigiCert answers it; the test's own read is then cleared from the request log. */
async function orderInfo(orderId: string): Promise<OrderInfo> {
  const info = await sim.order(orderId);
  await sim.admin.clearRequests();
  return info;
}

async function currentCertificate(orderId: string): Promise<number> {
  const info = await orderInfo(orderId);
  expect(info.status).toBe("issued");
  return info.certificate.id!;
}
