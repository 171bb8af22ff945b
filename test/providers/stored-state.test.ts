// Each provider method reads stored state through its kind's state schema. That schema
// must read every state written so far: 0.1.0's (with the dynamic host's `__provider`),
// a later release's with fields this one does not know, one missing outputs, and one
// whose inputs would no longer pass `check` (a custom expiration date now past).
import { RESOURCES } from "../../provider/serving/registry";
import { storedState } from "../../provider/kit/inputs/check";
import type { StateReader } from "../../provider/kit/inputs/relaxed";
import { InvalidStateError, DigiCertProviderError } from "../../provider/kit/runtime/errors";
import { calls, orderInputs, reissueInputs, startFixture, type Fixture } from "../support/providers";
import { DYNAMIC_TYPE, readFixtureStack } from "../support/v0-1-0-fixture";

let f: Fixture;
beforeEach(async () => {
  f = await startFixture({}, 1);
});
afterEach(async () => {
  await f.sim.close();
});

// What the dynamic-provider host stored beside the outputs: 0.1.0's serialized provider.
const PROVIDER = String(readFixtureStack().resources.find((r) => r.type === `${DYNAMIC_TYPE}ClientCertificateOrder`)?.outputs?.["__provider"]);

/** An order as 0.1.0 stored it: its outputs (every input, and what the order is) with `__provider`. */
async function storedOrder(over: Record<string, unknown> = {}) {
  const created = await f.order.create(orderInputs());
  return { id: created.id, state: { ...created.outs, __provider: PROVIDER, ...over } };
}

describe("ClientCertificateOrder", () => {
  it("reads 0.1.0's state: no diff for unchanged inputs, refresh returns the inputs alone", async () => {
    const { id, state } = await storedOrder();
    expect(await f.order.diff(id, state, orderInputs())).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    const read = await f.order.read(id, state);
    expect(read.inputs).toEqual(orderInputs());
    expect(read.props).not.toHaveProperty("__provider");
    expect((await f.order.update(id, state, orderInputs({ revocationComments: "x" }))).outs).toMatchObject({ orderId: Number(id), status: "issued" });
  });

  it("reads a later release's state, dropping what it does not know", async () => {
    const { id, state } = await storedOrder({ ocspUrl: "http://ocsp.example", renewal: { orderId: 5 } });
    expect((await f.order.diff(id, state, orderInputs())).changes).toBe(false);
    const read = await f.order.read(id, state);
    expect(read.inputs).toEqual(orderInputs());
    expect(read.props).not.toHaveProperty("ocspUrl");
  });

  it("reads a custom expiration date that has passed since, which check would now refuse", async () => {
    const { id, state } = await storedOrder({ customExpirationDate: "2020-01-31" });
    expect((await f.order.check({}, orderInputs({ customExpirationDate: "2020-01-31" }))).failures).not.toEqual([]);
    expect(await f.order.diff(id, state, orderInputs({ customExpirationDate: "2020-01-31" }))).toMatchObject({ changes: false });
    expect((await f.order.read(id, state)).inputs).toMatchObject({ customExpirationDate: "2020-01-31" });
    await f.order.delete(id, state);
    expect(await calls(f.sim)).toContain(`PUT /certificate/${state["certificateId"]}/revoke`);
  });

  it("refuses state it cannot read, naming the field, before any API call", async () => {
    const { id, state } = await storedOrder({ orderId: "7", requests: [{ id: "x" }] });
    await f.sim.admin.clearRequests();
    const refused = f.order.read(id, state);
    await expect(refused).rejects.toThrow(InvalidStateError);
    await expect(refused).rejects.toThrow(/ClientCertificateOrder: the stored state cannot be read:\n {2}- orderId: .*\n {2}- requests\[0\]\.id: /);
    await expect(refused).rejects.toBeInstanceOf(DigiCertProviderError);
    expect(await calls(f.sim)).toEqual([]);
  });
});

describe("CertificateReissue", () => {
  it("reads 0.1.0's state and a later release's, with `__provider`", async () => {
    const order = await f.order.create(orderInputs());
    const created = await f.reissue.create(reissueInputs(Number(order.id)));
    const state = { ...created.outs, __provider: PROVIDER, reissuedPem: "PEM" };
    expect((await f.reissue.diff(created.id, state, reissueInputs(Number(order.id)))).changes).toBe(false);
    const read = await f.reissue.read(created.id, state);
    expect(read.inputs).toEqual(reissueInputs(Number(order.id)));
    expect(read.props).toMatchObject({ status: "issued", certificateId: created.outs?.certificateId });
    await f.sim.admin.clearRequests();
    await f.reissue.delete(created.id, state);
    expect(await calls(f.sim)).toEqual([`GET /order/certificate/${order.id}`]);
  });
});

describe("OrderCtStatus", () => {
  it("reads 0.1.0's state, with `__provider`", async () => {
    const order = await f.order.create(orderInputs());
    const created = await f.ct.create({ orderId: Number(order.id), disableCt: true });
    const state = { ...created.outs, __provider: PROVIDER };
    expect(await f.ct.diff(created.id, state, { orderId: Number(order.id), disableCt: true })).toMatchObject({ changes: false });
    expect(await f.ct.diff(created.id, state, { orderId: Number(order.id), disableCt: false })).toMatchObject({ changes: true, replaces: [] });
  });
});

describe("the state 0.1.0 wrote (test/fixtures/v0.1.0/stack.json)", () => {
  const { resources } = readFixtureStack();
  const stored = RESOURCES.flatMap((def) =>
    resources.filter((r) => r.type === `${DYNAMIC_TYPE}${def.kind}`).map((r) => [def.kind, def, r.outputs ?? {}] as const),
  );

  it("holds every kind 0.1.0 had", () => {
    // Kinds added since, which 0.1.0's state cannot hold.
    const added: readonly string[] = ["ClientCertificateKey"];
    expect(new Set(stored.map(([kind]) => kind))).toEqual(new Set(RESOURCES.map((d) => d.kind).filter((k) => !added.includes(k))));
  });

  it.each(stored)("%s: its kind's state schema reads every field of it, `__provider` aside", (_kind, def, outputs) => {
    const { __provider, ...fields } = outputs;
    expect(typeof __provider).toBe("string");
    const reader: StateReader<unknown> = def.state;
    expect(storedState(def.kind, reader, outputs)).toEqual(fields);
  });
});
