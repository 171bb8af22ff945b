// The limiter's arithmetic under a fake clock (exact, not timing-dependent),
// its process-wide sharing, that it never keeps a process alive, and that a
// client under small windows stays inside the simulator's limits.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { startSimulator, type Simulator } from "../../simulator";
import { DigiCertApiError, DigiCertClient, RateLimiter, rateLimiterKey, sharedRateLimiter, type RateWindow } from "../../provider/digicert";

describe("RateLimiter (fake clock)", () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  async function grants(limiter: RateLimiter, windows: RateWindow[], n: number, runMs: number): Promise<number[]> {
    const order: number[] = [];
    const times: number[] = [];
    const all = Array.from({ length: n }, (_, i) =>
      limiter.acquire(windows).then((t) => {
        order.push(i);
        times.push(t);
      }),
    );
    await jest.advanceTimersByTimeAsync(runMs);
    await Promise.all(all);
    expect(order).toEqual([...Array(n).keys()]); // first come, first served
    return times;
  }

  test("a full window makes the next caller wait until its oldest grant leaves", async () => {
    const limiter = new RateLimiter(() => Date.now());
    expect(await grants(limiter, [{ limit: 3, windowMs: 1000 }], 8, 5000)).toEqual([0, 0, 0, 1000, 1000, 1000, 2000, 2000]);
  });

  test("several windows at once, like CertCentral's long and short ones", async () => {
    const limiter = new RateLimiter(() => Date.now());
    const windows = [
      { limit: 5, windowMs: 10_000 },
      { limit: 2, windowMs: 1000 },
    ];
    expect(await grants(limiter, windows, 7, 20_000)).toEqual([0, 0, 1000, 1000, 2000, 10_000, 10_000]);
  });

  test("the window rolls: it is not a fixed interval", async () => {
    const limiter = new RateLimiter(() => Date.now());
    const w = [{ limit: 2, windowMs: 1000 }];
    expect(await limiter.acquire(w)).toBe(0);
    await jest.advanceTimersByTimeAsync(600);
    expect(await limiter.acquire(w)).toBe(600);
    const third = limiter.acquire(w);
    const fourth = limiter.acquire(w);
    await jest.advanceTimersByTimeAsync(2000);
    expect(await third).toBe(1000);
    expect(await fourth).toBe(1600);
  });

  test("wouldWait: true while a window is full or others wait, false once a slot is free and nobody waits", async () => {
    const limiter = new RateLimiter(() => Date.now());
    const w = [{ limit: 2, windowMs: 1000 }];
    expect(limiter.wouldWait(w)).toBe(false);
    await limiter.acquire(w);
    await limiter.acquire(w);
    expect(limiter.wouldWait(w)).toBe(true);
    const third = limiter.acquire(w);
    await jest.advanceTimersByTimeAsync(999);
    expect(limiter.wouldWait(w)).toBe(true);
    await jest.advanceTimersByTimeAsync(1);
    expect(await third).toBe(1000);
    // The third took the slot that opened; the second's opens at 1000 too.
    expect(limiter.wouldWait(w)).toBe(false);
    await limiter.acquire(w);
    expect(limiter.wouldWait(w)).toBe(true);
  });

  test("a settled request counts from its answer, not its grant", async () => {
    const limiter = new RateLimiter(() => Date.now());
    const w = [{ limit: 2, windowMs: 1000 }];
    const first = await limiter.acquire(w);
    const second = await limiter.acquire(w);
    await jest.advanceTimersByTimeAsync(300);
    limiter.settle(first); // answered at 300
    const third = limiter.acquire(w);
    await jest.advanceTimersByTimeAsync(100);
    limiter.settle(second); // answered at 400
    const fourth = limiter.acquire(w);
    await jest.advanceTimersByTimeAsync(2000);
    expect(await third).toBe(1300);
    expect(await fourth).toBe(1400);
  });

  test("settling an unknown or already settled grant changes nothing", async () => {
    const limiter = new RateLimiter(() => Date.now());
    const w = [{ limit: 1, windowMs: 1000 }];
    const first = await limiter.acquire(w);
    await jest.advanceTimersByTimeAsync(200);
    limiter.settle(first);
    limiter.settle(first);
    limiter.settle(12345);
    const next = limiter.acquire(w);
    await jest.advanceTimersByTimeAsync(2000);
    expect(await next).toBe(1200);
  });

  test("no timer and no waiting while no window is full", async () => {
    const limiter = new RateLimiter(() => Date.now());
    let resolved = 0;
    for (let i = 0; i < 5; i++) void limiter.acquire([{ limit: 5, windowMs: 1000 }]).then(() => resolved++);
    await Promise.resolve();
    expect(resolved).toBe(5);
    expect(jest.getTimerCount()).toBe(0);
    expect(limiter.pending).toBe(0);
    void limiter.acquire([{ limit: 5, windowMs: 1000 }]);
    expect(limiter.pending).toBe(1);
    expect(jest.getTimerCount()).toBe(1);
  });
});

describe("sharing", () => {
  test("one limiter per base URL and key, keyed by a hash of the key", () => {
    const a = sharedRateLimiter("https://x.example/services/v2", "key-one-SECRET");
    expect(sharedRateLimiter("https://x.example/services/v2/", "key-one-SECRET")).toBe(a);
    expect(sharedRateLimiter("https://x.example/services/v2", "key-two-SECRET")).not.toBe(a);
    expect(sharedRateLimiter("https://y.example/services/v2", "key-one-SECRET")).not.toBe(a);
    const k = rateLimiterKey("https://x.example/services/v2", "key-one-SECRET");
    expect(k).not.toContain("key-one-SECRET");
    expect(k).toMatch(/^https:\/\/x\.example\/services\/v2#[0-9a-f]{16}$/);
  });

  test("a waiting request keeps the process alive until it is granted; an idle limiter does not", () => {
    // A request waiting for a slot is work its caller awaits: were the timer unref'd, Node
    // would exit here after "first", with code 0, dropping the second request unsent.
    const script = `
      const { RateLimiter } = require(${JSON.stringify(join(__dirname, "..", "..", "provider", "digicert", "rate-limiter.ts"))});
      const l = new RateLimiter();
      const w = [{ limit: 1, windowMs: 400 }];
      l.acquire(w).then(() => { console.log("first"); return l.acquire(w); }).then(() => console.log("second"));
    `;
    const started = Date.now();
    const child = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], {
      cwd: join(__dirname, "..", ".."),
      encoding: "utf8",
      timeout: 25_000,
    });
    expect(child.signal).toBeNull(); // not killed by the timeout: it exited on its own once idle
    expect(child.status).toBe(0);
    expect(child.stdout.trim().split("\n")).toEqual(["first", "second"]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  }, 30_000);
});

describe("against the simulator's rate limits", () => {
  const LIMITED = "rl-SECRET-limited";
  const UNLIMITED = "rl-SECRET-unlimited";
  const EXACT = "rl-SECRET-exact";
  // Its own key: the limiter is shared per key across the process, and the others' bursts fill it.
  const AHEAD = "rl-SECRET-ahead";
  let sim: Simulator;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, apiKeys: [LIMITED, UNLIMITED, EXACT, AHEAD], settings: { rateLimits: [{ limit: 3, windowMs: 800 }] } });
  });
  afterAll(() => sim.close());

  async function burst(apiKey: string, rateLimits: RateWindow[]): Promise<unknown[]> {
    // No patience with 429: a 429 here is a failure of the limiter, not something to wait out.
    const c = new DigiCertClient({ apiKey, baseUrl: sim.baseUrl, rateLimits, retry: { limit: 0 }, rateLimitWaitMs: 0 });
    return Promise.all(Array.from({ length: 8 }, () => c.getOrder(424242).catch((e: unknown) => e)));
  }

  test("a client limited to 3 per second never trips a 3-per-800-ms server limit", async () => {
    const results = await burst(LIMITED, [{ limit: 3, windowMs: 1000 }]);
    // Unknown order: every request that got through is a 404, none a 429.
    expect(results.map((e) => (e as DigiCertApiError).status)).toEqual(Array(8).fill(404));
    const at = (await sim.admin.requests()).map((r) => r.at).sort((a, b) => a - b);
    expect(at).toHaveLength(8);
    for (let i = 0; i + 3 < at.length; i++) expect(at[i + 3]! - at[i]!).toBeGreaterThanOrEqual(800);
  });

  test("a client with exactly the server's window never trips it: its requests count from their answers", async () => {
    await sim.admin.clearRequests();
    const results = await burst(EXACT, [{ limit: 3, windowMs: 800 }]);
    expect(results.map((e) => (e as DigiCertApiError).status)).toEqual(Array(8).fill(404));
  });

  test("a read ahead of need is sent while a slot is free, and not at all once the window is full", async () => {
    await sim.admin.clearRequests();
    const c = new DigiCertClient({ apiKey: AHEAD, baseUrl: sim.baseUrl, rateLimits: [{ limit: 3, windowMs: 60_000 }], retry: { limit: 0 } });
    expect(c.readAhead(424242, 60_000)).toBe(true);
    // Already in flight: shared, not sent twice.
    expect(c.readAhead(424242, 60_000)).toBe(true);
    await expect(c.getOrder(424243)).rejects.toMatchObject({ status: 404 });
    await expect(c.getOrder(424244)).rejects.toMatchObject({ status: 404 });
    // The window is full: a read ahead would take the slot the next needed request waits for.
    expect(c.readAhead(424245, 60_000)).toBe(false);
    await new Promise((r) => setTimeout(r, 50));
    expect((await sim.admin.requests()).map((r) => r.path)).toEqual(["/order/certificate/424242", "/order/certificate/424243", "/order/certificate/424244"]);
  });

  test("control: without client-side limits the same burst gets 429s", async () => {
    await sim.admin.clearRequests();
    const results = await burst(UNLIMITED, [{ limit: 1000, windowMs: 1000 }]);
    expect(results.filter((e) => (e as DigiCertApiError).status === 429).length).toBeGreaterThan(0);
  });
});
