// A wrong setting, through the real engine: the error names the cause and the setting
// first, whatever step met it (a wrong key, a base URL without /services/v2, a web page
// instead of the API); and a refresh against a CertCentral that answers 404 for the
// stack's orders (an empty simulator in place of the one that placed them, as another
// account or region answers) fails and keeps every order in state.
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { EngineFixture, type EngineStack, type TestSimulator } from "../support/fixture";
import { leaks } from "../support/key-leaks";
import { RELIABILITY_PROGRAM } from "../support/reliability-program";

jest.setTimeout(10 * 60_000);

const KEY = "settings-errors-key-3b7e";
const WRONG_KEY = "not-this-accounts-key-9d21";
const fx = new EngineFixture();
let sim: TestSimulator;
let page: http.Server;
let pageUrl: string;

beforeAll(async () => {
  sim = await fx.simulator({ apiKeys: [KEY] });
  // A website where the API should be: every path answers a large HTML page.
  page = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!DOCTYPE html><html><head><title>DigiCert | Welcome</title></head><body>${"<p>marketing</p>".repeat(500)}</body></html>`);
  });
  await new Promise<void>((resolve) => page.listen(0, "127.0.0.1", resolve));
  pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}/services/v2`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => page.close(() => resolve()));
  await fx.close();
});

function stackOn(name: string, config: Record<string, string>): Promise<EngineStack> {
  return fx.stack({
    name,
    program: RELIABILITY_PROGRAM,
    config: {
      "digicert:apiKey": { value: config["apiKey"] ?? KEY, secret: true },
      "digicert:baseUrl": { value: config["baseUrl"] ?? sim.baseUrl },
      "digicert:waitForIssuanceSeconds": { value: "1" },
      orders: { value: config["orders"] ?? "1" },
      reissueEvery: { value: "1" },
      tag: { value: name },
    },
  });
}

test("a wrong key, a base URL without /services/v2 and an HTML answer each fail naming the cause and the setting", async () => {
  const es = await stackOn("Wrong", { apiKey: WRONG_KEY });
  const wrongKey = await es.run("up");
  expect(wrongKey.ok).toBe(false);
  expect(wrongKey.failed.length).toBeGreaterThan(0);
  for (const f of wrongKey.failed) {
    expect(f.message).toMatch(/DigiCert refused the API key \((401|403) [^)]*\)\. Check digicert:apiKey \(or DIGICERT_API_KEY\)/);
    // The look-back met it, but the look-back's advice is not the cause.
    expect(f.message).not.toMatch(/orderLookbackHours/);
  }
  expect(leaks(wrongKey.text, WRONG_KEY)).toEqual([]);

  await es.stack.setConfig("digicert:apiKey", { value: KEY, secret: true });
  const origin = sim.baseUrl.replace(/\/services\/v2$/, "");
  await es.stack.setConfig("digicert:baseUrl", { value: origin });
  const noPath = await es.run("up");
  expect(noPath.ok).toBe(false);
  expect(noPath.failed.length).toBeGreaterThan(0);
  for (const f of noPath.failed) {
    expect(f.message).toContain(`digicert:baseUrl (or DIGICERT_BASE_URL) ${origin} is not CertCentral's Services API: its path must end in /services/v2`);
  }

  await es.stack.setConfig("digicert:baseUrl", { value: pageUrl });
  const html = await es.run("up");
  expect(html.ok).toBe(false);
  expect(html.failed.length).toBeGreaterThan(0);
  for (const f of html.failed) {
    expect(f.message).toContain(`the base URL ${pageUrl} does not look like CertCentral's Services API`);
    expect(f.message).toContain('200, text/html, an HTML page titled "DigiCert | Welcome"');
    expect(f.message).toContain("Check digicert:baseUrl (or DIGICERT_BASE_URL)");
  }
  expect(html.text).not.toContain("<p>marketing</p>");
  expect((await es.resources()).filter((r) => r.type.includes("digicert:"))).toEqual([]);
});

test("a refresh whose DigiCert answers 404 for the stack's orders fails and keeps every order in state", async () => {
  // One order (the program's first product, issued at once), its CT status and its reissue.
  const es = await stackOn("Held", { orders: "1" });
  const up = await es.run("up");
  expect({ ok: up.ok, failed: up.failed, error: up.error }).toEqual({ ok: true, failed: [] });
  const before = (await es.resources()).filter((r) => r.type.includes("digicert:"));
  expect(before.map((r) => r.type.replace(/^.*digicert:/, "")).sort()).toEqual(["CertificateReissue", "ClientCertificateOrder", "OrderCtStatus"]);

  // Another account or region in its place: the same key is accepted, and none of the
  // orders is there. (A refresh runs the providers the state holds, with the settings of
  // the last `up`: the CertCentral behind them changes, not the stack's config.)
  await sim.admin.reset();
  const refresh = await es.run("refresh");
  expect(refresh.ok).toBe(false);
  expect(refresh.failed.length).toBe(3);
  const kinds: string[] = [];
  for (const f of refresh.failed) {
    const m = new RegExp(`DigiCert at ${sim.baseUrl.replace(/[.]/g, "\\.")} answers 404 for order \\d+, which this (\\w+) holds`).exec(f.message);
    expect({ urn: f.urn, message: f.message, matched: m !== null }).toMatchObject({ matched: true });
    kinds.push(m?.[1] ?? "");
    expect(f.message).toContain("another CertCentral account (digicert:apiKey or DIGICERT_API_KEY)");
    expect(f.message).toContain("`pulumi state delete <urn>`");
  }
  expect(kinds.sort()).toEqual(["CertificateReissue", "ClientCertificateOrder", "OrderCtStatus"]);
  expect(refresh.text).not.toContain("leaves the stack");
  const after = (await es.resources()).filter((r) => r.type.includes("digicert:"));
  expect(after.map((r) => [r.urn, r.id, r.outputs?.["orderId"], r.outputs?.["certificateId"]])).toEqual(
    before.map((r) => [r.urn, r.id, r.outputs?.["orderId"], r.outputs?.["certificateId"]]),
  );
  expect((await sim.requests()).filter((r) => r.method !== "GET")).toEqual([]);
});

test("a check failure on a nested field names the field and the rule, without the engine's value {<nil>}", async () => {
  // A client_premium order, which needs commonNameIndicator and individual, declared without them.
  const es = await stackOn("Nil", {});
  await es.stack.setConfig("probe", {
    value: JSON.stringify({
      kind: "ClientCertificateOrder",
      args: { productId: "client_premium", certificate: { emails: ["nil@example.com"], signatureHash: "sha256" }, organizationId: 112233 },
    }),
  });
  const preview = await es.run("preview");
  expect(preview.ok).toBe(false);
  expect(preview.text).toMatch(/resource 'probe' has a problem: certificate\.commonNameIndicator: is required for client_premium/);
  expect(preview.text).not.toContain("{<nil>}");
});
