// Enterprise networks (#31 item 8): a forward proxy on loopback sees every request when
// HTTP_PROXY (or the proxyUrl setting) names it, none when NO_PROXY exempts the host, and
// the proxy's credentials never reach a log.
import http from "node:http";
import net, { type AddressInfo, type Socket } from "node:net";
import { startRawServer, type RawServer } from "./support/raw-server";
import { DigiCertClient } from "../../provider/digicert";
import { bypassesProxy, proxyFor } from "../../provider/digicert/proxy";

const KEY = "Proxy-SECRET-key-5512";

interface Proxy {
  url: string;
  seen: { method: string; url: string; auth: string | undefined }[];
  close(): Promise<void>;
}

/**
 * A proxy that tunnels (CONNECT, as hpagent asks for every target) and forwards (absolute
 * URLs). The plain-http requests inside a tunnel are read off the stream as they pass, so
 * `seen` holds every request, not every tunnel.
 */
async function startProxy(): Promise<Proxy> {
  const seen: Proxy["seen"] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? "", url: req.url ?? "", auth: req.headers["proxy-authorization"] });
    const target = new URL(req.url ?? "");
    const headers = { ...req.headers };
    delete headers["proxy-authorization"];
    const up = http.request(target, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    up.on("error", () => res.destroy());
    req.pipe(up);
  });
  server.on("connect", (req: http.IncomingMessage, client: Socket, head: Buffer) => {
    const auth = req.headers["proxy-authorization"];
    const [host, port] = (req.url ?? "").split(":");
    const up = net.connect(Number(port), host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      const look = (chunk: Buffer): void => {
        for (const m of chunk.toString("latin1").matchAll(/(?:^|\r\n)(GET|POST|PUT|DELETE) (\/\S*) HTTP\/1\.1\r\n/g)) {
          seen.push({ method: m[1] ?? "", url: `http://${req.url}${m[2] ?? ""}`, auth });
        }
      };
      if (head.length > 0) {
        look(head);
        up.write(head);
      }
      client.on("data", look);
      client.pipe(up);
      up.pipe(client);
    });
    sockets.add(up);
    up.on("close", () => sockets.delete(up));
    up.on("error", () => client.destroy());
    client.on("error", () => up.destroy());
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

let target: RawServer;
let proxy: Proxy;
beforeAll(async () => {
  target = await startRawServer(() => ({ status: 200, json: { id: 7, status: "issued" } }));
  proxy = await startProxy();
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
