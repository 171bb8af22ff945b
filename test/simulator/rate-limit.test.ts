// The simulator's rate windows: DigiCert's by default, scaled for tests with the same
// counts, and DigiCert's documented 429 body.
import { parseArgs } from "../../simulator/cli";
import { DIGICERT_RATE_LIMITS, defaultSettings, scaledRateLimits, startSimulator } from "../../simulator";

test("DigiCert's windows by default; scaled windows keep the counts", () => {
  expect(defaultSettings().rateLimits).toEqual([
    { limit: 1000, windowMs: 180_000 },
    { limit: 100, windowMs: 5_000 },
  ]);
  expect(scaledRateLimits(0.1)).toEqual([
    { limit: 1000, windowMs: 18_000 },
    { limit: 100, windowMs: 500 },
  ]);
  expect(scaledRateLimits(1)).toEqual(DIGICERT_RATE_LIMITS);
  expect(() => scaledRateLimits(0)).toThrow(RangeError);
  expect(parseArgs(["--rate-limit-scale", "0.1"]).settings?.rateLimits).toEqual(scaledRateLimits(0.1));
  expect(() => parseArgs(["--rate-limit-scale", "-1"])).toThrow(/needs a number > 0/);
});

test("over a scaled window: 429 with DigiCert's documented body, and the window frees in its scaled time", async () => {
  const sim = await startSimulator({ port: 0, apiKeys: ["k"], settings: { rateLimits: scaledRateLimits(0.4) } });
  try {
    const get = () => fetch(`${sim.baseUrl}/order/certificate/1`, { headers: { "x-dc-devkey": "k" } });
    const statuses = await Promise.all(Array.from({ length: 100 }, async () => (await get()).status));
    expect(statuses).toEqual(Array(100).fill(404));
    const refused = await get();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBeNull();
    expect(await refused.json()).toEqual({
      errors: [{ code: "request_limit_exceeded", message: "Service unavailable, please limit request volume" }],
    });
    // 100 per 2 s at this scale.
    await new Promise((r) => setTimeout(r, 2_100));
    expect((await get()).status).toBe(404);
  } finally {
    await sim.close();
  }
});
