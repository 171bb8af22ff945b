// Bounded answers (#31 item 5): a server that sends a body without end is read up to the
// cap and no further, and the error names the cap and the endpoint, never the key.
import http from "node:http";
import { DigiCertClient, DigiCertNetworkError, DigiCertOrderMayExistError } from "../../provider/digicert";
import { MAX_RESPONSE_BYTES } from "../../provider/digicert/transport";
import { listenOnLoopback } from "../support/loopback-server";

const KEY = "Cap-SECRET-key-7731";
const CHUNK = Buffer.alloc(64 * 1024, "x");

interface Endless {
  baseUrl: string;
  /** Bytes of body written per request, until the client hung up. */
  written: number[];
  requests: string[];
  close(): Promise<void>;
}

/** Answers every request 200 with a chunked body that never ends (or a huge Content-Length). */
async function startEndless(opts: { contentLength?: number } = {}): Promise<Endless> {
  const written: number[] = [];
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const i = written.push(0) - 1;
    req.resume();
    req.on("end", () => {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (opts.contentLength !== undefined) headers["content-length"] = String(opts.contentLength);
      res.writeHead(200, headers);
      const pump = (): void => {
        while (!res.destroyed && !res.writableEnded) {
          written[i] = (written[i] ?? 0) + CHUNK.length;
          if (!res.write(CHUNK)) {
            res.once("drain", pump);
            return;
          }
        }
      };
      res.on("error", () => undefined);
      pump();
    });
  });
  const { port, close } = await listenOnLoopback(server);
  return { baseUrl: `http://127.0.0.1:${port}/services/v2`, written, requests, close };
}

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a rejection");
}

let server: Endless;
afterEach(() => server.close());

function client(): DigiCertClient {
  return new DigiCertClient({ apiKey: KEY, baseUrl: server.baseUrl, retry: { backoffBaseMs: 1, backoffMaxMs: 2 }, timeoutMs: 60_000 });
}

test("an endless answer to a GET stops at the cap: one attempt, an error naming the cap and the endpoint", async () => {
  server = await startEndless();
  const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const started = Date.now();
  const err = await failure(client().getOrder(7));
  const tookMs = Date.now() - started;
  expect(err).toBeInstanceOf(DigiCertNetworkError);
  expect(err).not.toBeInstanceOf(DigiCertOrderMayExistError);
  expect((err as DigiCertNetworkError).code).toBe("ERESPONSETOOLARGE");
  expect(err.message).toContain("4 MiB");
  expect(err.message).toContain("GET /order/certificate/7");
  expect(JSON.stringify(err)).not.toContain(KEY);
  expect(err.message).not.toContain(KEY);
  // Not retried: the same request would bring the same answer.
  expect(server.requests).toHaveLength(1);
  // The server could write no more than the cap plus what the socket buffers held
  // when the client hung up; memory grew by about the cap, not by what was sent.
  await new Promise((r) => setTimeout(r, 100));
  const sent = server.written[0] ?? 0;
  expect(sent).toBeGreaterThan(MAX_RESPONSE_BYTES);
  expect(sent).toBeLessThan(MAX_RESPONSE_BYTES + 8 * 1024 * 1024);
  const heapAfter = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  expect(heapAfter - heapBefore).toBeLessThan(64 * 1024 * 1024);
  expect(tookMs).toBeLessThan(10_000);
});

test("a Content-Length over the cap is refused before the body is read", async () => {
  server = await startEndless({ contentLength: 1024 * 1024 * 1024 });
  const err = await failure(client().getOrder(8));
  expect((err as DigiCertNetworkError).code).toBe("ERESPONSETOOLARGE");
  expect(err.message).toContain("4 MiB");
  await new Promise((r) => setTimeout(r, 100));
  expect(server.written[0] ?? 0).toBeLessThan(MAX_RESPONSE_BYTES + 8 * 1024 * 1024);
});

test("an endless answer to an order POST: the order may exist, not retried", async () => {
  server = await startEndless();
  const err = await failure(
    client().orderClientCertificate("client_premium_sha2", {
      certificate: { commonName: "A", emails: ["a@example.com"], signatureHash: "sha256" },
      organization: { id: 1 },
      validityYears: 1,
    }),
  );
  expect(err).toBeInstanceOf(DigiCertOrderMayExistError);
  expect((err as DigiCertOrderMayExistError).code).toBe("ERESPONSETOOLARGE");
  expect(err.message).toContain("4 MiB");
  expect(err.message).toContain("POST /order/certificate/client_premium_sha2");
  expect(err.message).toContain("adoptOrderId");
  expect(err.message).not.toContain(KEY);
  expect(server.requests).toEqual(["POST /services/v2/order/certificate/client_premium_sha2"]);
});
