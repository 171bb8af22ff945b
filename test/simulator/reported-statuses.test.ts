// Statuses outside DigiCert's documented lists: the simulator answers them when told
// (per order, or for orders placed while the setting holds); behaviour keeps the real ones.
import { issuedOrder, orderBody, PRODUCT, reissueBody, useSimulator } from "./support/helpers";

const { sim, call } = useSimulator();

test("per order: order info, its requests, the order list and its duplicates answer the statuses given", async () => {
  const { orderId } = await issuedOrder(call());
  const other = await issuedOrder(call());
  await sim().admin.addDuplicate(orderId);
  await sim().admin.setReportedStatuses(orderId, { order: "approved", request: "cancelled_by_dc", certificate: "superseded" });

  const info = (await call()("GET", `/order/certificate/${orderId}`)).json;
  expect(info.status).toBe("approved");
  expect(info.requests.map((r: { status: string }) => r.status)).toEqual(["cancelled_by_dc"]);
  const listed = (await call()("GET", "/order/certificate")).json.orders;
  expect(listed.map((o: { id: number; status: string }) => [o.id, o.status])).toEqual([
    [orderId, "approved"],
    [other.orderId, "issued"],
  ]);
  expect((await call()("GET", "/order/certificate?filters[status]=approved")).json.orders.map((o: { id: number }) => o.id)).toEqual([orderId]);
  expect((await call()("GET", `/order/certificate/${orderId}/duplicate`)).json.certificates[0].status).toBe("superseded");
  expect((await call()("GET", `/order/certificate/${other.orderId}`)).json.status).toBe("issued");
});

test("the order still behaves by its real status: an issued order answering `approved` can be reissued", async () => {
  const { orderId } = await issuedOrder(call());
  await sim().admin.setReportedStatuses(orderId, { order: "approved" });
  const r = await call()("POST", `/order/certificate/${orderId}/reissue`, reissueBody({ skip_approval: true }));
  expect(r.status).toBe(201);
  expect((await call()("GET", `/order/certificate/${orderId}`)).json.status).toBe("approved");
  expect((await sim().admin.state()) as { orders: { id: number; status: string }[] }).toMatchObject({ orders: [{ id: orderId, status: "issued" }] });
});

test("{} answers the real statuses again", async () => {
  const { orderId } = await issuedOrder(call());
  await sim().admin.setReportedStatuses(orderId, { order: "approved" });
  await sim().admin.setReportedStatuses(orderId, {});
  expect((await call()("GET", `/order/certificate/${orderId}`)).json.status).toBe("issued");
});

test("the reportedStatuses setting applies to orders placed while it holds", async () => {
  const before = await issuedOrder(call());
  await sim().admin.setSettings({ reportedStatuses: { order: "approved", request: "cancelled_by_dc" } });
  const placed = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody());
  await sim().admin.setSettings({ reportedStatuses: {} });
  const after = await issuedOrder(call());

  const info = (await call()("GET", `/order/certificate/${placed.json.id}`)).json;
  expect(info.status).toBe("approved");
  expect(info.requests[0].status).toBe("cancelled_by_dc");
  // The waiting request is really pending: approving it works.
  expect((await call()("PUT", `/request/${placed.json.requests[0].id}/status`, { status: "approved" })).status).toBe(204);
  expect((await call()("GET", `/order/certificate/${before.orderId}`)).json.status).toBe("issued");
  expect((await call()("GET", `/order/certificate/${after.orderId}`)).json.status).toBe("issued");
});

test("bad values are refused naming the field", async () => {
  const { orderId } = await issuedOrder(call());
  await expect(sim().admin.setReportedStatuses(orderId, { order: "" })).rejects.toThrow(/reported_statuses\.order: must be a non-empty string/);
  await expect(sim().admin.setReportedStatuses(orderId, { state: "x" } as never)).rejects.toThrow(/reported_statuses\.state: unknown, known are order, request, certificate/);
  await expect(sim().admin.setReportedStatuses(99, { order: "approved" })).rejects.toThrow(/404/);
  await expect(sim().admin.setSettings({ reportedStatuses: { order: 3 } as never })).rejects.toThrow(/reportedStatuses\.order: must be a non-empty string/);
  await expect(sim().admin.setSettings({ reportedStatuses: "approved" as never })).rejects.toThrow(/reportedStatuses: must be an object/);
});
