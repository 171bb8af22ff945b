// Shared order reads: against the simulator over HTTP (how many GETs reach it), and
// the sharing rules under a fake clock.
import { orderRequest, useSimulator } from "./support/sim";
import { RecentReads } from "../../provider/digicert/recent-reads";

const h = useSimulator();

async function getsOf(orderId: number): Promise<number> {
  const log = await h.sim().admin.requests();
  return log.filter((r) => r.method === "GET" && r.path === `/order/certificate/${orderId}`).length;
}

describe("getOrder with maxAgeMs", () => {
  test("reads of one order within the age share one request, in flight or done; each gets its own copy", async () => {
    const c = h.client();
    const placed = await c.orderClientCertificate("client_premium_sha2", orderRequest({ skipApproval: true }));
    const [a, b] = await Promise.all([c.getOrder(placed.id, { maxAgeMs: 10_000 }), c.getOrder(placed.id, { maxAgeMs: 10_000 })]);
    const later = await c.getOrder(placed.id, { maxAgeMs: 10_000 });
    expect(await getsOf(placed.id)).toBe(1);
    expect(a).toEqual(b);
    expect(later).toEqual(a);
    a.certificate.commonName = "changed by one caller";
    expect(b.certificate.commonName).toBe("Lock Cole");
  });

  test("reads without maxAgeMs always ask DigiCert", async () => {
    const c = h.client();
    const placed = await c.orderClientCertificate("client_premium_sha2", orderRequest({ skipApproval: true }));
    await c.getOrder(placed.id, { maxAgeMs: 10_000 });
    await c.getOrder(placed.id);
    await c.getOrder(placed.id);
    expect(await getsOf(placed.id)).toBe(3);
  });

  test("a write through the client drops shared answers: the next read sees the change", async () => {
    const c = h.client();
    const placed = await c.orderClientCertificate("client_premium_sha2", orderRequest({ skipApproval: true }));
    const before = await c.getOrder(placed.id, { maxAgeMs: 10_000 });
    await c.setCtStatus(placed.id, true);
    const after = await c.getOrder(placed.id, { maxAgeMs: 10_000 });
    expect(await getsOf(placed.id)).toBe(2);
    expect(before.disableCt).not.toBe(true);
    expect(after.disableCt).toBe(true);
  });

  test("a write to one order keeps the other orders' shared answers", async () => {
    const c = h.client();
    // Approved, not yet issued: a `pending` order can be canceled.
    await h.sim().admin.setSettings({ issueDelayMs: 300_000 });
    const a = await c.orderClientCertificate("client_premium_sha2", orderRequest({ skipApproval: true }));
    const b = await c.orderClientCertificate("client_premium_sha2", orderRequest({ skipApproval: true }));
    await Promise.all([c.getOrder(a.id, { maxAgeMs: 10_000 }), c.getOrder(b.id, { maxAgeMs: 10_000 })]);
    await c.setCtStatus(a.id, true);
    await c.cancelOrder(a.id, "test");
    await c.getOrder(b.id, { maxAgeMs: 10_000 });
    expect(await getsOf(b.id)).toBe(1);
    expect((await c.getOrder(a.id, { maxAgeMs: 10_000 })).status).toBe("canceled");
  });

  test("a revoke naming its order drops that order's answer only; one that does not drops them all", async () => {
    const c = h.client();
    const a = await c.orderClientCertificate("client_premium_sha2", orderRequest({ skipApproval: true }));
    const b = await c.orderClientCertificate("client_premium_sha2", orderRequest({ skipApproval: true }));
    const readA = await c.getOrder(a.id, { maxAgeMs: 10_000 });
    await c.getOrder(b.id, { maxAgeMs: 10_000 });
    const revoke = await c.revokeCertificate(readA.certificate.id!, "test", { ofOrder: a.id });
    const afterA = await c.getOrder(a.id, { maxAgeMs: 10_000 });
    expect(afterA.requests.map((r) => r.id)).toContain(revoke.id);
    await c.getOrder(b.id, { maxAgeMs: 10_000 });
    expect([await getsOf(a.id), await getsOf(b.id)]).toEqual([2, 1]);
    const readB = await c.getOrder(b.id, { maxAgeMs: 10_000 });
    await c.revokeCertificate(readB.certificate.id!);
    await c.getOrder(a.id, { maxAgeMs: 10_000 });
    await c.getOrder(b.id, { maxAgeMs: 10_000 });
    expect([await getsOf(a.id), await getsOf(b.id)]).toEqual([3, 2]);
  });

  test("a failed read is not shared: the next read asks again", async () => {
    const c = h.client();
    await expect(c.getOrder(987654, { maxAgeMs: 10_000 })).rejects.toThrow(/404|not found/i);
    await expect(c.getOrder(987654, { maxAgeMs: 10_000 })).rejects.toThrow(/404|not found/i);
    expect(await getsOf(987654)).toBe(2);
  });
});

describe("RecentReads", () => {
  test("an answer is shared until it is older than the age; a read in flight is always shared", async () => {
    let now = 1_000;
    const reads = new RecentReads<number>(() => now);
    let loads = 0;
    let finish: () => void = () => undefined;
    const slow = (): Promise<number> => new Promise<number>((resolve) => (finish = () => resolve(++loads)));
    const first = reads.get(1, 500, slow);
    now += 10_000; // queued behind the rate limiter for long
    const second = reads.get(1, 500, slow);
    finish();
    expect([await first, await second]).toEqual([1, 1]);
    now += 500;
    expect(await reads.get(1, 500, async () => ++loads)).toBe(1);
    now += 1;
    expect(await reads.get(1, 500, async () => ++loads)).toBe(2);
    expect(await reads.get(2, 500, async () => ++loads)).toBe(3);
  });

  test("forget drops one order's read, in flight or answered, and keeps the others", async () => {
    const reads = new RecentReads<string>(() => 0);
    let finish: (v: string) => void = () => undefined;
    const first = reads.get(7, 1_000, () => new Promise<string>((resolve) => (finish = resolve)));
    await reads.get(8, 1_000, async () => "eight");
    reads.forget(7);
    finish("before the write");
    expect(await first).toBe("before the write");
    expect(await reads.get(7, 1_000, async () => "after the write")).toBe("after the write");
    expect(await reads.get(8, 1_000, async () => "read again")).toBe("eight");
  });

  test("a write's clear drops a read still in flight: later readers read again", async () => {
    const reads = new RecentReads<string>(() => 0);
    let finish: (v: string) => void = () => undefined;
    const first = reads.get(7, 1_000, () => new Promise<string>((resolve) => (finish = resolve)));
    reads.clear();
    finish("before the write");
    expect(await first).toBe("before the write");
    expect(await reads.get(7, 1_000, async () => "after the write")).toBe("after the write");
    expect(reads.size).toBe(1);
  });
});
