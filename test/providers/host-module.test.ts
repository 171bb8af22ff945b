// The module every serialized provider in users' state requires by package name,
// held to what release 0.1.0 wrote (test/fixtures/v0.1.0/stack.json) and to the exports
// earlier serialized providers call. It runs against the build (bin/), as the
// dynamic-provider host does; the engine test test/engine/compat/v0-1-0.test.ts runs the
// same state through the engine.
import * as fs from "fs";
import * as path from "path";
import type * as pulumi from "@pulumi/pulumi";
import { DYNAMIC_TYPE, HOST_MODULE, readFixtureStack } from "../support/v0-1-0-fixture";

// The same loader the dynamic-provider host uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const requireFromString: (code: string) => { handler: () => Required<pulumi.dynamic.ResourceProvider> } = require("require-from-string");

const ROOT = path.resolve(__dirname, "../..");
const METHODS = ["check", "diff", "create", "read", "update", "delete"] as const;
// Never called: nothing here reaches DigiCert (a call would fail, refused).
const CONFIG: Record<string, string> = { "digicert:apiKey": "host-module-test-key", "digicert:baseUrl": "http://127.0.0.1:9/services/v2" };

const dynamicResources = readFixtureStack().resources.filter((r) => r.type.startsWith(DYNAMIC_TYPE));

test(`${HOST_MODULE} resolves to this checkout's build`, () => {
  expect(fs.realpathSync(require.resolve(HOST_MODULE))).toBe(fs.realpathSync(path.join(ROOT, "bin/provider/resources/host.js")));
});

test("it exports serve (this release's serialized providers), install (0.1.0's), provider and configure (earlier ones) as functions", () => {
  const host = require(HOST_MODULE) as Record<string, unknown>;
  expect(typeof host["serve"]).toBe("function");
  expect(typeof host["install"]).toBe("function");
  expect(typeof host["provider"]).toBe("function");
  expect(typeof host["configure"]).toBe("function");
  const provider = (host["provider"] as (kind: string) => Record<string, unknown>)("ClientCertificateOrder");
  for (const m of METHODS) expect(typeof provider[m]).toBe("function");
  expect(() => (host["configure"] as (c: unknown) => void)({ get: (k: string) => CONFIG[k] })).not.toThrow();
});

test("the fixture holds one serialized provider per kind, each requiring the host module", () => {
  expect(dynamicResources.map((r) => r.type.split(":").pop()).sort()).toEqual(["CertificateReissue", "ClientCertificateOrder", "OrderCtStatus"]);
  for (const r of dynamicResources) {
    expect(r.outputs?.["__provider"]).toBe(r.inputs?.["__provider"]);
    expect(String(r.outputs?.["__provider"])).toContain(HOST_MODULE);
  }
});

describe.each(dynamicResources.map((r) => [r.type.split(":").pop()!, r] as const))("0.1.0's serialized %s", (_kind, r) => {
  it("loaded from state and configured, has every method; check passes its old inputs and diff finds no change", async () => {
    const provider = requireFromString(String(r.outputs!["__provider"])).handler();
    await provider.configure({ config: { get: (k: string) => CONFIG[k], require: (k: string) => CONFIG[k]! } });
    for (const m of METHODS) {
      expect(typeof provider[m]).toBe("function");
      expect(provider[m]).not.toBe(provider.configure);
    }
    // What the dynamic-provider host hands over: whole bags, __provider included (check:
    // old inputs, new inputs; diff: old outputs, new inputs).
    expect((await provider.check(r.inputs!, r.inputs!)).failures ?? []).toEqual([]);
    const diff = await provider.diff(r.id!, r.outputs!, r.inputs!);
    expect(diff.changes).toBe(false);
  });
});
