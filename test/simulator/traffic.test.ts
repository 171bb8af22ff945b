import { api, issuedOrder, orderBody, PRODUCT, useSimulator } from "./support/helpers";
import { startSimulator } from "../../simulator";

const { sim, call } = useSimulator();

const orderCount = async (): Promise<number> => ((await sim().admin.state()) as { orders: unknown[] }).orders.length;

describe("fault injection", () => {
  test("status fault with Retry-After hits once, then requests pass", async () => {
    await sim().admin.addFaults([{ kind: "status", status: 503, retryAfter: 7 }]);
    const first = await call()("GET", "/order/certificate/1");
    expect(first.status).toBe(503);
    expect(first.headers.get("retry-after")).toBe("7");
    expect(first.json.errors[0].code).toBe("service_unavailable");
    expect((await call()("GET", "/order/certificate/1")).status).toBe(404);
  });

  test("status 429 fault without Retry-After looks like DigiCert's rate limit", async () => {
    await sim().admin.addFaults([{ kind: "status", status: 429 }]);
    const r = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody());
    expect(r.status).toBe(429);
    expect(r.headers.get("retry-after")).toBeNull();
    expect(r.json.errors[0].code).toBe("request_limit_exceeded");
    expect(await orderCount()).toBe(0);
  });

  test("status 403 fault answers DigiCert's access_denied|missing_permission", async () => {
    await sim().admin.addFaults([{ kind: "status", status: 403 }]);
    const r = await call()("GET", "/order/certificate");
    expect(r.status).toBe(403);
    expect(r.json.errors[0].code).toBe("access_denied|missing_permission");
  });

  test("method and path filters, times and every", async () => {
    await sim().admin.addFaults([{ kind: "status", status: 500, method: "GET", path: "/duplicate$", times: 2, every: 2 }]);
    const { orderId } = await issuedOrder(call());
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await call()("GET", `/order/certificate/${orderId}/duplicate`)).status);
    expect(statuses).toEqual([200, 500, 200, 500, 200, 200]);
    expect((await call()("GET", `/order/certificate/${orderId}`)).status).toBe(200);
    const [fault] = (await sim().admin.faults()) as { seen: number; injected: number }[];
    expect(fault).toMatchObject({ seen: 4, injected: 2 });
  });

  test("times Infinity keeps injecting until cleared", async () => {
    await sim().admin.addFaults([{ kind: "status", status: 502, times: Infinity }]);
    for (let i = 0; i < 3; i++) expect((await call()("GET", "/order/certificate/1")).status).toBe(502);
    await sim().admin.clearFaults();
    expect((await call()("GET", "/order/certificate/1")).status).toBe(404);
  });

  test("latency fault delays, then processes normally", async () => {
    await sim().admin.addFaults([{ kind: "latency", latencyMs: 300 }]);
    const t0 = Date.now();
    const r = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody());
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(r.status).toBe(201);
    expect(await orderCount()).toBe(1);
  });

  test("reset before: connection dropped, nothing happened", async () => {
    await sim().admin.addFaults([{ kind: "reset", when: "before", method: "POST" }]);
    await expect(call()("POST", `/order/certificate/${PRODUCT}`, orderBody())).rejects.toThrow();
    expect(await orderCount()).toBe(0);
    const [entry] = await sim().admin.requests();
    expect(entry).toMatchObject({ method: "POST", status: 0, fault: "reset:before" });
  });

  test("reset after: connection dropped, but the order exists", async () => {
    await sim().admin.addFaults([{ kind: "reset", when: "after", path: "^/order/certificate/client_" }]);
    await expect(call()("POST", `/order/certificate/${PRODUCT}`, orderBody({ skip_approval: true }))).rejects.toThrow();
    const state = (await sim().admin.state()) as { orders: { id: number; status: string }[] };
    expect(state.orders).toHaveLength(1);
    expect((await call()("GET", `/order/certificate/${state.orders[0]?.id}`)).json.status).toBe("issued");
    expect((await sim().admin.requests())[0]).toMatchObject({ status: 0, fault: "reset:after" });
  });

  test("invalid fault specs are refused", async () => {
    await expect(sim().admin.addFaults([{ kind: "explode" as "reset" }])).rejects.toThrow(/kind/);
    await expect(sim().admin.addFaults([{ kind: "status", path: "(" }])).rejects.toThrow(/path/);
    expect(await sim().admin.faults()).toEqual([]);
  });
});

describe("latency setting", () => {
  test("adds a fixed delay to every API request but not to admin calls", async () => {
    await sim().admin.setSettings({ latencyMs: 200 });
    const t0 = Date.now();
    await call()("GET", "/order/certificate/1");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
    const t1 = Date.now();
    await sim().admin.requests();
    expect(Date.now() - t1).toBeLessThan(150);
  });
});

describe("rate limits", () => {
  test("429 request_limit_exceeded over the limit, recovers after the window", async () => {
    await sim().admin.setSettings({ rateLimits: [{ limit: 3, windowMs: 400 }] });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call()("GET", "/order/certificate/1")).status);
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
    const limited = await call()("GET", "/order/certificate/1");
    expect(limited.json.errors[0].code).toBe("request_limit_exceeded");
    expect(limited.headers.get("retry-after")).toBeNull();
    await new Promise((r) => setTimeout(r, 450));
    expect((await call()("GET", "/order/certificate/1")).status).toBe(404);
  });

  test("the tightest of several windows applies", async () => {
    await sim().admin.setSettings({ rateLimits: [{ limit: 100, windowMs: 10_000 }, { limit: 2, windowMs: 300 }] });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call()("GET", "/order/certificate/1")).status);
    expect(statuses).toEqual([404, 404, 429]);
  });

  test("limits are per API key", async () => {
    const two = await startSimulator({ port: 0, apiKeys: ["key-a", "key-b"], settings: { rateLimits: [{ limit: 1, windowMs: 10_000 }] } });
    try {
      expect((await api(two, "key-a")("GET", "/order/certificate/1")).status).toBe(404);
      expect((await api(two, "key-a")("GET", "/order/certificate/1")).status).toBe(429);
      expect((await api(two, "key-b")("GET", "/order/certificate/1")).status).toBe(404);
      expect((await api(two, "sim-key")("GET", "/order/certificate/1")).status).toBe(403);
    } finally {
      await two.close();
    }
  });
});

describe("request log", () => {
  test("records every API request with path, status and fault, not admin calls", async () => {
    await sim().admin.addFaults([{ kind: "status", status: 504, path: "/ct-status$" }]);
    const { orderId } = await issuedOrder(call());
    await call()("PUT", `/order/certificate/${orderId}/ct-status`, { disable_ct: true });
    await call()("GET", `/order/certificate/${orderId}`, undefined, null);
    await sim().admin.settings();
    const log = await sim().admin.requests();
    expect(log.map(({ method, path, status, fault }) => ({ method, path, status, fault }))).toEqual([
      { method: "POST", path: `/order/certificate/${PRODUCT}`, status: 201, fault: undefined },
      { method: "PUT", path: `/order/certificate/${orderId}/ct-status`, status: 504, fault: "status:504" },
      { method: "GET", path: `/order/certificate/${orderId}`, status: 403, fault: undefined },
    ]);
    expect(log.map((e) => e.seq)).toEqual([log[0]!.seq, log[0]!.seq + 1, log[0]!.seq + 2]);
    expect(log.every((e) => typeof e.at === "number" && e.at > 0)).toBe(true);
    await sim().admin.clearRequests();
    expect(await sim().admin.requests()).toEqual([]);
  });
});
