// A pass-through in front of a simulator that keeps the JSON body of every request the
// provider sent: the simulator's own log records method and path only, and a test that
// proves which wire fields reached DigiCert must read the bytes as they went out, not
// the simulator's parse of them. Requests and answers are forwarded unchanged.
import * as http from "http";
import type { AddressInfo } from "net";

export interface SentRequest {
  method: string;
  path: string;
  /** The body parsed as JSON; undefined when there was none. */
  body: unknown;
}

/** Where the recorder answers, as CertCentral's Services API does: the client refuses any other path. */
const SERVICES_PATH = "/services/v2";

export class BodyRecorder {
  private constructor(
    private readonly server: http.Server,
    readonly baseUrl: string,
    /** Every request forwarded so far, in the order it arrived. */
    readonly sent: readonly SentRequest[],
  ) {}

/** Listens on a free loopback port and forwards everything to `target` (a base URL). */
  static async start(target: string): Promise<BodyRecorder> {
    const to = new URL(target);
    const sent: SentRequest[] = [];
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const raw = Buffer.concat(chunks);
        const text = raw.toString("utf8");
        const url = req.url ?? "";
        const relative = url.startsWith(SERVICES_PATH) ? url.slice(SERVICES_PATH.length) : url;
        sent.push({ method: req.method ?? "", path: relative, body: text ? (JSON.parse(text) as unknown) : undefined });
        const out = http.request(
          { hostname: to.hostname, port: to.port, method: req.method, path: `${to.pathname.replace(/\/$/, "")}${relative}`, headers: { ...req.headers, host: to.host } },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        out.on("error", () => res.destroy());
        out.end(raw);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return new BodyRecorder(server, `http://127.0.0.1:${port}${SERVICES_PATH}`, sent);
  }

  /** The POSTs sent so far to paths starting with `prefix`. */
  posts(prefix: string): SentRequest[] {
    return this.sent.filter((r) => r.method === "POST" && r.path.startsWith(prefix));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve, reject) => this.server.close((err) => (err ? reject(err) : resolve())));
  }
}
