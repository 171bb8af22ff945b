// A throwaway node:http server for transport tests that need answers no
// simulator gives (a body missing a field, `errors` as an object, echoed keys).
// It records every request byte for byte.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { listenOnLoopback } from "../../support/loopback-server";

export interface Captured {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Reply =
  | { status: number; json?: unknown; text?: string; headers?: Record<string, string> }
  | { destroy: true };

export type Responder = (req: Captured, index: number) => Reply | Promise<Reply>;

export interface RawServer {
  baseUrl: string;
  captured: Captured[];
  close(): Promise<void>;
}

export async function startRawServer(respond: Responder): Promise<RawServer> {
  const captured: Captured[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const entry: Captured = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      captured.push(entry);
      void Promise.resolve(respond(entry, captured.length - 1)).then((reply) => {
        if ("destroy" in reply) {
          req.socket.destroy();
          return;
        }
        const headers: Record<string, string> = { ...reply.headers };
        let body = "";
        if (reply.json !== undefined) {
          body = JSON.stringify(reply.json);
          headers["content-type"] ??= "application/json";
        } else if (reply.text !== undefined) {
          body = reply.text;
        }
        res.writeHead(reply.status, headers);
        res.end(body);
      });
    });
  });
  const { port, close } = await listenOnLoopback(server);
  return { baseUrl: `http://127.0.0.1:${port}/services/v2`, captured, close };
}

/** A loopback port with nothing listening on it (connections are refused). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
