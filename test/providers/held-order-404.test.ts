// A refresh never drops a paid order on a 404: DigiCert keeps every order readable, so a
// 404 for an order the stack holds means the settings point at another account or
// region. Each kind that holds an order fails its refresh, naming the likely causes and
// `pulumi state delete`; an import of an order that does not exist still finds nothing,
// and a destroy of an order gone still has nothing to revoke.
import { startSimulator } from "../../simulator";
import { HeldOrderNotFoundError } from "../../provider/kit/runtime/errors";
import { API_KEY, orderInputs, providersOn, reissueInputs, startFixture, type Fixture } from "../support/providers";

let placed: Fixture;
let empty: Fixture;
beforeAll(async () => {
  placed = await startFixture({}, 1);
  // Another account's (or region's) CertCentral: the same key works, the orders are not there.
  empty = providersOn(await startSimulator({ port: 0, apiKeys: [API_KEY] }), 1);
});
afterAll(async () => {
  await placed.sim.close();
  await empty.sim.close();
});

const state = (outs: unknown) => outs as Record<string, unknown>;

test("ClientCertificateOrder, CertificateReissue and OrderCtStatus each fail their refresh and say why, with no write", async () => {
  const order = await placed.order.create(orderInputs());
  const reissue = await placed.reissue.create(reissueInputs(Number(order.id)));
  const ct = await placed.ct.create({ orderId: Number(order.id), disableCt: true });
  await empty.sim.admin.clearRequests();

  const refreshes = [
    ["ClientCertificateOrder", empty.order.read(order.id, state(order.outs))],
    ["CertificateReissue", empty.reissue.read(reissue.id, state(reissue.outs))],
    ["OrderCtStatus", empty.ct.read(ct.id, state(ct.outs))],
  ] as const;
  for (const [kind, refresh] of refreshes) {
    const err = (await refresh.catch((e: Error) => e)) as HeldOrderNotFoundError;
    expect(err).toBeInstanceOf(HeldOrderNotFoundError);
    expect(err.orderId).toBe(Number(order.id));
    expect(err.message).toContain(`DigiCert at ${empty.sim.baseUrl} answers 404 for order ${order.id}, which this ${kind} holds.`);
    expect(err.message).toMatch(/another CertCentral account \(digicert:apiKey or DIGICERT_API_KEY\)/);
    expect(err.message).toMatch(/base URL \(digicert:baseUrl or DIGICERT_BASE_URL: US https:\/\/www\.digicert\.com\/services\/v2, EU https:\/\/certcentral\.digicert\.eu\/services\/v2\)/);
    expect(err.message).toContain("`pulumi state delete <urn>`");
  }
  expect((await empty.sim.admin.requests()).map((r) => `${r.method} ${r.path}`).filter((c) => !c.startsWith("GET "))).toEqual([]);
  expect(empty.log.lines.some((l) => l.includes("leaves the stack"))).toBe(false);
});

test("an import of an order that does not exist finds nothing, and a destroy of one has nothing to revoke", async () => {
  expect(await empty.order.read("987654321", {})).toEqual({});
  expect(await empty.reissue.read("987654321/1", {})).toEqual({});
  expect(await empty.ct.read("987654321", {})).toEqual({});
  await expect(empty.order.delete("987654321", orderInputs())).resolves.toBeUndefined();
});
