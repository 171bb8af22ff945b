// Enterprise networks (#31 item 8) at the provider, over real HTTP against the simulator:
// the `digicert:proxyUrl` setting sends every request of a create through a proxy on
// loopback, whose credentials reach no log, error or output; and a base URL outside
// DigiCert's hosts is refused, sending nothing, unless `digicert:allowNonDigicertHost`
// allows it. The client-level proxy checks (HTTP_PROXY, NO_PROXY) are in
// test/client/proxy.test.ts; the plugin's CheckConfig in test/plugin/serving.test.ts and,
// through the engine, test/engine/native/native-plugin.test.ts. Table `networks` (docs/reliability.md).
import { startSimulator, type Simulator } from "../../simulator";
import { ProviderContext } from "../../provider/kit/runtime/context";
import { MemoryLogger } from "../../provider/kit/runtime/log";
import { ClientCertificateOrderProvider } from "../../provider/kinds/client-certificate-order/provider";
import { orderInputs } from "../support/providers";
import { startForwardProxy, type ForwardProxy } from "../support/forward-proxy";
import { publish, type Row } from "../support/figures";

const KEY = "networks-key-61c0d2";
const USER = "corp-build-user";
const PASSWORD = "Pr0xy-p@ss/w0rd";
/** As a user writes it in the URL: the password percent-encoded. */
const CREDENTIALS_IN_URL = `${USER}:${encodeURIComponent(PASSWORD)}`;

let sim: Simulator;
let proxy: ForwardProxy;
const rows: Row[] = [];

beforeAll(async () => {
  sim = await startSimulator({ port: 0, apiKeys: [KEY], settings: { autoApprove: true } });
  // A name only the proxy resolves, to the simulator: a host that is not DigiCert's.
  proxy = await startForwardProxy({ hosts: { "certcentral.example.com": "127.0.0.1" }, credentials: `${USER}:${PASSWORD}` });
});
afterAll(async () => {
  await proxy.close();
  await sim.close();
  if (rows.length > 0) publish("networks", `Enterprise networks: ${rows.length} cases, the proxy's credentials shown nowhere`, rows);
});
beforeEach(async () => {
  proxy.seen.length = 0;
  proxy.refused.length = 0;
  await sim.admin.clearRequests();
});

function provider(config: Record<string, string>, env: NodeJS.ProcessEnv = {}): { order: ClientCertificateOrderProvider; log: MemoryLogger } {
  const log = new MemoryLogger();
  const ctx = new ProviderContext(log);
  const all: Record<string, string> = { "digicert:apiKey": KEY, "digicert:waitForIssuanceSeconds": "2", "digicert:orderLookupSeconds": "0", ...config };
  ctx.configure({ get: (k) => all[k] }, env);
  return { order: new ClientCertificateOrderProvider(ctx, log), log };
}

// Each create orders for another person: the simulator keeps every order of the file, and
// a create's look-back rightly stops at an identical order no resource holds (placed by
// an earlier test less than a minute after this process started).
let people = 0;
function newOrder(): Record<string, unknown> {
  people += 1;
  return orderInputs({ certificate: { commonName: `Network User ${people}`, emails: [`network.user.${people}@example.com`], signatureHash: "sha256" } });
}

const withCredentials = (url: string): string => url.replace("http://", `http://${CREDENTIALS_IN_URL}@`);

/** Every form the proxy's credentials could be shown in. */
function credentialLeaks(text: string): string[] {
  const forms = [PASSWORD, encodeURIComponent(PASSWORD), USER, Buffer.from(`${USER}:${PASSWORD}`).toString("base64")];
  return forms.filter((f) => text.includes(f));
}

async function apiRequests(): Promise<string[]> {
  return (await sim.admin.requests()).map((r) => `${r.method} ${r.path}`);
}

test.each([
  ["the digicert:proxyUrl setting", (url: string) => [{ "digicert:proxyUrl": url }, {}] as const],
  ["DIGICERT_PROXY_URL", (url: string) => [{}, { DIGICERT_PROXY_URL: url }] as const],
])("%s: a loopback proxy sees every request of a create; its credentials go to it alone and reach no log, error or output", async (source, given) => {
  const [config, env] = given(withCredentials(proxy.url));
  const { order, log } = provider({ "digicert:baseUrl": sim.baseUrl, ...config }, env);
  const created = await order.create(newOrder());
  const requests = await apiRequests();
  expect(requests.length).toBeGreaterThanOrEqual(2);
  expect(requests).toContain("POST /order/certificate/client_premium_sha2");
  // Each request the simulator answered came through the proxy, with the credentials.
  expect(proxy.seen.map((s) => `${s.method} ${new URL(s.url).pathname.replace(/^\/services\/v2/, "")}`)).toEqual(requests);
  expect(proxy.seen.every((s) => s.auth === `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString("base64")}`)).toBe(true);
  expect(credentialLeaks(JSON.stringify(created) + log.lines.join("\n"))).toEqual([]);
  rows.push({ case: `${source}, create through the proxy`, requests: requests.length, "seen by the proxy": proxy.seen.length, "credentials shown": 0 });
});

test("a proxy refusing the credentials (407): the create fails naming the proxy (without credentials) and the 407, orders nothing, and nothing passes the proxy", async () => {
  const wrong = proxy.url.replace("http://", `http://${USER}:${encodeURIComponent("Wr0ng-p@ss")}@`);
  const { order, log } = provider({ "digicert:baseUrl": sim.baseUrl, "digicert:proxyUrl": wrong });
  const err = (await order.create(newOrder()).then(
    () => undefined,
    (e: unknown) => e,
  )) as Error;
  expect(err).toBeInstanceOf(Error);
  expect(err.message).toMatch(/Nothing was ordered/);
  expect(err.message).toContain(`the proxy ${proxy.url} refused the tunnel to DigiCert with HTTP 407: it wants other credentials`);
  const shown = `${err.message}\n${err.stack ?? ""}\n${log.lines.join("\n")}`;
  expect(credentialLeaks(shown)).toEqual([]);
  expect(shown).not.toContain("Wr0ng-p@ss");
  expect(shown).not.toContain(encodeURIComponent("Wr0ng-p@ss"));
  expect(proxy.refused.length).toBeGreaterThan(0);
  expect(proxy.seen).toEqual([]);
  expect(await apiRequests()).toEqual([]);
  rows.push({ case: "proxy answers 407 to the credentials (error names the proxy and the 407)", requests: 0, "seen by the proxy": 0, "credentials shown": 0 });
});

test("a base URL outside DigiCert's hosts is refused without digicert:allowNonDigicertHost, sending nothing; with it, the create goes there", async () => {
  // The simulator under a name that is not DigiCert's (only the proxy knows it), as a
  // typo or a pasted URL would name a stranger's host. The error is the setting's, not
  // wrapped in the look-back's "run again once DigiCert answers".
  const foreign = sim.baseUrl.replace("127.0.0.1", "certcentral.example.com");
  const settings = { "digicert:baseUrl": foreign, "digicert:proxyUrl": withCredentials(proxy.url), "digicert:allowInsecureHttp": "true" };

  const refused = provider(settings);
  await expect(refused.order.create(newOrder())).rejects.toThrow(
    /^digicert:baseUrl \(or DIGICERT_BASE_URL\) http:\/\/certcentral\.example\.com:\d+\/services\/v2 is not a DigiCert host: the API key would be sent to certcentral\.example\.com:\d+\. Allowed: https on \*\.digicert\.com or \*\.digicert\.eu, or a loopback address \(127\.0\.0\.0\/8, \[::1\], localhost\); .*set digicert:allowNonDigicertHost \(or DIGICERT_ALLOW_NON_DIGICERT_HOST\) to true/,
  );
  expect(proxy.seen).toEqual([]);
  expect(await apiRequests()).toEqual([]);
  rows.push({ case: "base URL on certcentral.example.com, no override", requests: 0, "seen by the proxy": 0, "credentials shown": 0 });

  const allowed = provider({ ...settings, "digicert:allowNonDigicertHost": "true" });
  const created = await allowed.order.create(newOrder());
  expect(created.id).toMatch(/^\d+$/);
  const requests = await apiRequests();
  expect(requests).toContain("POST /order/certificate/client_premium_sha2");
  expect(proxy.seen.length).toBe(requests.length);
  expect(proxy.seen.every((s) => new URL(s.url).hostname === "certcentral.example.com")).toBe(true);
  rows.push({ case: "the same with digicert:allowNonDigicertHost", requests: requests.length, "seen by the proxy": proxy.seen.length, "credentials shown": 0 });
});

test("the same refusal through the environment (DIGICERT_BASE_URL, DIGICERT_ALLOW_NON_DIGICERT_HOST), and `api.localhost` is not loopback", async () => {
  const foreign = sim.baseUrl.replace("127.0.0.1", "certcentral.example.com");
  const env = { DIGICERT_BASE_URL: foreign, DIGICERT_ALLOW_INSECURE_HTTP: "1", DIGICERT_PROXY_URL: withCredentials(proxy.url) };
  await expect(provider({}, env).order.create(newOrder())).rejects.toThrow(/is not a DigiCert host.*DIGICERT_ALLOW_NON_DIGICERT_HOST/);
  await expect(provider({ "digicert:baseUrl": sim.baseUrl.replace("127.0.0.1", "api.localhost") }).order.create(newOrder())).rejects.toThrow(
    /api\.localhost:\d+\/services\/v2 is not a DigiCert host/,
  );
  expect(proxy.seen).toEqual([]);
  expect(await apiRequests()).toEqual([]);
  const ok = await provider({}, { ...env, DIGICERT_ALLOW_NON_DIGICERT_HOST: "true" }).order.create(newOrder());
  expect(ok.id).toMatch(/^\d+$/);
  expect(proxy.seen.length).toBe((await apiRequests()).length);
});
