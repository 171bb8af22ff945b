// A forward proxy on loopback, as an enterprise egress proxy is: it tunnels (CONNECT, as
// hpagent asks for every target) and forwards (absolute URLs). The plain-http requests
// inside a tunnel are read off the stream as they pass, so `seen` holds every request,
// not every tunnel. `hosts` resolves names only the proxy knows (a DigiCert look-alike
// that leads to a loopback simulator); `credentials` makes it answer 407 to any other.
import http from "node:http";
import net, { type Socket } from "node:net";
import { listenOnLoopback, type Listening } from "./loopback-server";

export interface ForwardProxy {
  /** http://127.0.0.1:<port>, without credentials. */
  readonly url: string;
  /** Every request that went through, with the Proxy-Authorization it came with. */
  readonly seen: { method: string; url: string; auth: string | undefined }[];
  /** Tunnels and requests refused with 407. */
  readonly refused: string[];
  close(): Promise<void>;
}

export interface ForwardProxyOptions {
  /** Host name -> address the proxy connects to instead of resolving the name. */
  readonly hosts?: Readonly<Record<string, string>>;
  /** `user:password` the proxy requires (Basic); unset: none required. */
  readonly credentials?: string;
}

export async function startForwardProxy(opts: ForwardProxyOptions = {}): Promise<ForwardProxy> {
  const seen: ForwardProxy["seen"] = [];
  const refused: string[] = [];
  // Set once listening; a tunnel opens only after that.
  let listening: Listening | undefined;
  const expected = opts.credentials === undefined ? undefined : `Basic ${Buffer.from(opts.credentials).toString("base64")}`;
  const address = (host: string): string => opts.hosts?.[host] ?? host;
  const authorized = (auth: string | undefined): boolean => expected === undefined || auth === expected;

  const server = http.createServer((req, res) => {
    const auth = req.headers["proxy-authorization"];
    if (!authorized(auth)) {
      refused.push(`${req.method ?? ""} ${req.url ?? ""}`);
      res.writeHead(407, { "proxy-authenticate": 'Basic realm="corp"' }).end();
      return;
    }
    seen.push({ method: req.method ?? "", url: req.url ?? "", auth });
    const target = new URL(req.url ?? "");
    const headers = { ...req.headers };
    delete headers["proxy-authorization"];
    const up = http.request(
      { host: address(target.hostname), port: target.port, path: `${target.pathname}${target.search}`, method: req.method, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    up.on("error", () => res.destroy());
    req.pipe(up);
  });
  server.on("connect", (req: http.IncomingMessage, client: Socket, head: Buffer) => {
    const auth = req.headers["proxy-authorization"];
    if (!authorized(auth)) {
      refused.push(`CONNECT ${req.url ?? ""}`);
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const [host, port] = (req.url ?? "").split(":");
    const up = net.connect(Number(port), address(host ?? ""), () => {
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
    listening?.track(up);
    up.on("error", () => client.destroy());
    client.on("error", () => up.destroy());
  });
  listening = await listenOnLoopback(server);
  return { url: `http://127.0.0.1:${listening.port}`, seen, refused, close: listening.close };
}
