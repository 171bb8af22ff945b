// The serialized provider as the dynamic-provider host sees it: `__provider`'s text,
// loaded with the host's own loader, configured, then called against the simulator.
import * as pulumi from "@pulumi/pulumi";
import { serializedProvider } from "../../provider/serving/dynamic/stub";
import { RESOURCE_KINDS } from "../../provider/serving/registry";
import { API_KEY, orderInputs, startFixture, type Fixture } from "../support/providers";

// The same loader the dynamic-provider host uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const requireFromString: (code: string) => { handler: () => Required<pulumi.dynamic.ResourceProvider> } = require("require-from-string");

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  await f.sim.close();
});

function simulatorConfig(): pulumi.dynamic.ConfigureRequest {
  const config: Record<string, string> = { "digicert:apiKey": API_KEY, "digicert:baseUrl": f.sim.baseUrl };
  return { config: { get: (k: string) => config[k], require: (k: string) => config[k]! } as pulumi.dynamic.ConfigureRequest["config"] };
}

it("round-trips: loaded from its text, configured as the host does, it orders from the simulator", async () => {
  const provider = requireFromString(serializedProvider("ClientCertificateOrder")).handler();
  await provider.configure(simulatorConfig());
  const check = await provider.check({}, orderInputs());
  expect(check.failures).toEqual([]);
  const created = await provider.create(orderInputs());
  expect(created.outs).toMatchObject({ status: "issued", orderId: Number(created.id) });
  const read = await provider.read(created.id, created.outs);
  expect(read.props).toMatchObject({ orderId: Number(created.id) });
});

it("a kind the installed package does not know fails when loaded, naming it", () => {
  const text = serializedProvider("ClientCertificateOrder").replace('"ClientCertificateOrder"', '"ServerCertificateOrder"');
  // The host loads the build (bin/), so its error class is not this test's import.
  expect(() => requireFromString(text).handler()).toThrow(/unknown resource kind "ServerCertificateOrder"/);
});

it("serialized providers of earlier releases (one forwarding function per method) still work", async () => {
  const host = "pulumi-digicert/bin/provider/resources/host";
  type Host = { provider(kind: string): Required<pulumi.dynamic.ResourceProvider>; configure(config: unknown): void };
  const impl = () => (require(host) as Host).provider("ClientCertificateOrder");
  const earlier = {
    configure: async (req: pulumi.dynamic.ConfigureRequest) => (require(host) as Host).configure(req.config),
    check: (olds: Record<string, unknown>, news: Record<string, unknown>) => impl().check(olds, news),
  };
  const text = (await pulumi.runtime.serializeFunction(() => earlier, { allowSecrets: false })).text;
  const provider = requireFromString(text).handler();
  await provider.configure(simulatorConfig());
  expect((await provider.check({}, orderInputs())).failures).toEqual([]);
});

describe.each(RESOURCE_KINDS)("%s serialized", (kind) => {
  it("is one line that requires the implementation by package name, and holds no secret", () => {
    process.env["DIGICERT_API_KEY"] = API_KEY;
    try {
      const text = serializedProvider(kind);
      // It is in every resource's state twice, and the engine rewrites the whole state
      // after every step: the closure serializer's 950 bytes cost destroy 1.3 s at N = 100.
      expect(text.length).toBeLessThan(120);
      expect(text).toContain("pulumi-digicert/bin/provider/resources/host");
      expect(text).toContain(JSON.stringify(kind));
      expect(text).not.toContain(API_KEY);
      expect(text).not.toMatch(/zod|got\b|X-DC-DEVKEY/);
      const provider = requireFromString(text).handler();
      for (const m of ["configure", "check", "diff", "create", "read", "update", "delete"] as const) expect(typeof provider[m]).toBe("function");
    } finally {
      delete process.env["DIGICERT_API_KEY"];
    }
  });
});
