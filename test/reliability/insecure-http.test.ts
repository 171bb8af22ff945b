// Plain http:// is refused before a key could be sent, unless allowed: the check
// itself, at the provider against a simulator; the same refusal through the real
// engine is in test/engine/reliability/secrets.test.ts.
import { startSimulator, type Simulator } from "../../simulator";
import { DigiCertConfigError } from "../../provider/digicert";
import { ProviderContext } from "../../provider/kit/runtime/context";
import { orderInputs } from "../support/providers";
import { MemoryLogger } from "../../provider/kit/runtime/log";
import { ClientCertificateOrderProvider } from "../../provider/kinds/client-certificate-order/provider";

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, apiKeys: ["k-http-2"] });
});
afterAll(async () => {
  await sim.close();
});

describe("plain http:// is refused unless allowed", () => {
  const context = (config: Record<string, string>) => {
    const ctx = new ProviderContext(new MemoryLogger());
    ctx.configure({ get: (k) => config[k] }, {});
    return ctx;
  };

  // Hosts other than DigiCert's need digicert:allowNonDigicertHost first (test/reliability/digicert-hosts.test.ts):
  // given it, plain http to them is still refused.
  test.each([
    ["http://www.digicert.com/services/v2", {}],
    ["http://certcentral.example.com/services/v2", { "digicert:allowNonDigicertHost": "true" }],
    ["http://10.1.2.3:8080/services/v2", { "digicert:allowNonDigicertHost": "true" }],
    ["http://[2001:db8::1]/services/v2", { "digicert:allowNonDigicertHost": "true" }],
  ])(
    "%s: refused, naming digicert:allowInsecureHttp and its variable, before any request",
    (baseUrl, over) => {
      const ctx = context({ "digicert:apiKey": "k-http-1", "digicert:baseUrl": baseUrl, ...over });
      expect(() => ctx.client()).toThrow(DigiCertConfigError);
      expect(() => ctx.client()).toThrow(/digicert:baseUrl .* uses plain http .*set digicert:allowInsecureHttp \(or DIGICERT_ALLOW_INSECURE_HTTP\) to true/);
      expect(() => ctx.client()).not.toThrow(/k-http-1/);
    },
  );

  test("allowed with digicert:allowInsecureHttp; loopback and https need nothing", () => {
    const ok = (config: Record<string, string>) => expect(() => context({ "digicert:apiKey": "k", ...config }).client()).not.toThrow();
    ok({ "digicert:baseUrl": "http://www.digicert.com/services/v2", "digicert:allowInsecureHttp": "true" });
    ok({ "digicert:baseUrl": "http://certcentral.example.com/services/v2", "digicert:allowInsecureHttp": "true", "digicert:allowNonDigicertHost": "true" });
    ok({ "digicert:baseUrl": "http://127.0.0.1:18443/services/v2" });
    ok({ "digicert:baseUrl": "http://localhost:18443/services/v2" });
    ok({ "digicert:baseUrl": "https://certcentral.digicert.eu/services/v2" });
  });

  test("a create with a remote http:// base URL fails with that error and sends nothing", async () => {
    const order = new ClientCertificateOrderProvider(
      context({ "digicert:apiKey": "k-http-2", "digicert:baseUrl": sim.baseUrl.replace("127.0.0.1", "sim.example.com"), "digicert:allowNonDigicertHost": "true" }),
      new MemoryLogger(),
    );
    await sim.admin.clearRequests();
    await expect(order.create(orderInputs())).rejects.toThrow(/digicert:allowInsecureHttp/);
    expect(await sim.admin.requests()).toEqual([]);
  });
});
