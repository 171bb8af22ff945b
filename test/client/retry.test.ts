// The retry rules as a pure function: what may be repeated, and how long to wait.
import { backoffDelay, decideRetry, DEFAULT_RETRY_POLICY, parseRetryAfter, resolveRetryPolicy, type Failure } from "../../provider/digicert/retry";

const policy = resolveRetryPolicy({ backoffBaseMs: 100, backoffMaxMs: 1000, maxRetryAfterMs: 5000 });
const max = (): number => 0.999999;
const net = (code: string, sent: boolean): Failure => ({ kind: "network", code, sent });
const status = (s: number, retryAfterMs?: number): Failure => ({ kind: "status", status: s, retryAfterMs });

test("defaults are the documented policy", () => {
  expect(DEFAULT_RETRY_POLICY).toMatchObject({ limit: 4, backoffBaseMs: 1000, backoffMaxMs: 15_000, methods: ["GET", "PUT"], statusCodes: [429, 500, 502, 503, 504] });
  expect(DEFAULT_RETRY_POLICY.errorCodes).toEqual(expect.arrayContaining(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE"]));
});

describe("POST (orders and reissues cost money)", () => {
  test.each(["ECONNRESET", "ETIMEDOUT", "EPIPE"])("is not retried after %s once the connection existed", (code) => {
    expect(decideRetry(policy, "POST", 0, net(code, true)).retry).toBe(false);
  });

  test("is retried when the connection was refused (nothing was sent)", () => {
    expect(decideRetry(policy, "POST", 0, net("ECONNREFUSED", false)).retry).toBe(true);
  });

  test("is retried on 429 only among statuses", () => {
    expect(decideRetry(policy, "POST", 0, status(429)).retry).toBe(true);
    for (const s of [500, 502, 503, 504]) expect(decideRetry(policy, "POST", 0, status(s)).retry).toBe(false);
  });

  test("cannot be made retryable by configuration", () => {
    expect(() => resolveRetryPolicy({ methods: ["GET", "POST" as never] })).toThrow(/POST/);
  });
});

describe("GET and PUT", () => {
  test.each([429, 500, 502, 503, 504])("retry on %i", (s) => {
    expect(decideRetry(policy, "GET", 0, status(s)).retry).toBe(true);
    expect(decideRetry(policy, "PUT", 1, status(s)).retry).toBe(true);
  });

  test.each([400, 401, 403, 404, 409])("no retry on %i", (s) => {
    expect(decideRetry(policy, "GET", 0, status(s)).retry).toBe(false);
  });

  test.each(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE"])("retry on %s even after sending", (code) => {
    expect(decideRetry(policy, "PUT", 0, net(code, true)).retry).toBe(true);
  });

  test("not on unknown error codes, not past the limit, not for methods left out", () => {
    expect(decideRetry(policy, "GET", 0, net("ERR_SOMETHING", true)).retry).toBe(false);
    expect(decideRetry(policy, "GET", policy.limit, status(503)).retry).toBe(false);
    expect(decideRetry(resolveRetryPolicy({ methods: ["GET"] }), "PUT", 0, status(503)).retry).toBe(false);
    expect(decideRetry(resolveRetryPolicy({ limit: 0 }), "GET", 0, status(503)).retry).toBe(false);
  });
});

describe("delays", () => {
  test("exponential backoff with full jitter, capped", () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n, max))).toEqual([99, 199, 399, 799, 999, 999]);
    expect(backoffDelay(policy, 3, () => 0)).toBe(0);
    expect(decideRetry(policy, "GET", 1, status(503), max)).toEqual({ retry: true, delayMs: 199 });
  });

  test("Retry-After wins over backoff; beyond maxRetryAfterMs the error is returned instead", () => {
    expect(decideRetry(policy, "GET", 0, status(429, 3000), max)).toEqual({ retry: true, delayMs: 3000 });
    expect(decideRetry(policy, "POST", 0, status(429, 3000), max)).toEqual({ retry: true, delayMs: 3000 });
    expect(decideRetry(policy, "GET", 0, status(429, 6000)).retry).toBe(false);
  });

  test("Retry-After parsing: seconds, HTTP dates, junk", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Tue, 31 Dec 2024 23:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter(["5"], now)).toBe(5000);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("-3", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
