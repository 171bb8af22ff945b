// The serialized provider as the dynamic-provider host sees it: serialized by Pulumi's
// closure serializer, loaded from text, configured, then called against the simulator.
import * as pulumi from "@pulumi/pulumi";
import { serializableProvider } from "../../provider/resources/stub";
import { RESOURCE_KINDS } from "../../provider/resources/kinds";
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

async function serialize(kind: (typeof RESOURCE_KINDS)[number]): Promise<string> {
  const provider = serializableProvider(kind);
  const sf = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: false });
  return sf.text;
}

it("round-trips: loaded from its text, configured, it orders from the simulator", async () => {
  const text = await serialize("ClientCertificateOrder");
  const provider = requireFromString(text).handler();
  const config: Record<string, string> = { "digicert:apiKey": API_KEY, "digicert:baseUrl": f.sim.baseUrl };
  await provider.configure({ config: { get: (k: string) => config[k], require: (k: string) => config[k]! } });
  const check = await provider.check({}, orderInputs());
  expect(check.failures).toEqual([]);
  const created = await provider.create(orderInputs());
  expect(created.outs).toMatchObject({ status: "issued", orderId: Number(created.id) });
  const read = await provider.read(created.id, created.outs);
  expect(read.props).toMatchObject({ orderId: Number(created.id) });
});

it("configure puts the methods in place before it first yields: the host serves calls while it is awaited", async () => {
  const provider = requireFromString(await serialize("OrderCtStatus")).handler();
  const config: Record<string, string> = { "digicert:apiKey": API_KEY, "digicert:baseUrl": f.sim.baseUrl };
  const configured = provider.configure({ config: { get: (k: string) => config[k], require: (k: string) => config[k]! } });
  const check = provider.check({}, { orderId: 1, disableCt: true });
  await configured;
  expect((await check).failures).toEqual([]);
});

it("a host that calls a method before configure gets a clear error, not a silent no-op", async () => {
  const provider = requireFromString(await serialize("ClientCertificateOrder")).handler();
  await expect(async () => provider.delete("1", {})).rejects.toThrow(/called before configure/);
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
  const config: Record<string, string> = { "digicert:apiKey": API_KEY, "digicert:baseUrl": f.sim.baseUrl };
  await provider.configure({ config: { get: (k: string) => config[k], require: (k: string) => config[k]! } });
  expect((await provider.check({}, orderInputs())).failures).toEqual([]);
});

describe.each(RESOURCE_KINDS)("%s serialized", (kind) => {
  it("is small, requires the implementation by package name, and holds no secret", async () => {
    process.env["DIGICERT_API_KEY"] = API_KEY;
    try {
      const text = await serialize(kind);
      // It is in every resource's state twice (inputs and outputs). Measured at about 0.9 KB;
      // the bound catches a method per function coming back, or the implementation captured by value.
      expect(text.length).toBeLessThan(1200);
      expect(text).toContain("pulumi-digicert/bin/provider/resources/host");
      expect(text).toContain(JSON.stringify(kind));
      expect(text).not.toContain(API_KEY);
      expect(text).not.toMatch(/zod|got\b|X-DC-DEVKEY/);
    } finally {
      delete process.env["DIGICERT_API_KEY"];
    }
  });
});
