// A forwarding proxy in front of the simulator, for answers DigiCert should never give
// (the PEM of another certificate than the one asked for): every request goes to the
// simulator over real HTTP, its path rewritten by `route`.
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface Proxy {
  /** Base URL to configure the provider with, in place of the simulator's. */
  readonly baseUrl: string;
  close(): Promise<void>;
}

/**
 * `route` gets the path after `/services/v2` and returns the one to ask the simulator
 * for; `answer`, if given, rewrites the simulator's answer body.
 */
export async function startProxy(
  simBaseUrl: string,
  route: (method: string, path: string) => string,
  answer: (method: string, path: string, text: string) => string = (_m, _p, text) => text,
): Promise<Proxy> {
  const target = new URL(simBaseUrl);
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const full = req.url ?? "/";
      const path = full.startsWith(target.pathname) ? full.slice(target.pathname.length) : full;
      const headers: Record<string, string> = {};
      for (const h of ["x-dc-devkey", "content-type", "accept"]) {
        const v = req.headers[h];
        if (typeof v === "string") headers[h] = v;
      }
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      void fetch(`${simBaseUrl}${route(req.method ?? "GET", path)}`, { method: req.method, headers, ...(body ? { body } : {}) })
        .then(async (r) => {
          const text = answer(req.method ?? "GET", path, await r.text());
          res.writeHead(r.status, { "content-type": r.headers.get("content-type") ?? "application/json" });
          res.end(text);
        })
        .catch(() => req.socket.destroy());
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${target.pathname}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
