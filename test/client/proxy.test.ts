// Enterprise networks (#31 item 8): a forward proxy on loopback sees every request when
// HTTP_PROXY (or the proxyUrl setting) names it, none when NO_PROXY exempts the host, and
// the proxy's credentials never reach a log.
import { startForwardProxy, type ForwardProxy } from "../support/forward-proxy";
import { startRawServer, type RawServer } from "./support/raw-server";
import { DigiCertClient } from "../../provider/digicert";
import { bypassesProxy, proxyFor } from "../../provider/digicert/proxy";

const KEY = "Proxy-SECRET-key-5512";

let target: RawServer;
let proxy: ForwardProxy;
beforeAll(async () => {
  target = await startRawServer(() => ({ status: 200, json: { id: 7, status: "issued" } }));
  proxy = await startForwardProxy();
});
afterAll(async () => {
  await target.close();
  await proxy.close();
});
beforeEach(() => {
  target.captured.length = 0;
  proxy.seen.length = 0;
});

function client(env: NodeJS.ProcessEnv, over: { proxyUrl?: string; log?: (l: string, m: string) => void } = {}): DigiCertClient {
  return new DigiCertClient({ apiKey: KEY, baseUrl: target.baseUrl, env, retry: { backoffBaseMs: 1, backoffMaxMs: 2 }, ...over });
}

async function threeRequests(c: DigiCertClient): Promise<void> {
  await c.listOrders().catch(() => undefined);
  await c.getOrder(7).catch(() => undefined);
  await c.setCtStatus(7, true).catch(() => undefined);
}

test("HTTP_PROXY: the proxy sees every request, the server gets them all through it", async () => {
  await threeRequests(client({ HTTP_PROXY: proxy.url }));
  expect(target.captured).toHaveLength(3);
  expect(proxy.seen).toHaveLength(3);
  expect(proxy.seen.map((s) => s.method)).toEqual(target.captured.map((c) => c.method));
  expect(proxy.seen.every((s) => s.url.startsWith(target.baseUrl))).toBe(true);
});

test("NO_PROXY naming the host (or host:port, or *) : the proxy sees none", async () => {
  const port = new URL(target.baseUrl).port;
  for (const noProxy of ["127.0.0.1", `127.0.0.1:${port}`, "*", "example.com, 127.0.0.1"]) {
    await threeRequests(client({ HTTP_PROXY: proxy.url, NO_PROXY: noProxy }));
  }
  expect(target.captured).toHaveLength(12);
  expect(proxy.seen).toHaveLength(0);
});

test("the proxyUrl setting: its credentials go to the proxy only, never to a log", async () => {
  const logs: string[] = [];
  const withCreds = proxy.url.replace("http://", "http://corp-user:Pr0xy-pass@");
  await threeRequests(client({}, { proxyUrl: withCreds, log: (l, m) => logs.push(`${l} ${m}`) }));
  expect(proxy.seen).toHaveLength(3);
  expect(proxy.seen[0]?.auth).toBe(`Basic ${Buffer.from("corp-user:Pr0xy-pass").toString("base64")}`);
  expect(target.captured.every((c) => c.headers["proxy-authorization"] === undefined)).toBe(true);
  expect(logs.join("\n")).toContain(proxy.url);
  expect(logs.join("\n")).not.toContain("Pr0xy-pass");
  expect(logs.join("\n")).not.toContain("corp-user");
});

test("NO_PROXY matching: host, .suffix, host:port, *", () => {
  const u = new URL("https://www.digicert.com/services/v2");
  expect(bypassesProxy(u, "www.digicert.com")).toBe(true);
  expect(bypassesProxy(u, "digicert.com")).toBe(true);
  expect(bypassesProxy(u, ".digicert.com")).toBe(true);
  expect(bypassesProxy(u, "*.digicert.com")).toBe(true);
  expect(bypassesProxy(u, "www.digicert.com:443")).toBe(true);
  expect(bypassesProxy(u, "www.digicert.com:8443")).toBe(false);
  expect(bypassesProxy(u, "notdigicert.com")).toBe(false);
  expect(bypassesProxy(u, "*")).toBe(true);
  expect(bypassesProxy(u, "")).toBe(false);
  expect(bypassesProxy(new URL("http://[::1]:9/x"), "::1")).toBe(true);
  expect(proxyFor(u.href, undefined, { HTTPS_PROXY: "http://p:3128", HTTP_PROXY: "http://q:3128" })?.host).toBe("p:3128");
  expect(proxyFor(u.href, undefined, { https_proxy: "http://p:3128" })?.host).toBe("p:3128");
  expect(proxyFor(u.href, undefined, { HTTP_PROXY: "http://q:3128" })).toBeUndefined();
  expect(() => proxyFor(u.href, "socks5://u:secret@p:1080", {})).toThrow(/^proxyUrl socks5:\/\/p:1080 must use http or https$/);
});
