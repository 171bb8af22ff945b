// Transport behaviour no simulator offers: malformed bodies, odd error
// envelopes, Retry-After forms, a server echoing the key, configuration.
import { inspect } from "node:util";
import * as doc from "./support/documented";
import { startRawServer, type RawServer, type Reply } from "./support/raw-server";
import {
  DigiCertApiError,
  DigiCertClient,
  DigiCertConfigError,
  DigiCertInsecureUrlError,
  DigiCertOrderMayExistError,
  DigiCertRateLimitError,
  DigiCertResponseError,
  type DigiCertClientOptions,
} from "../../provider/digicert";

const KEY = "Tr4nsport-SECRET-key-0042";
let server: RawServer;
let next: Reply[] = [];
let logs: string[] = [];

beforeAll(async () => {
  server = await startRawServer(() => next.shift() ?? { status: 500, json: { errors: [{ code: "test", message: "no reply queued" }] } });
});
afterAll(() => server.close());
beforeEach(() => {
  server.captured.length = 0;
  next = [];
  logs = [];
});

function client(over: Partial<DigiCertClientOptions> = {}): DigiCertClient {
  return new DigiCertClient({
    apiKey: KEY,
    baseUrl: server.baseUrl,
    retry: { backoffBaseMs: 1, backoffMaxMs: 2 },
    log: (level, message) => logs.push(`${level} ${message}`),
    ...over,
  });
}

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a rejection");
}

describe("response validation", () => {
  test("a required field missing names the endpoint template and the field path", async () => {
    const { requests: _omit, ...body } = doc.ORDER_INFO_RESPONSE;
    next.push({ status: 200, json: body });
    const err = await failure(client().getOrder(112233));
    expect(err).toBeInstanceOf(DigiCertResponseError);
    const e = err as DigiCertResponseError;
    expect(e.endpoint).toBe("GET /order/certificate/{order_id}");
    expect(e.issues.map((i) => i.path)).toEqual(["requests"]);
    expect(e.message).toContain("GET /order/certificate/{order_id}");
    expect(e.message).toContain("requests");
  });

  test("a field of the wrong type deep in the body", async () => {
    next.push({ status: 201, json: { id: 1, requests: [{ id: 2, status: "pending" }, { id: "3", status: 7 }] } });
    const err = (await failure(
      client().orderClientCertificate("client_premium_sha2", {
        certificate: { commonName: "A", emails: ["a@example.com"], signatureHash: "sha256" },
        organization: { id: 1 },
        validityYears: 1,
      }),
    )) as DigiCertOrderMayExistError;
    // A paid POST's 2xx that cannot be read: the order may exist (#31); the cause names the fields.
    expect(err).toBeInstanceOf(DigiCertOrderMayExistError);
    expect(err.code).toBe("HTTP_201_UNREADABLE");
    const cause = err.cause as DigiCertResponseError;
    expect(cause).toBeInstanceOf(DigiCertResponseError);
    expect(cause.endpoint).toBe("POST /order/certificate/{client_certificate_id}");
    expect(cause.issues.map((i) => i.path).sort()).toEqual(["requests[1].id", "requests[1].status"]);
  });

  test("duplicates item missing its common_name", async () => {
    const [first] = doc.DUPLICATES_RESPONSE.certificates;
    const { common_name: _cn, ...item } = first!;
    next.push({ status: 200, json: { certificates: [first, item] } });
    const err = (await failure(client().listDuplicates(1))) as DigiCertResponseError;
    expect(err).toBeInstanceOf(DigiCertResponseError);
    expect(err.issues[0]?.path).toBe("certificates[1].common_name");
  });

  test("unknown extra fields are tolerated", async () => {
    next.push({ status: 201, json: { ...doc.ORDER_RESPONSE_PENDING, brand_new_field: { x: 1 }, requests: [{ id: 113, status: "pending", extra: true }] } });
    const r = await client().orderClientCertificate("client_premium_sha2", {
      certificate: { commonName: "A", emails: ["a@example.com"], signatureHash: "sha256" },
      organization: { id: 1 },
      validityYears: 1,
    });
    expect(r).toStrictEqual({ id: 112233, requests: [{ id: 113, status: "pending" }] });
  });

  test("a body that is not JSON, or empty where JSON is expected", async () => {
    next.push({ status: 200, text: "<html>hi</html>" }, { status: 201, text: "" });
    const a = (await failure(client().getOrder(1))) as DigiCertResponseError;
    expect(a).toBeInstanceOf(DigiCertResponseError);
    expect(a.message).toMatch(/not valid JSON/);
    const b = (await failure(client().revokeCertificate(1))) as DigiCertResponseError;
    expect(b).toBeInstanceOf(DigiCertResponseError);
    expect(b.endpoint).toBe("PUT /certificate/{certificate_id}/revoke");
    expect(b.message).toMatch(/empty body/);
  });
});

describe("error envelopes", () => {
  test("DigiCert's documented array form, and the message format", async () => {
    next.push({
      status: 400,
      json: {
        errors: [
          { code: "invalid_value", message: "certificate.emails: must be valid" },
          { code: "missing_field", message: "organization.id: required" },
        ],
      },
    });
    const err = (await failure(client().getOrder(7))) as DigiCertApiError;
    expect(err).toBeInstanceOf(DigiCertApiError);
    expect(err.status).toBe(400);
    expect(err.method).toBe("GET");
    expect(err.path).toBe("/order/certificate/7");
    expect(err.endpoint).toBe("GET /order/certificate/{order_id}");
    expect(err.errors).toEqual([
      { code: "invalid_value", message: "certificate.emails: must be valid" },
      { code: "missing_field", message: "organization.id: required" },
    ]);
    expect(err.message).toBe(
      "DigiCert GET /order/certificate/7 failed (400): invalid_value: certificate.emails: must be valid; missing_field: organization.id: required",
    );
    expect(err.hasCode("missing_field")).toBe(true);
    expect(err.hasCode("not_found")).toBe(false);
  });

  test("errors as a single object", async () => {
    next.push({ status: 404, json: { errors: { code: "not_found|order", message: "order not found" } } });
    const err = (await failure(client().getOrder(7))) as DigiCertApiError;
    expect(err.errors).toEqual([{ code: "not_found|order", message: "order not found" }]);
    expect(err.hasCode("not_found")).toBe(true);
    expect(err.hasCode("not_found|order")).toBe(true);
    expect(err.hasCode("not_found|product")).toBe(false);
  });

  test("errors as an object map", async () => {
    next.push({ status: 400, json: { errors: { invalid_value: "certificate.csr: cannot parse", access_denied: { message: "nope" } } } });
    const err = (await failure(client().getOrder(7))) as DigiCertApiError;
    expect(err.errors).toEqual([
      { code: "invalid_value", message: "certificate.csr: cannot parse" },
      { code: "access_denied", message: "nope" },
    ]);
  });

  test("a non-JSON error body (a proxy's HTML) still gives a readable error", async () => {
    next.push({ status: 502, text: "<html><body>Bad gateway</body></html>" });
    const err = (await failure(client({ retry: { limit: 0 } }).getOrder(7))) as DigiCertApiError;
    expect(err).toBeInstanceOf(DigiCertApiError);
    expect(err.errors).toEqual([]);
    expect(err.message).toBe("DigiCert GET /order/certificate/7 failed (502): <html><body>Bad gateway</body></html>");
  });

  test("a key echoed by the server is redacted from errors and logs", async () => {
    next.push({ status: 401, json: { errors: [{ code: "unauthorized", message: `API key ${KEY} is not valid` }] } });
    const err = (await failure(client().getOrder(7))) as DigiCertApiError;
    expect(err.errors[0]?.message).toBe("API key [redacted] is not valid");
    for (const text of [err.message, String(err), err.stack ?? "", JSON.stringify(err), inspect(err, { depth: 10, showHidden: true }), ...logs]) {
      expect(text).not.toContain(KEY);
    }
  });
});

describe("retries and Retry-After", () => {
  test("Retry-After in seconds is waited for exactly", async () => {
    const sleeps: number[] = [];
    next.push({ status: 503, json: { errors: [] }, headers: { "retry-after": "1" } }, { status: 200, json: doc.ORDER_INFO_RESPONSE });
    await client({ log: (_l, m) => sleeps.push(Number(/in (\d+) ms/.exec(m)?.[1] ?? -1)) }).getOrder(doc.ORDER_INFO_RESPONSE.id);
    expect(server.captured).toHaveLength(2);
    expect(sleeps.filter((s) => s >= 0)).toEqual([1000]);
  });

  test("Retry-After as an HTTP date; too far in the future is not waited for", async () => {
    const past = new Date(Date.now() - 60_000).toUTCString();
    next.push({ status: 429, json: { errors: [] }, headers: { "retry-after": past } }, { status: 200, json: doc.ORDER_INFO_RESPONSE });
    await client().getOrder(doc.ORDER_INFO_RESPONSE.id);
    expect(server.captured).toHaveLength(2);

    server.captured.length = 0;
    next.push({ status: 503, json: { errors: [{ code: "service_unavailable", message: "down" }] }, headers: { "retry-after": "3600" } });
    const err = (await failure(client().getOrder(1))) as DigiCertApiError;
    expect(err.status).toBe(503);
    expect(server.captured).toHaveLength(1);
  });

  test("a 429's Retry-After is waited for only as far as the rate-limit wait allows", async () => {
    next.push(
      { status: 429, json: { errors: [{ code: "request_limit_exceeded", message: "slow down" }] }, headers: { "retry-after": "3600" } },
      { status: 429, json: { errors: [{ code: "request_limit_exceeded", message: "slow down" }] }, headers: { "retry-after": "3600" } },
    );
    const err = (await failure(client({ rateLimitWaitMs: 300 }).getOrder(1))) as DigiCertRateLimitError;
    expect(err).toBeInstanceOf(DigiCertRateLimitError);
    expect(err.waitedMs).toBe(300);
    expect(server.captured).toHaveLength(2);
  });

  test("429s without Retry-After wait from half the shortest rate window, doubling, outside the retry limit", async () => {
    const refused = { status: 429, json: { errors: [{ code: "request_limit_exceeded", message: "slow down" }] } };
    next.push(refused, refused, refused, { status: 200, json: doc.ORDER_INFO_RESPONSE });
    const started = Date.now();
    await client({ rateLimits: [{ limit: 1000, windowMs: 60_000 }, { limit: 100, windowMs: 200 }], retry: { limit: 0 } }).getOrder(doc.ORDER_INFO_RESPONSE.id);
    expect(server.captured).toHaveLength(4);
    const lines = logs.filter((l) => l.startsWith("warn"));
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l).toMatch(/^warn DigiCert GET \/order\/certificate\/112233: the key's rate limit is spent, as other stacks using the same key may have spent it; waiting \d+ s \(\d+ s of at most 300 s\)$/);
    // 100..200, 200..400, 400..800 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
  });

  test("the retry limit is honoured and every retry is logged without the key", async () => {
    next.push({ status: 502, text: "x" }, { status: 502, text: "x" }, { status: 502, text: "x" }, { status: 200, json: doc.ORDER_INFO_RESPONSE });
    const err = (await failure(client({ retry: { limit: 2, backoffBaseMs: 1, backoffMaxMs: 2 } }).getOrder(1))) as DigiCertApiError;
    expect(err.status).toBe(502);
    expect(server.captured).toHaveLength(3);
    expect(logs.filter((l) => l.startsWith("warn")).map((l) => l.replace(/in \d+ ms/, "in N ms"))).toEqual([
      "warn DigiCert GET /order/certificate/1 failed (HTTP 502); retry 1/2 in N ms",
      "warn DigiCert GET /order/certificate/1 failed (HTTP 502); retry 2/2 in N ms",
    ]);
  });

  test("4xx other than 429 are not retried", async () => {
    next.push({ status: 400, json: { errors: [{ code: "invalid_value", message: "x" }] } });
    await failure(client().getOrder(1));
    expect(server.captured).toHaveLength(1);
  });
});

describe("configuration", () => {
  test.each([
    "http://www.digicert.com/services/v2",
    "http://10.0.0.5:8080/services/v2",
    "http://localhost.example.com/services/v2",
    "http://128.0.0.1/services/v2",
  ])("plain http to a non-loopback host is refused: %s", (baseUrl) => {
    expect(() => new DigiCertClient({ apiKey: KEY, baseUrl })).toThrow(DigiCertInsecureUrlError);
    expect(() => new DigiCertClient({ apiKey: KEY, baseUrl })).toThrow(DigiCertConfigError);
    expect(() => new DigiCertClient({ apiKey: KEY, baseUrl })).toThrow(/allowInsecureHttp/);
  });

  test.each([
    "http://127.0.0.1:1/services/v2",
    "http://127.8.9.10/services/v2",
    "http://localhost:9/services/v2",
    "http://[::1]:9/services/v2",
    "https://www.digicert.com/services/v2",
    "https://certcentral.digicert.eu/services/v2/",
  ])("allowed: %s", (baseUrl) => {
    expect(new DigiCertClient({ apiKey: KEY, baseUrl }).baseUrl).toBe(baseUrl.replace(/\/$/, ""));
  });

  test("allowInsecureHttp opts in to plain http anywhere", () => {
    expect(new DigiCertClient({ apiKey: KEY, baseUrl: "http://10.0.0.5/services/v2", allowInsecureHttp: true }).baseUrl).toBe(
      "http://10.0.0.5/services/v2",
    );
  });

  test("other bad settings", () => {
    expect(new DigiCertClient({ apiKey: KEY }).baseUrl).toBe("https://www.digicert.com/services/v2");
    expect(() => new DigiCertClient({ apiKey: "" })).toThrow(DigiCertConfigError);
    expect(() => new DigiCertClient({ apiKey: `${KEY}\n` })).toThrow(DigiCertConfigError);
    expect(() => new DigiCertClient({ apiKey: KEY, baseUrl: "ftp://x/services/v2" })).toThrow(DigiCertConfigError);
    expect(() => new DigiCertClient({ apiKey: KEY, baseUrl: "not a url" })).toThrow(DigiCertConfigError);
    expect(() => new DigiCertClient({ apiKey: KEY, baseUrl: `https://u:${KEY}@host/x` })).toThrow(DigiCertConfigError);
    expect(() => new DigiCertClient({ apiKey: KEY, timeoutMs: 0 })).toThrow(DigiCertConfigError);
    expect(() => new DigiCertClient({ apiKey: KEY, rateLimits: [{ limit: 0, windowMs: 10 }] })).toThrow(DigiCertConfigError);
    expect(() => new DigiCertClient({ apiKey: KEY, retry: { methods: ["POST" as never] } })).toThrow(/POST/);
    expect(() => new DigiCertClient({ apiKey: KEY, retry: { limit: -1 } })).toThrow(DigiCertConfigError);
    let message = "";
    try {
      new DigiCertClient({ apiKey: KEY, baseUrl: `https://u:${KEY}@host/x` });
    } catch (err) {
      message = String(err) + ((err as Error).stack ?? "");
    }
    expect(message).not.toContain(KEY);
  });

  test("the client object shows no key when inspected or serialized", () => {
    const c = client();
    expect(inspect(c, { depth: 10, showHidden: true })).not.toContain(KEY);
    expect(JSON.stringify(c)).not.toContain(KEY);
    expect(String(c)).not.toContain(KEY);
  });
});
