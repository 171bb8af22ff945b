// A create, reissue or destroy whose engine was killed: the journal written around each
// POST lets the next run find what the lost one placed, against the simulator over real
// HTTP. Each "earlier run" is a provider of its own (a process of its own in real life)
// sharing only the journal folder and DigiCert's state.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ProviderContext } from "../../provider/kit/runtime/context";
import { MemoryLogger } from "../../provider/kit/runtime/log";
import { ClientCertificateOrderProvider } from "../../provider/kinds/client-certificate-order/provider";
import { CertificateReissueProvider } from "../../provider/kinds/certificate-reissue/provider";
import { Journal } from "../../provider/exactly-once/journal";
import { InterruptedCreateError } from "../../provider/kit/runtime/errors";
import { OWNER_KEY } from "../../provider/kit/inputs/check";
import { toOrderRequest } from "../../provider/kinds/client-certificate-order/mapping";
import { clientCertificateOrder } from "../../provider/kinds/client-certificate-order/schema";
import { startSimulator, type Simulator } from "../../simulator";
import { API_KEY, CSR, api, calls, orderInputs, reissueInputs, simOrder } from "../support/providers";

let sim: Simulator;
let dir: string;
let ctx: ProviderContext;

/** The context's settings: the simulator, the journal folder, and `extra`. */
function configure(extra: Record<string, string> = {}): void {
  const config: Record<string, string> = {
    "digicert:apiKey": API_KEY,
    "digicert:baseUrl": sim.baseUrl,
    "digicert:waitForIssuanceSeconds": "2",
    "digicert:journalDir": dir,
    ...extra,
  };
  ctx.configure({ get: (k) => config[k] }, {});
}

beforeEach(async () => {
  sim = await startSimulator({ port: 0, apiKeys: [API_KEY], settings: { autoApprove: true } });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "digicert-journal-"));
  ctx = new ProviderContext();
  configure();
});
afterEach(async () => {
  await sim.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A new run: a provider of its own, begun now. */
const run = (startedAt = Date.now()) => new ClientCertificateOrderProvider(ctx, new MemoryLogger(), startedAt);
const owned = (name: string, over: Record<string, unknown> = {}) => ({ ...orderInputs(over), [OWNER_KEY]: `proj/dev/ClientCertificateOrder/${name}` });
const journal = () => new Journal(dir);
const key = (name: string, kind = "ClientCertificateOrder") => `${sim.baseUrl} proj/dev/${kind}/${name}`;
const orderPosts = async () => (await calls(sim)).filter((c) => /^POST \/order\/certificate\/client_/.test(c)).length;
const orderCount = async () => ((await api(sim, "GET", "/order/certificate?limit=1000")).json as { orders: unknown[] }).orders.length;

/** What an earlier run left when killed after sending its POST: the record, and (if it reached DigiCert) the order. */
async function killedWhilePosting(name: string, reached: boolean, startedAt = Date.now() - 5_000): Promise<number | undefined> {
  const inputs = clientCertificateOrder.inputs.parse(orderInputs());
  journal().write({ owner: key(name), what: "order", fingerprint: JSON.stringify([inputs.productId, toOrderRequest(inputs)]), startedAt, state: "posting" });
  return reached ? placedElsewhere() : undefined;
}

/** An order with the resource's certificate, placed outside this run: by an interrupted run, by hand, or by another stack. */
async function placedElsewhere(over: Record<string, unknown> = {}): Promise<number> {
  const r = await api(sim, "POST", "/order/certificate/client_premium_sha2", {
    certificate: { common_name: "Lock Cole", emails: ["locke.cole@example.com"], signature_hash: "sha256", organization_units: ["Accounting"] },
    organization: { id: 112233 },
    validity_years: 1,
    skip_approval: true,
    payment_method: "balance",
    ...over,
  });
  expect(r.status).toBe(201);
  return (r.json as { id: number }).id;
}

describe("an order create interrupted", () => {
  it("after DigiCert's answer: the next create takes the recorded order and orders nothing", async () => {
    const first = await run().create(owned("alice"));
    expect(journal().read(key("alice"))).toMatchObject({ state: "answered", orderId: Number(first.id) });
    // The engine died before recording it; refresh --clear-pending-creates dropped it; up again:
    await sim.admin.clearRequests();
    const again = await run().create(owned("alice"));
    expect(again.id).toBe(first.id);
    expect(await orderPosts()).toBe(0);
    expect(await orderCount()).toBe(1);
  });

  it("before DigiCert's answer, the order placed: it is found and taken", async () => {
    const orphan = await killedWhilePosting("alice", true);
    await sim.admin.clearRequests();
    const r = await run().create(owned("alice"));
    expect(Number(r.id)).toBe(orphan);
    expect(await orderPosts()).toBe(0);
    expect(journal().read(key("alice"))).toMatchObject({ state: "answered", orderId: orphan });
  });

  it("before the POST reached DigiCert: the order is placed once", async () => {
    await killedWhilePosting("alice", false);
    await run().create(owned("alice"));
    expect(await orderPosts()).toBe(1);
    expect(await orderCount()).toBe(1);
  });

  it("two identical resources, both killed before the answer: neither takes an order it cannot tell is its own", async () => {
    const a = await killedWhilePosting("a", true);
    const b = await killedWhilePosting("b", true);
    await sim.admin.clearRequests();
    const p = run();
    const err = await p.create(owned("a")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InterruptedCreateError);
    expect((err as InterruptedCreateError).candidates).toEqual(expect.arrayContaining([a, b]));
    expect((err as Error).message).toContain("adoptOrderId");
    expect(await orderPosts()).toBe(0);
  });

  it("two identical resources, one answered: the other takes the remaining order, none is shared", async () => {
    const p = run(Date.now() + 60_000);
    const a = await p.create(owned("a"));
    const orphanB = await killedWhilePosting("b", true);
    await sim.admin.clearRequests();
    const next = run(Date.now() + 60_000);
    expect((await next.create(owned("a"))).id).toBe(a.id);
    expect(Number((await next.create(owned("b"))).id)).toBe(orphanB);
    expect(await orderPosts()).toBe(0);
  });

  it("an identical order placed by hand while the POST was in flight: stops and names both", async () => {
    const orphan = await killedWhilePosting("alice", true);
    const byHand = await killedWhilePosting("someone-else", true);
    const err = await run().create(owned("alice")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InterruptedCreateError);
    expect((err as InterruptedCreateError).candidates).toEqual(expect.arrayContaining([orphan, byHand]));
  });

  it("an identical order placed by hand before the run is never taken", async () => {
    const byHand = await killedWhilePosting("someone-else", true);
    // This run's POST was sent two minutes after the order by hand, and never reached DigiCert.
    await killedWhilePosting("alice", false, Date.now() + 2 * 60_000);
    const r = await run(Date.now() + 3 * 60_000).create(owned("alice"));
    expect(Number(r.id)).not.toBe(byHand);
    expect(await orderCount()).toBe(2);
  });

  it("an order the stack holds (seen by diff) is not taken, and its record is forgotten", async () => {
    const first = await run().create(owned("alice"));
    const p = run();
    await p.diff(first.id, first.outs as Record<string, unknown>, owned("alice"));
    expect(journal().read(key("alice"))).toBeUndefined();
  });

  it("a program without the owner input (0.1.0's SDK) writes no record", async () => {
    await run().create(orderInputs());
    expect(journal().all()).toEqual([]);
  });
});

describe("an order create with no journal record (the interrupted run was on another machine)", () => {

  it("an order no resource holds with the same certificate: orders nothing and names it; adoptOrderId then takes it", async () => {
    const elsewhere = await placedElsewhere();
    await sim.admin.clearRequests();
    const err = await run().create(owned("alice")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InterruptedCreateError);
    expect((err as InterruptedCreateError).candidates).toEqual([elsewhere]);
    expect((err as Error).message).toMatch(
      new RegExp(`${elsewhere} \\(placed .*, issued\\)\\. Most likely another stack or a person placed it.*DIGICERT_ORDER_LOOKBACK_HOURS=0.*adoptOrderId: ${elsewhere}.*revokes that order's certificate`, "s"),
    );
    expect(await orderPosts()).toBe(0);
    const adopted = await run().create(owned("alice", { adoptOrderId: elsewhere }));
    expect(Number(adopted.id)).toBe(elsewhere);
    expect(await orderPosts()).toBe(0);
  });

  it("client_authentication_plus (no emails in DigiCert's answer): an order with its CSR is named, not ordered again; one whose certificate was revoked is no candidate", async () => {
    const authPlus = { productId: "client_authentication_plus", certificate: { commonName: "Lock Cole", emails: ["locke.cole@example.com"], signatureHash: "sha256", csr: CSR } };
    const place = async () =>
      ((await api(sim, "POST", "/order/certificate/client_authentication_plus", {
        certificate: { common_name: "Lock Cole", emails: ["locke.cole@example.com"], signature_hash: "sha256", csr: CSR },
        organization: { id: 112233 },
        validity_years: 1,
        skip_approval: true,
      })).json as { id: number; certificate_id: number });
    const revoked = await place();
    await api(sim, "PUT", `/certificate/${revoked.certificate_id}/revoke`, { skip_approval: true });
    const elsewhere = await place();
    await sim.admin.clearRequests();
    const err = await run().create(owned("alice", authPlus)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InterruptedCreateError);
    expect((err as InterruptedCreateError).candidates).toEqual([elsewhere.id]);
    expect(await orderPosts()).toBe(0);
  });

  it("with digicert:orderLookbackHours 0 it still looks 15 minutes back (DigiCert's clock): an order of 20 minutes ago does not stop it, one of a minute ago does", async () => {
    await sim.admin.setSettings({ clockOffsetMs: -20 * 60_000 });
    await placedElsewhere();
    await sim.admin.setSettings({ clockOffsetMs: 0 });
    configure({ "digicert:orderLookbackHours": "0" });
    await sim.admin.clearRequests();
    await run().create(owned("alice"));
    expect(await calls(sim)).toContain("GET /order/certificate");
    expect(await orderPosts()).toBe(1);
    const recent = await placedElsewhere();
    await sim.admin.clearRequests();
    const err = await run().create(owned("bob")).catch((e: unknown) => e);
    expect((err as InterruptedCreateError).candidates).toEqual([recent]);
    expect((err as Error).message).toMatch(/placed in the last 15 minutes .*once it is more than 15 minutes old/s);
    expect(await orderPosts()).toBe(0);
  });

  it("ended orders, orders with a revoke waiting, other certificates and orders older than the look-back are no candidates", async () => {
    // Placed 20 minutes ago on DigiCert's clock; the look-back reaches 15 minutes back at the least.
    await sim.admin.setSettings({ clockOffsetMs: -20 * 60_000 });
    const old = await placedElsewhere();
    await sim.admin.setSettings({ clockOffsetMs: 0 });
    configure({ "digicert:orderLookbackHours": String(2 / 3600) });
    const canceled = await placedElsewhere();
    await sim.admin.patchOrder(canceled, { status: "canceled" });
    const revoking = await placedElsewhere();
    const info = (await api(sim, "GET", `/order/certificate/${revoking}`)).json as { certificate: { id: number } };
    await api(sim, "PUT", `/certificate/${info.certificate.id}/revoke`, {});
    await placedElsewhere({ certificate: { common_name: "Lock Cole", emails: ["someone.else@example.com"], signature_hash: "sha256" } });
    await sim.admin.clearRequests();
    const r = await run().create(owned("alice"));
    expect([old, canceled, revoking]).not.toContain(Number(r.id));
    expect(await orderPosts()).toBe(1);
  });

  it("a record whose order another resource holds (same name under another parent) does not settle it: the look-back names the other order", async () => {
    // Both resources wrote the one record their shared name keys; it names the order the other one holds.
    const held = await run().create(owned("alice"));
    const orphan = await placedElsewhere();
    const p = run();
    await p.diff(held.id, held.outs as Record<string, unknown>, owned("alice"));
    const inputs = clientCertificateOrder.inputs.parse(orderInputs());
    journal().write({ owner: key("alice"), what: "order", fingerprint: JSON.stringify([inputs.productId, toOrderRequest(inputs)]), startedAt: Date.now() - 5_000, state: "answered", orderId: Number(held.id) });
    await sim.admin.clearRequests();
    const err = await p.create(owned("alice")).catch((e: unknown) => e);
    expect((err as InterruptedCreateError).candidates).toEqual([orphan]);
    expect(await orderPosts()).toBe(0);
  });

  it("two identical resources of one run, nothing placed before: each orders once, after one read of the list", async () => {
    const p = run();
    const [a, b] = await Promise.all([p.create(owned("a")), p.create(owned("b"))]);
    expect(a.id).not.toBe(b.id);
    expect(await orderPosts()).toBe(2);
    expect((await calls(sim)).filter((c) => c === "GET /order/certificate")).toHaveLength(1);
  });

  it("an order the stack holds (seen by diff) or another resource adopts (seen by check) is no candidate", async () => {
    const held = await run().create(owned("alice"));
    const adopted = await placedElsewhere();
    const p = run();
    await p.diff(held.id, held.outs as Record<string, unknown>, owned("alice"));
    await p.check({}, owned("bob", { adoptOrderId: adopted }));
    await sim.admin.clearRequests();
    const r = await p.create(owned("carol"));
    expect([held.id, String(adopted)]).not.toContain(r.id);
    expect(await orderPosts()).toBe(1);
  });
});

describe("a renewal interrupted", () => {
  const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  /** An issued order of resource "alice" due for renewal (20 days left), as state holds it after a refresh. */
  async function dueOrder(): Promise<{ id: string; inputs: Record<string, unknown>; state: Record<string, unknown> }> {
    const inputs = owned("alice");
    const created = await run().create(inputs);
    const outs = created.outs as unknown as Record<string, unknown>;
    await sim.admin.setValidity(outs["certificateId"] as number, { validFrom: day(-340), validTill: day(20) });
    const read = await run().read(created.id, outs);
    return { id: created.id, inputs, state: read.props as Record<string, unknown> };
  }
  /** The record an earlier run left when killed after sending the renewal POST of order `from`. */
  const killedWhileRenewing = (from: number) => {
    const inputs = clientCertificateOrder.inputs.parse(orderInputs());
    const body = toOrderRequest({ ...inputs, renewalOfOrderId: from });
    journal().write({ owner: key("alice"), what: "order", fingerprint: JSON.stringify([inputs.productId, body]), startedAt: Date.now() - 5_000, state: "posting" });
  };

  it("after its POST reached DigiCert: the next update takes that renewal (DigiCert marking neither order), no second renewal", async () => {
    const { id, inputs, state } = await dueOrder();
    killedWhileRenewing(Number(id));
    const renewal = await placedElsewhere({ renewal_of_order_id: Number(id) });
    await sim.admin.patchOrder(Number(id), { isRenewed: false });
    await sim.admin.clearRequests();
    const logger = new MemoryLogger();
    const outs = (await new ClientCertificateOrderProvider(ctx, logger).update(id, state, inputs)).outs as Record<string, unknown>;
    expect(outs["orderId"]).toBe(renewal);
    expect(await orderPosts()).toBe(0);
    expect(logger.lines.join("\n")).toContain("as this machine's journal records");
    expect(journal().read(key("alice"))).toMatchObject({ state: "answered", orderId: renewal });
  });

  it("before its POST reached DigiCert: the next update places exactly one renewal and records it", async () => {
    const { id, inputs, state } = await dueOrder();
    killedWhileRenewing(Number(id));
    await sim.admin.clearRequests();
    const outs = (await run().update(id, state, inputs)).outs as Record<string, unknown>;
    expect(await orderPosts()).toBe(1);
    expect(outs["orderId"]).not.toBe(Number(id));
    expect(journal().read(key("alice"))).toMatchObject({ state: "answered", orderId: outs["orderId"] });
    // Run again with the state the engine missed: the renewal is taken, not placed twice.
    await sim.admin.clearRequests();
    const again = (await run().update(id, state, inputs)).outs as Record<string, unknown>;
    expect(again["orderId"]).toBe(outs["orderId"]);
    expect(await orderPosts()).toBe(0);
  });
});

describe("a destroy interrupted", () => {
  it("deleting again requests no second revoke", async () => {
    await sim.admin.setSettings({ autoApproveRevoke: false });
    const r = await run().create(owned("alice"));
    const p = run();
    await p.delete(r.id, r.outs as Record<string, unknown>);
    await run().delete(r.id, r.outs as Record<string, unknown>);
    const revokes = (await simOrder(sim, Number(r.id))).requests.filter((q) => q.type === "revoke");
    expect(revokes).toHaveLength(1);
    expect((await calls(sim)).filter((c) => c.includes("/revoke")).length).toBe(1);
  });
});

describe("a reissue interrupted", () => {
  const reissueRun = () => new CertificateReissueProvider(ctx, new MemoryLogger());
  const reissueOwned = (orderId: number) => ({ ...reissueInputs(orderId), [OWNER_KEY]: "proj/dev/CertificateReissue/alice-rotation" });
  const reissues = async (orderId: number) => (await simOrder(sim, orderId)).requests.filter((q) => q.type === "reissue");

  it("after DigiCert's answer: the next create takes the recorded request and reissues nothing", async () => {
    const order = await run().create(orderInputs());
    const orderId = Number(order.id);
    await reissueRun().create(reissueOwned(orderId));
    expect(await reissues(orderId)).toHaveLength(1);
    await reissueRun().create(reissueOwned(orderId));
    expect(await reissues(orderId)).toHaveLength(1);
  });

  describe("with no journal record (the interrupted run was on another machine)", () => {
    // This run began after the reissue requested "elsewhere" below.
    const laterRun = () => new CertificateReissueProvider(ctx, new MemoryLogger(), Date.now() + 60_000);
    async function reissuedElsewhere(orderId: number): Promise<number> {
      const r = await api(sim, "POST", `/order/certificate/${orderId}/reissue`, {
        certificate: { common_name: "Lock Cole", csr: CSR, signature_hash: "sha256" },
        skip_approval: true,
      });
      expect(r.status).toBe(201);
      const latest = (await reissues(orderId)).at(-1);
      return latest!.id;
    }

    it("the order's latest reissue, held by no resource: requests none and names it", async () => {
      const orderId = Number((await run().create(orderInputs())).id);
      const elsewhere = await reissuedElsewhere(orderId);
      const err = await laterRun().create(reissueOwned(orderId)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InterruptedCreateError);
      expect(err).toMatchObject({ request: "reissue", candidates: [elsewhere] });
      expect((err as Error).message).toContain(`import: "${orderId}/${elsewhere}"`);
      expect(await reissues(orderId)).toHaveLength(1);
    });

    it("a reissue held by this run's resource (approval skipped: by its certificate) is no candidate: its update reissues", async () => {
      const orderId = Number((await run().create(orderInputs())).id);
      const first = await reissueRun().create(reissueOwned(orderId));
      const p = laterRun();
      const news = { ...reissueOwned(orderId), certificate: { commonName: "Lock Cole Jr", csr: CSR, signatureHash: "sha256" } };
      await p.diff(first.id, first.outs as Record<string, unknown>, news);
      await p.update(first.id, first.outs as Record<string, unknown>, news);
      expect(await reissues(orderId)).toHaveLength(2);
    });

    it("with digicert:orderLookbackHours 0 a reissue filed more than 15 minutes ago does not stop it", async () => {
      const orderId = Number((await run().create(orderInputs())).id);
      await sim.admin.setSettings({ clockOffsetMs: -20 * 60_000 });
      await reissuedElsewhere(orderId);
      await sim.admin.setSettings({ clockOffsetMs: 0 });
      configure({ "digicert:orderLookbackHours": "0" });
      await laterRun().create(reissueOwned(orderId));
      expect(await reissues(orderId)).toHaveLength(2);
    });
  });

  it("before DigiCert's answer: the request it filed is found on the order", async () => {
    const order = await run().create(orderInputs());
    const orderId = Number(order.id);
    await reissueRun().create(reissueOwned(orderId));
    // As if killed before the answer was recorded.
    const j = journal();
    const e = j.read(key("alice-rotation", "CertificateReissue"));
    expect(e).toBeDefined();
    j.write({ ...e!, state: "posting", requestId: undefined });
    await reissueRun().create(reissueOwned(orderId));
    expect(await reissues(orderId)).toHaveLength(1);
  });
});
