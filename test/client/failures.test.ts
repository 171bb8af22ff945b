// Failure handling against the simulator's fault injection: which requests are
// retried, which are not, and that a POST that may have placed an order is
// never repeated. Every error produced here is also checked for the key.
import { inspect } from "node:util";
import { closedPort } from "./support/raw-server";
import { orderRequest, SIM_KEY, useSimulator, CSR } from "./support/sim";
import {
  DigiCertApiError,
  DigiCertClient,
  DigiCertError,
  DigiCertNetworkError,
  DigiCertOrderMayExistError,
  DEFAULT_RETRY_POLICY,
} from "../../provider/digicert";

const h = useSimulator();
const seen: unknown[] = [];
const allLogs: string[] = [];
let logs: string[] = [];

beforeEach(() => {
  logs = [];
});

function record(level: string, message: string): void {
  logs.push(`${level} ${message}`);
  allLogs.push(`${level} ${message}`);
}

function client(over: Parameters<typeof h.client>[0] = {}): DigiCertClient {
  return h.client({ log: record, ...over });
}

async function rejection(p: Promise<unknown>): Promise<DigiCertError> {
  try {
    await p;
  } catch (err) {
    seen.push(err);
    expect(err).toBeInstanceOf(DigiCertError);
    return err as DigiCertError;
  }
  throw new Error("expected a rejection");
}

async function apiRequests(method?: string): Promise<{ method: string; path: string; status: number; fault?: string }[]> {
  const all = await h.sim().admin.requests();
  return all.filter((r) => method === undefined || r.method === method);
}

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function issuedOrder(c: DigiCertClient): Promise<{ orderId: number; certificateId: number }> {
  const r = await c.orderClientCertificate("client_premium_sha2", orderRequest({ skipApproval: true }));
  return { orderId: r.id, certificateId: r.certificateId! };
}

describe("API errors", () => {
  test("403 access_denied with a wrong key (as recorded from www.digicert.com), not retried", async () => {
    const err = await rejection(client({ apiKey: "wrong-key" }).getOrder(1));
    expect(err).toBeInstanceOf(DigiCertApiError);
    expect((err as DigiCertApiError).status).toBe(403);
    expect((err as DigiCertApiError).hasCode("access_denied")).toBe(true);
    expect(await apiRequests()).toHaveLength(1);
  });

  test("400 with DigiCert's codes, in DigiCert's message format", async () => {
    const err = (await rejection(
      client().orderClientCertificate(
        "client_premium_sha2",
        orderRequest({ certificate: { commonName: "Lock Cole", emails: ["not-an-email"], signatureHash: "sha256" } }),
      ),
    )) as DigiCertApiError;
    expect(err).toBeInstanceOf(DigiCertApiError);
    expect(err.status).toBe(400);
    expect(err.hasCode("invalid_value")).toBe(true);
    expect(err.message).toMatch(
      /^DigiCert POST \/order\/certificate\/client_premium_sha2 failed \(400\): invalid_value: certificate\.emails\[0\]: /,
    );
    expect(await h.orders()).toHaveLength(0);
  });

  test("404 for an unknown order", async () => {
    const err = (await rejection(client().getOrder(999_999))) as DigiCertApiError;
    expect(err.status).toBe(404);
    expect(err.hasCode("not_found|order")).toBe(true);
    expect(err.hasCode("not_found")).toBe(true);
    expect(await apiRequests()).toHaveLength(1);
  });
});

describe("idempotent requests are retried", () => {
  test("429 with Retry-After, then success", async () => {
    const c = client();
    const { orderId } = await issuedOrder(c);
    await h.sim().admin.clearRequests();
    await h.sim().admin.addFaults([{ method: "GET", kind: "status", status: 429, retryAfter: 1 }]);
    const info = await c.getOrder(orderId);
    expect(info.id).toBe(orderId);
    expect((await apiRequests()).map((r) => r.status)).toEqual([429, 200]);
    expect(logs.filter((l) => l.startsWith("warn"))).toEqual([
      `warn DigiCert GET /order/certificate/${orderId}: the key's rate limit is spent, as other stacks using the same key may have spent it; waiting 1 s (1 s of at most 300 s)`,
    ]);
  });

  test("503 then success on a PUT", async () => {
    const c = client();
    const { orderId } = await issuedOrder(c);
    await h.sim().admin.clearRequests();
    await h.sim().admin.addFaults([{ method: "PUT", path: "/ct-status$", kind: "status", status: 503 }]);
    await c.setCtStatus(orderId, true);
    expect((await apiRequests()).map((r) => r.status)).toEqual([503, 204]);
    expect((await c.getOrder(orderId)).disableCt).toBe(true);
  });

  test("a connection reset on a GET, then success", async () => {
    const c = client();
    const { orderId } = await issuedOrder(c);
    await h.sim().admin.addFaults([{ method: "GET", kind: "reset", when: "before" }]);
    expect((await c.getOrder(orderId)).id).toBe(orderId);
    expect((await apiRequests("GET")).map((r) => r.status)).toEqual([0, 200]);
  });

  test("a timeout, then success", async () => {
    const { orderId } = await issuedOrder(client());
    const c = client({ timeoutMs: 400 });
    await h.sim().admin.addFaults([{ method: "GET", kind: "latency", latencyMs: 2000 }]);
    expect((await c.getOrder(orderId)).id).toBe(orderId);
    expect(logs.some((l) => l.startsWith("warn") && l.includes(`(ETIMEDOUT); retry 1/${DEFAULT_RETRY_POLICY.limit}`))).toBe(true);
  });

  test("timeouts beyond the retry limit give an ambiguous DigiCertNetworkError", async () => {
    const c = client({ timeoutMs: 200, retry: { limit: 1, backoffBaseMs: 1, backoffMaxMs: 2 } });
    await h.sim().admin.addFaults([{ method: "GET", kind: "latency", latencyMs: 1500, times: 2 }]);
    const err = (await rejection(c.getOrder(12345))) as DigiCertNetworkError;
    expect(err).toBeInstanceOf(DigiCertNetworkError);
    expect(err).not.toBeInstanceOf(DigiCertOrderMayExistError);
    expect(err.code).toBe("ETIMEDOUT");
    expect(err.attempts).toBe(2);
    expect(err.ambiguous).toBe(true);
    expect(err.endpoint).toBe("GET /order/certificate/{order_id}");
  });

  test("a PUT retried after a reset-after-processing reports afterAmbiguousAttempt", async () => {
    const c = client();
    const { certificateId } = await issuedOrder(c);
    await h.sim().admin.addFaults([{ method: "PUT", path: "/revoke$", kind: "reset", when: "after" }]);
    const err = (await rejection(c.revokeCertificate(certificateId, "gone"))) as DigiCertApiError;
    // The first attempt filed the revoke request; the retry is told so by DigiCert.
    expect(err.hasCode("revoke_request_pending")).toBe(true);
    expect(err.afterAmbiguousAttempt).toBe(true);
  });
});

describe("order and reissue POSTs are never repeated after an ambiguous failure", () => {
  test("reset after processing: one POST, one order, DigiCertOrderMayExistError", async () => {
    await h.sim().admin.addFaults([{ method: "POST", kind: "reset", when: "after" }]);
    const err = (await rejection(
      client().orderClientCertificate("client_authentication_plus", orderRequest()),
    )) as DigiCertOrderMayExistError;
    expect(err).toBeInstanceOf(DigiCertOrderMayExistError);
    expect(err).toBeInstanceOf(DigiCertNetworkError);
    expect(err.ambiguous).toBe(true);
    expect(err.operation).toBe("order");
    expect(err.productId).toBe("client_authentication_plus");
    expect(err.message).toMatch(/order may have been placed/);
    expect(err.message).toMatch(/orders list/);
    expect(err.message).toContain("GET /order/certificate?");
    expect(err.message).toContain("adoptOrderId");
    expect(await apiRequests("POST")).toHaveLength(1);
    const orders = await h.orders();
    expect(orders).toHaveLength(1);
    expect(logs.filter((l) => l.startsWith("warn"))).toEqual([]);
  });

  test("timeout while DigiCert is still working: not retried, and the order does get placed", async () => {
    await h.sim().admin.addFaults([{ method: "POST", kind: "latency", latencyMs: 600 }]);
    const err = await rejection(client({ timeoutMs: 150 }).orderClientCertificate("client_premium_sha2", orderRequest()));
    expect(err).toBeInstanceOf(DigiCertOrderMayExistError);
    expect((err as DigiCertOrderMayExistError).code).toBe("ETIMEDOUT");
    const orders = await until(() => h.orders(), (o) => o.length > 0);
    expect(orders).toHaveLength(1);
    expect(await apiRequests("POST")).toHaveLength(1);
  });

  test("reset before processing is just as ambiguous to the client: nothing is repeated", async () => {
    await h.sim().admin.addFaults([{ method: "POST", kind: "reset", when: "before" }]);
    const err = await rejection(client().orderClientCertificate("client_premium_sha2", orderRequest()));
    expect(err).toBeInstanceOf(DigiCertOrderMayExistError);
    expect(await apiRequests("POST")).toHaveLength(1);
    expect(await h.orders()).toHaveLength(0);
  });

  test("a 5xx answer to an order POST is not retried and says the order may exist", async () => {
    await h.sim().admin.addFaults([{ method: "POST", kind: "status", status: 503 }]);
    const err = (await rejection(
      client().orderClientCertificate("client_premium_sha2", orderRequest()),
    )) as DigiCertOrderMayExistError;
    expect(err).toBeInstanceOf(DigiCertOrderMayExistError);
    expect(err.status).toBe(503);
    expect(err.cause).toBeInstanceOf(DigiCertApiError);
    expect(await apiRequests("POST")).toHaveLength(1);
  });

  test("a reissue reset after processing: one reissue, the error names the order", async () => {
    const c = client();
    const { orderId } = await issuedOrder(c);
    await h.sim().admin.addFaults([{ method: "POST", path: "/reissue$", kind: "reset", when: "after" }]);
    const err = (await rejection(
      c.reissueCertificate(orderId, { certificate: { commonName: "Lock Cole", csr: CSR, signatureHash: "sha256" } }),
    )) as DigiCertOrderMayExistError;
    expect(err).toBeInstanceOf(DigiCertOrderMayExistError);
    expect(err.operation).toBe("reissue");
    expect(err.orderId).toBe(orderId);
    expect(err.message).toContain(`reissue of order ${orderId} may have been requested`);
    expect(await apiRequests("POST")).toHaveLength(2); // the order, then the one reissue
    expect((await c.getOrder(orderId)).status).toBe("reissue_pending");
  });

  test("429 proves nothing was processed: the POST is retried and one order results", async () => {
    await h.sim().admin.addFaults([{ method: "POST", kind: "status", status: 429 }]);
    const placed = await client().orderClientCertificate("client_premium_sha2", orderRequest());
    expect(placed.id).toEqual(expect.any(Number));
    expect((await apiRequests("POST")).map((r) => r.status)).toEqual([429, 201]);
    expect(await h.orders()).toHaveLength(1);
  });

  test("ECONNREFUSED (never connected) is retried for a POST, then reported as unambiguous", async () => {
    const port = await closedPort();
    const c = new DigiCertClient({
      apiKey: SIM_KEY,
      baseUrl: `http://127.0.0.1:${port}/services/v2`,
      retry: { backoffBaseMs: 1, backoffMaxMs: 2 },
      log: record,
    });
    const err = (await rejection(c.orderClientCertificate("client_premium_sha2", orderRequest()))) as DigiCertNetworkError;
    expect(err).toBeInstanceOf(DigiCertNetworkError);
    expect(err).not.toBeInstanceOf(DigiCertOrderMayExistError);
    expect(err.code).toBe("ECONNREFUSED");
    expect(err.ambiguous).toBe(false);
    expect(err.attempts).toBe(DEFAULT_RETRY_POLICY.limit + 1);
    expect(logs.filter((l) => l.startsWith("warn"))).toHaveLength(DEFAULT_RETRY_POLICY.limit);
  });
});

test("no error, cause, log line or client view produced above contains the API key", () => {
  expect(seen.length).toBeGreaterThanOrEqual(11);
  expect(allLogs.length).toBeGreaterThan(20);
  const views: string[] = [...allLogs];
  for (const err of seen) {
    let e: unknown = err;
    while (e instanceof Error) {
      views.push(e.message, e.stack ?? "", String(e), JSON.stringify(e), inspect(e, { depth: 20, showHidden: true }));
      e = e.cause;
    }
  }
  views.push(inspect(client(), { depth: 20, showHidden: true }));
  expect(views.join("\n")).toContain("DigiCert"); // the views are not empty
  for (const v of views) expect(v).not.toContain(SIM_KEY);
});
