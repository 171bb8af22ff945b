// Transport behaviour no simulator offers: malformed bodies, odd error
// envelopes, Retry-After forms, a server echoing the key, configuration.
import { inspect } from "node:util";
import * as doc from "./support/documented";
import { startRawServer, type RawServer, type Reply } from "./support/raw-server";
import {
  DigiCertApiError,
  DigiCertClient,
  DigiCertConfigError,
  DigiCertForeignHostError,
  DigiCertInsecureUrlError,
  DigiCertKeyRefusedError,
  DigiCertNotServicesApiError,
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

  test("a body that is not JSON says the base URL is not the Services API; an empty one is an unexpected body", async () => {
    next.push({ status: 200, text: "<html><head><title>Welcome</title></head><body>hi</body></html>" }, { status: 201, text: "" });
    const a = (await failure(client({ baseUrlSetting: "digicert:baseUrl" }).getOrder(1))) as DigiCertNotServicesApiError;
    expect(a).toBeInstanceOf(DigiCertNotServicesApiError);
    expect(a.message).toBe(
      `the base URL ${server.baseUrl} does not look like CertCentral's Services API: GET /order/certificate/1 answered ` +
        '200, no content type, an HTML page titled "Welcome". Check digicert:baseUrl: CertCentral\'s is https://www.digicert.com/services/v2 ' +
        "(EU accounts: https://certcentral.digicert.eu/services/v2).",
    );
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

  test("an order POST's 2xx that is not JSON is not called a wrong base URL: the order may have been placed", async () => {
    next.push({ status: 201, text: "<html><head><title>Placed?</title></head></html>" });
    const err = await failure(
      client().orderClientCertificate("client_authentication_plus", {
        certificate: { commonName: "x", emails: ["x@example.com"], signatureHash: "sha256" },
        organization: { id: 1 },
        validityYears: 1,
      }),
    );
    expect(err).not.toBeInstanceOf(DigiCertNotServicesApiError);
  });

  test("a proxy's HTML error page is summed up by its title, never pasted", async () => {
    const page = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>${"x".repeat(5000)}</body></html>`;
    next.push({ status: 502, text: page, headers: { "content-type": "text/html; charset=utf-8" } });
    const err = (await failure(client({ retry: { limit: 0 } }).getOrder(7))) as DigiCertApiError;
    expect(err).toBeInstanceOf(DigiCertApiError);
    expect(err.errors).toEqual([]);
    expect(err.message).toBe('DigiCert GET /order/certificate/7 failed (502): an HTML page titled "502 Bad Gateway"');
  });

  test("a 401 or 403 says DigiCert refused the key, naming the setting, and is not retried", async () => {
    for (const status of [401, 403]) {
      server.captured.length = 0;
      next.push({ status, json: { errors: [{ code: "access_denied|access_denied_invalid_key", message: "Invalid API key." }] } });
      const err = (await failure(client({ apiKeySetting: "digicert:apiKey (or DIGICERT_API_KEY)" }).listOrders({}))) as DigiCertKeyRefusedError;
      expect(err).toBeInstanceOf(DigiCertKeyRefusedError);
      expect(err.status).toBe(status);
      expect(err.message).toMatch(new RegExp(`^DigiCert refused the API key \\(${status} access_denied\\|access_denied_invalid_key: Invalid API key\\., answering GET /order/certificate\\)\\. Check digicert:apiKey \\(or DIGICERT_API_KEY\\)`));
      expect(server.captured).toHaveLength(1);
    }
  });

  test("a 404 for the route, a redirect, or a 4xx that is not JSON: the base URL is not the Services API", async () => {
    next.push(
      { status: 404, text: "<html><head><title>Page not found | DigiCert</title></head></html>", headers: { "content-type": "text/html" } },
      { status: 404, json: { errors: [{ code: "not_found|route", message: "no route" }] } },
      { status: 404, json: { message: "Not Found" } },
      { status: 301, text: "", headers: { location: "https://www.digicert.com/en/order/certificate/7?secret=1" } },
      { status: 403, text: "Forbidden", headers: { "content-type": "text/plain" } },
    );
    const answers: string[] = [];
    for (let i = 0; i < 5; i++) {
      const err = await failure(client().getOrder(7));
      expect(err).toBeInstanceOf(DigiCertNotServicesApiError);
      expect(err).not.toBeInstanceOf(DigiCertApiError);
      answers.push(/answered (.*)\. Check baseUrl/.exec(err.message)?.[1] ?? err.message);
    }
    expect(answers).toEqual([
      '404, text/html, an HTML page titled "Page not found | DigiCert"',
      '404, application/json, {"errors":[{"code":"not_found|route","message":"no route"}]}',
      '404, application/json, {"message":"Not Found"}',
      "301, no content type, an empty body, redirecting to https://www.digicert.com/en/order/certificate/7",
      "403, text/plain, Forbidden",
    ]);
  });

  test("DigiCert's own 404 for an order stays an API error", async () => {
    next.push({ status: 404, json: { errors: [{ code: "not_found|order", message: "order not found" }] } });
    const err = (await failure(client().getOrder(7))) as DigiCertApiError;
    expect(err).toBeInstanceOf(DigiCertApiError);
    expect(err.status).toBe(404);
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
    "http://api.localhost/services/v2",
  ])("plain http to a non-loopback host is refused (another host's allowed, as a gateway would be): %s", (baseUrl) => {
    const make = () => new DigiCertClient({ apiKey: KEY, baseUrl, allowNonDigicertHost: true });
    expect(make).toThrow(DigiCertInsecureUrlError);
    expect(make).toThrow(DigiCertConfigError);
    expect(make).toThrow(/allowInsecureHttp/);
  });

  test.each([
    "https://10.0.0.5:8443/services/v2",
    "https://certcentral.example.com/services/v2",
    "https://www.digicert.com.example.com/services/v2",
    "https://wwwdigicert.com/services/v2",
    "https://digicert.co/services/v2",
    "https://api.localhost/services/v2",
    "http://localhost.example.com/services/v2",
    "http://128.0.0.1/services/v2",
  ])("a host that is neither DigiCert's nor loopback is refused, naming the override: %s", (baseUrl) => {
    const make = () => new DigiCertClient({ apiKey: KEY, baseUrl });
    expect(make).toThrow(DigiCertForeignHostError);
    expect(make).toThrow(/is not a DigiCert host: the API key would be sent to .*\*\.digicert\.com or \*\.digicert\.eu.*set allowNonDigicertHost: true/);
  });

  test.each([
    "https://www.digicert.com/services/v2",
    "https://certcentral.digicert.eu/services/v2",
    "https://digicert.com/services/v2",
    "https://www.digicert.com./services/v2",
    "https://CertCentral.DigiCert.EU/services/v2",
  ])("DigiCert's hosts need no override: %s", (baseUrl) => {
    expect(() => new DigiCertClient({ apiKey: KEY, baseUrl })).not.toThrow();
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

  test("allowInsecureHttp opts in to plain http anywhere (with allowNonDigicertHost, to any host)", () => {
    expect(new DigiCertClient({ apiKey: KEY, baseUrl: "http://www.digicert.com/services/v2", allowInsecureHttp: true }).baseUrl).toBe(
      "http://www.digicert.com/services/v2",
    );
    expect(() => new DigiCertClient({ apiKey: KEY, baseUrl: "http://10.0.0.5/services/v2", allowInsecureHttp: true })).toThrow(DigiCertForeignHostError);
    expect(
      new DigiCertClient({ apiKey: KEY, baseUrl: "http://10.0.0.5/services/v2", allowInsecureHttp: true, allowNonDigicertHost: true }).baseUrl,
    ).toBe("http://10.0.0.5/services/v2");
  });

  test("other bad settings", () => {
    expect(new DigiCertClient({ apiKey: KEY }).baseUrl).toBe("https://www.digicert.com/services/v2");
    expect(() => new DigiCertClient({ apiKey: "" })).toThrow(DigiCertConfigError);
    expect(() => new DigiCertClient({ apiKey: `${KEY}\n` })).toThrow(DigiCertConfigError);
    expect(() => new DigiCertClient({ apiKey: KEY, baseUrl: "ftp://x/services/v2" })).toThrow(DigiCertConfigError);
    expect(() => new DigiCertClient({ apiKey: KEY, baseUrl: "not a url" })).toThrow(DigiCertConfigError);
    expect(() => new DigiCertClient({ apiKey: KEY, baseUrl: "https://www.digicert.com" })).toThrow(/path must end in \/services\/v2/);
    expect(() => new DigiCertClient({ apiKey: KEY, baseUrl: "https://www.digicert.com/services/v1" })).toThrow(DigiCertConfigError);
    expect(new DigiCertClient({ apiKey: KEY, baseUrl: "https://gateway.example/digicert/services/v2/", allowNonDigicertHost: true }).baseUrl).toBe(
      "https://gateway.example/digicert/services/v2",
    );
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
