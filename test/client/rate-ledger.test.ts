// Many processes, one API key (#33): the ledger that shares the key's budget among this
// machine's processes, and the patience with 429 that carries it across machines. Real
// processes (ts-node children) against the simulator over HTTP, its windows DigiCert's
// scaled down (100 per 0.5 s, 1000 per 18 s; or per 0.25 s and 9 s).
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import { join } from "node:path";
import { scaledRateLimits, startSimulator, type RecordedRequest, type Simulator } from "../../simulator";
import {
  DigiCertClient,
  DigiCertRateLimitError,
  RateLedger,
  ledgerFileName,
  type RateWindow,
} from "../../provider/digicert";

jest.setTimeout(120_000);

const ROOT = join(__dirname, "..", "..");
const KEY = "ledger-SECRET-key-33a";

interface Outcome {
  counts: Record<string, number>;
  warnings: string[];
}

/** One child process sending `requests` reads with the key; resolves with what it printed. */
function sharer(sim: Simulator, opts: { requests: number; windows: RateWindow[]; ledgerDir?: string; waitMs?: number }): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", join(__dirname, "support", "key-sharer.ts")], {
      cwd: ROOT,
      env: {
        ...process.env,
        SHARER_KEY: KEY,
        SHARER_BASE_URL: sim.baseUrl,
        SHARER_WINDOWS: JSON.stringify(opts.windows),
        SHARER_REQUESTS: String(opts.requests),
        SHARER_WAIT_MS: String(opts.waitMs ?? 60_000),
        SHARER_LEDGER_DIR: opts.ledgerDir ?? "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      const last = out.trim().split("\n").pop() ?? "";
      if (code !== 0) reject(new Error(`sharer exited ${code}: ${err}`));
      else if (last === "") reject(new Error(`sharer exited ${code} before its requests ended, printing nothing: ${err}`));
      else resolve(JSON.parse(last) as Outcome);
    });
  });
}

/** The most requests the simulator admitted in any rolling window of `windowMs`. */
function busiest(log: RecordedRequest[], windowMs: number): number {
  const at = log.filter((r) => r.status !== 429).map((r) => r.at).sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < at.length; end++) {
    while (at[end]! - at[start]! >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

let sim: Simulator;
let tmp: string;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, apiKeys: [KEY] });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await sim.admin.reset();
  tmp = fs.mkdtempSync(join(os.tmpdir(), "digicert-ledger-test-"));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("processes on one machine share the key's budget", () => {
  test("three processes of 150 requests each, one ledger: no 429, no window overrun", async () => {
    const windows = scaledRateLimits(0.1);
    await sim.admin.setSettings({ rateLimits: windows });
    const started = Date.now();
    const outcomes = await Promise.all([0, 1, 2].map(() => sharer(sim, { requests: 150, windows, ledgerDir: tmp })));
    const seconds = (Date.now() - started) / 1000;
    const log = await sim.admin.requests();
    for (const o of outcomes) expect(o.counts).toEqual({ "DigiCertApiError 404": 150 });
    expect(log.filter((r) => r.status === 429)).toEqual([]);
    expect(log).toHaveLength(450);
    expect(busiest(log, 500)).toBeLessThanOrEqual(100);
    // 450 requests at 100 per 0.5 s: at least 4 windows must pass.
    expect(seconds).toBeGreaterThanOrEqual(2);
    // The ledger names neither key nor URL, and holds times only.
    const files = fs.readdirSync(tmp);
    expect(files).toEqual([ledgerFileName(sim.baseUrl, KEY)]);
    const text = fs.readFileSync(join(tmp, files[0]!), "utf8");
    expect(text).not.toContain(KEY);
    expect(Object.keys(JSON.parse(text) as object).sort()).toEqual(["open", "stamps"]);
    expect(JSON.parse(text)).toMatchObject({ open: [] });
  });

  test("the long window binds too: three processes of 400 through a 1000-per-9-s window, no 429", async () => {
    const windows = scaledRateLimits(0.05);
    await sim.admin.setSettings({ rateLimits: windows });
    const started = Date.now();
    const outcomes = await Promise.all([0, 1, 2].map(() => sharer(sim, { requests: 400, windows, ledgerDir: tmp })));
    const seconds = (Date.now() - started) / 1000;
    const log = await sim.admin.requests();
    for (const o of outcomes) expect(o.counts).toEqual({ "DigiCertApiError 404": 400 });
    expect(log.filter((r) => r.status === 429)).toEqual([]);
    expect(busiest(log, 9_000)).toBeLessThanOrEqual(1000);
    expect(busiest(log, 250)).toBeLessThanOrEqual(100);
    // The 1001st request waits for the first to leave the 9-s window.
    expect(seconds).toBeGreaterThanOrEqual(9);
  });
});

describe("a process whose requests wait for the limit", () => {
  test("stays alive until they are sent: 12 reads through 5 per 0.3 s, nothing else pending", async () => {
    // No ledger: only the in-memory limiter holds the requests past the first five, and
    // once those are answered its timer is all the process has left to wait for.
    const windows = [{ limit: 5, windowMs: 300 }];
    const outcome = await sharer(sim, { requests: 12, windows });
    expect(outcome.counts).toEqual({ "DigiCertApiError 404": 12 });
    expect(await sim.admin.requests()).toHaveLength(12);
  });
});

describe("across machines: 429 is waited out", () => {
  test("three processes without a shared ledger overrun the key, are refused, wait and all finish", async () => {
    const windows = scaledRateLimits(0.1);
    await sim.admin.setSettings({ rateLimits: windows });
    const outcomes = await Promise.all(
      [0, 1, 2].map((i) => sharer(sim, { requests: 150, windows, ledgerDir: join(tmp, `machine-${i}`) })),
    );
    const log = await sim.admin.requests();
    for (const o of outcomes) expect(o.counts).toEqual({ "DigiCertApiError 404": 150 });
    expect(log.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    const warnings = outcomes.flatMap((o) => o.warnings);
    expect(warnings.some((w) => /the key's rate limit is spent, as other stacks using the same key may have spent it; waiting \d+ s/.test(w))).toBe(true);
    expect(warnings.join("\n")).not.toContain(KEY);
  });
});

describe("patience with 429, in process", () => {
  const windows = [{ limit: 1000, windowMs: 2_000 }, { limit: 100, windowMs: 100 }];

  test("0: the first 429 fails at once, saying nothing was placed and what to change", async () => {
    await sim.admin.setSettings({ rateLimits: [{ limit: 0, windowMs: 60_000 }] });
    const c = new DigiCertClient({ apiKey: KEY, baseUrl: sim.baseUrl, rateLimits: windows, rateLimitWaitMs: 0, rateLimitWaitSetting: "digicert:rateLimitWaitSeconds" });
    const err = await c.getOrder(1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DigiCertRateLimitError);
    const e = err as DigiCertRateLimitError;
    expect(e.status).toBe(429);
    expect(e.hasCode("request_limit_exceeded")).toBe(true);
    expect(e.message).toContain("digicert:rateLimitWaitSeconds is 0");
    expect(e.message).toContain("nothing was placed");
    expect(e.message).not.toContain(KEY);
    expect(await sim.admin.requests()).toHaveLength(1);
  });

  test("the wait runs out: the error says how long it waited and which setting to raise", async () => {
    await sim.admin.setSettings({ rateLimits: [{ limit: 0, windowMs: 60_000 }] });
    const warnings: string[] = [];
    const c = new DigiCertClient({
      apiKey: KEY,
      baseUrl: sim.baseUrl,
      rateLimits: windows,
      rateLimitWaitMs: 1_500,
      rateLimitWaitSetting: "digicert:rateLimitWaitSeconds",
      log: (level, m) => level === "warn" && warnings.push(m),
    });
    const started = Date.now();
    const err = (await c.getOrder(1).catch((e: unknown) => e)) as DigiCertRateLimitError;
    expect(err).toBeInstanceOf(DigiCertRateLimitError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
    expect(err.waitedMs).toBe(1_500);
    expect(err.message).toMatch(/stayed spent for the 2 s this request waited \(digicert:rateLimitWaitSeconds allows 2 s\)/);
    expect(warnings.length).toBeGreaterThanOrEqual(2);
    expect((await sim.admin.requests()).every((r) => r.status === 429)).toBe(true);
  });

  test("an order POST refused with 429 is sent again once the window frees, and one order results", async () => {
    await sim.admin.setSettings({ rateLimits: [{ limit: 1, windowMs: 400 }] });
    // Another user of the key (another machine: plain HTTP, no shared count) spends the window just before the order.
    const spent = await fetch(`${sim.baseUrl}/order/certificate/1`, { headers: { "x-dc-devkey": KEY } });
    expect(spent.status).toBe(404);
    const c = new DigiCertClient({ apiKey: KEY, baseUrl: sim.baseUrl, rateLimits: [{ limit: 1000, windowMs: 400 }] });
    const order = await c.orderClientCertificate("client_premium_sha2", {
      certificate: { commonName: "Rate Limited", emails: ["rl@example.com"], signatureHash: "sha256" },
      organization: { id: 112233 },
      validityYears: 1,
    });
    const posts = (await sim.admin.requests()).filter((r) => r.method === "POST").map((r) => r.status);
    expect(posts[0]).toBe(429);
    expect(posts.slice(0, -1).every((s) => s === 429)).toBe(true);
    expect(posts[posts.length - 1]).toBe(201);
    const state = (await sim.admin.state()) as { orders: { id: number }[] };
    expect(state.orders.map((o) => o.id)).toEqual([order.id]);
  });
});

describe("the ledger file", () => {
  test("two ledgers on one file count each other's grants", async () => {
    const w = [{ limit: 2, windowMs: 300 }];
    const a = new RateLedger(tmp, "http://127.0.0.1:1/services/v2", KEY);
    const b = new RateLedger(tmp, "http://127.0.0.1:1/services/v2", KEY);
    const t0 = Date.now();
    await a.settle(await a.acquire(w));
    await b.settle(await b.acquire(w));
    const third = await a.acquire(w);
    expect(third - t0).toBeGreaterThanOrEqual(290);
    await a.settle(third);
  });

  test("a request still in flight counts until it is answered, however long that takes", async () => {
    const w = [{ limit: 2, windowMs: 300 }];
    const a = new RateLedger(tmp, "http://127.0.0.1:4/services/v2", KEY);
    const b = new RateLedger(tmp, "http://127.0.0.1:4/services/v2", KEY);
    const first = await a.acquire(w);
    const second = await b.acquire(w);
    await new Promise((r) => setTimeout(r, 400));
    // Both were granted more than a window ago, but neither has been answered.
    let thirdAt = 0;
    const third = a.acquire(w).then((t) => (thirdAt = Date.now()) && t);
    await new Promise((r) => setTimeout(r, 150));
    expect(thirdAt).toBe(0);
    const answered = Date.now();
    await b.settle(second);
    await a.settle(await third);
    expect(thirdAt).toBeGreaterThanOrEqual(answered);
    await a.settle(first);
    const file = JSON.parse(fs.readFileSync(a.file, "utf8")) as { stamps: number[]; open: number[] };
    expect(file.open).toEqual([]);
  });

  test("a lock left by a process that died is broken", async () => {
    const base = "http://127.0.0.1:2/services/v2";
    const file = join(tmp, ledgerFileName(base, KEY));
    // A pid that cannot be alive.
    fs.writeFileSync(`${file}.lock`, "2147483646");
    const l = new RateLedger(tmp, base, KEY);
    const started = Date.now();
    await l.acquire([{ limit: 10, windowMs: 1_000 }]);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });

  test("a 429 seen by one process holds the others until the window may have freed", async () => {
    const base = "http://127.0.0.1:3/services/v2";
    const a = new RateLedger(tmp, base, KEY);
    const b = new RateLedger(tmp, base, KEY);
    const w = [{ limit: 100, windowMs: 1_000 }];
    await a.spend(Date.now() + 400);
    const started = Date.now();
    await b.acquire(w);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });
});
