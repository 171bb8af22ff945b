// Hardening (#31) against the simulator over real HTTP: DigiCert's clock minutes off
// this machine's, a 2xx answer to the order POST that cannot be read, an answer naming
// another order, and a journal folder turned against its owner. Each case is a row of
// the table published as `hardening` (docs/reliability.md).
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ProviderContext } from "../../provider/kit/runtime/context";
import { MemoryLogger } from "../../provider/kit/runtime/log";
import { ClientCertificateOrderProvider } from "../../provider/kinds/client-certificate-order/provider";
import { Journal, JournalFolderError } from "../../provider/exactly-once/journal";
import { OWNER_KEY } from "../../provider/kit/inputs/check";
import { startSimulator, type Simulator } from "../../simulator";
import { API_KEY, api, calls, orderInputs } from "../support/providers";
import { publish, type Row } from "../support/figures";

let sim: Simulator;
let dir: string;
let ctx: ProviderContext;
const rows: Row[] = [];

function configure(extra: Record<string, string> = {}): void {
  const config: Record<string, string> = {
    "digicert:apiKey": API_KEY,
    "digicert:baseUrl": sim.baseUrl,
    "digicert:waitForIssuanceSeconds": "2",
    "digicert:orderLookupSeconds": "2",
    "digicert:journalDir": dir,
    ...extra,
  };
  ctx.configure({ get: (k) => config[k] }, {});
}

beforeEach(async () => {
  sim = await startSimulator({ port: 0, apiKeys: [API_KEY], settings: { autoApprove: true } });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "digicert-hardening-"));
  ctx = new ProviderContext();
  configure();
});
afterEach(async () => {
  await sim.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
afterAll(() => {
  if (rows.length > 0) publish("hardening", `Hardening: ${rows.length} cases, none placing a second order or acting on a foreign answer`, rows);
});

/** A run: a provider of its own, as each `pulumi` command's provider process is. */
const run = () => new ClientCertificateOrderProvider(ctx, new MemoryLogger(), Date.now());
const owned = (name: string) => ({ ...orderInputs(), [OWNER_KEY]: `proj/dev/ClientCertificateOrder/${name}` });
const orderPosts = async () => (await calls(sim)).filter((c) => /^POST \/order\/certificate\/client_/.test(c)).length;
const orderIds = async () => ((await sim.admin.state()) as { orders: { id: number }[] }).orders.map((o) => o.id);

describe.each([
  ["5 minutes behind", -5 * 60_000],
  ["5 minutes ahead", 5 * 60_000],
])("DigiCert's clock %s this machine's", (skew, offsetMs) => {
  beforeEach(async () => {
    await sim.admin.setSettings({ clockOffsetMs: offsetMs });
  });

  test("a lost answer (reset after DigiCert placed the order): the order is found and adopted, 0 second orders", async () => {
    await sim.admin.addFaults([{ kind: "reset", when: "after", method: "POST" }]);
    const r = await run().create(owned("alice"));
    expect(await orderIds()).toEqual([Number(r.id)]);
    expect(await orderPosts()).toBe(1);
    rows.push({ case: `clock ${skew}, order POST answer lost`, orders: 1, "second orders": 0, outcome: `order ${r.id} adopted` });
  });

  test("an answer the engine never recorded: the next run takes the order, 0 second orders", async () => {
    const first = await run().create(owned("alice"));
    await sim.admin.clearRequests();
    const again = await run().create(owned("alice"));
    expect(again.id).toBe(first.id);
    expect(await orderPosts()).toBe(0);
    expect(await orderIds()).toEqual([Number(first.id)]);
    rows.push({ case: `clock ${skew}, answer not recorded by the engine`, orders: 1, "second orders": 0, outcome: `order ${first.id} taken by the next run` });
  });
});

describe("a 2xx answer to the order POST that cannot be read is 'may exist', never 'refused'", () => {
  test.each([
    ["an HTML page with 200", { body: "<html><body>Service temporarily unavailable</body></html>", contentType: "text/html" }],
    ["an order id above 2^53", { body: '{"id":9007199254740993,"requests":[{"id":1,"status":"approved"}]}', contentType: "application/json" }],
  ])("%s: the order is found and adopted; a later run places nothing", async (what, answer) => {
    await sim.admin.addFaults([{ kind: "body", method: "POST", ...answer }]);
    const r = await run().create(owned("alice"));
    expect(await orderIds()).toEqual([Number(r.id)]);
    await sim.admin.clearRequests();
    expect((await run().create(owned("alice"))).id).toBe(r.id);
    expect(await orderPosts()).toBe(0);
    rows.push({ case: `order POST answered with ${what}`, orders: 1, "second orders": 0, outcome: `order ${r.id} adopted` });
  });
});

test("an answer naming another order: an error naming both, nothing revoked or canceled", async () => {
  const mine = await run().create(owned("alice"));
  const other = await run().create(owned("bob"));
  const otherBody = (await api(sim, "GET", `/order/certificate/${other.id}`)).json;
  await sim.admin.clearRequests();
  await sim.admin.addFaults([{ kind: "body", method: "GET", path: `^/order/certificate/${mine.id}$`, times: -1, body: JSON.stringify(otherBody), contentType: "application/json" }]);
  const err = await run()
    .delete(mine.id, mine.outs as unknown as Record<string, unknown>)
    .catch((e: unknown) => e);
  expect(String(err)).toMatch(new RegExp(`names order ${other.id}, but the request asked for order ${mine.id}`));
  expect((await calls(sim)).filter((c) => !c.startsWith("GET "))).toEqual([]);
  rows.push({ case: "GET of order A answered with order B's body (delete of A)", orders: 2, "second orders": 0, outcome: "error naming both; 0 revokes, 0 cancels" });
});

describe("a journal that cannot be turned against its owner", () => {
  test("a link planted at the temporary file's name is not followed: the write fails, the link's target is untouched", () => {
    const victim = path.join(dir, "..", `victim-${path.basename(dir)}`);
    fs.writeFileSync(victim, "untouched");
    try {
      const owner = `${sim.baseUrl} proj/dev/ClientCertificateOrder/alice`;
      const target = path.join(dir, `${createHash("sha256").update(owner).digest("hex").slice(0, 40)}.json`);
      fs.symlinkSync(victim, `${target}.planted.tmp`);
      const journal = new Journal(dir, { tmpSuffix: () => "planted" });
      expect(() => journal.write({ owner, what: "order", fingerprint: "x", startedAt: Date.now(), state: "posting" })).toThrow(/EEXIST/);
      expect(fs.readFileSync(victim, "utf8")).toBe("untouched");
      expect(journal.read(owner)).toBeUndefined();
      rows.push({ case: "symlink planted at the journal's temporary file", orders: 0, "second orders": 0, outcome: "write refused (EEXIST), link not followed" });
    } finally {
      fs.rmSync(victim, { force: true });
    }
  });

  test("a journal folder others can write to: the create is refused before its POST, naming the folder", async () => {
    fs.chmodSync(dir, 0o777);
    const err = await run()
      .create(owned("alice"))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JournalFolderError);
    expect(String(err)).toContain(`the journal folder ${dir} can be written by other users (mode 777)`);
    expect(await orderPosts()).toBe(0);
    rows.push({ case: "journal folder writable by others (mode 777)", orders: 0, "second orders": 0, outcome: "create refused before the POST, folder named" });
  });

  test("the record after the POST cannot be written: the order goes to the stack, and the warning names it and how to adopt it", async () => {
    const log = new MemoryLogger();
    const p = new ClientCertificateOrderProvider(ctx, log, Date.now());
    // The folder is taken away while the POST is in flight (a file stands in its place):
    // the record of the answer cannot be written (root ignores a read-only mode, a file does not).
    await sim.admin.setSettings({ latencyMs: 400 });
    const creating = p.create(owned("alice"));
    while (!(await calls(sim)).includes("GET /order/certificate")) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    fs.renameSync(dir, `${dir}.moved`);
    fs.writeFileSync(dir, "not a folder");
    try {
      const r = await creating;
      expect(await orderIds()).toEqual([Number(r.id)]);
      expect(log.lines.join("\n")).toMatch(new RegExp(`order ${r.id} \\(client_premium_sha2, .*\\) was placed, but recording DigiCert's answer in the journal .* failed \\((EEXIST|ENOTDIR)\\).*adoptOrderId: ${r.id}`));
      rows.push({ case: "journal write failing after the order POST", orders: 1, "second orders": 0, outcome: "order kept by the stack; warning names it and adoptOrderId" });
    } finally {
      fs.rmSync(dir, { force: true });
      fs.renameSync(`${dir}.moved`, dir);
    }
  });
});
