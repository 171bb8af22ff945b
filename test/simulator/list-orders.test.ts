import { issuedOrder, orderBody, PRODUCT, useSimulator } from "./support/helpers";

const { sim, call } = useSimulator();

interface Item {
  id: number;
  status: string;
  date_created: string;
  certificate: { id?: number; common_name: string; emails: string[]; valid_till?: string };
  organization: { id: number };
  product: { name_id: string };
  product_name_id: string;
}

const place = async (over: Record<string, unknown> = {}, product = PRODUCT): Promise<number> => {
  const r = await call()("POST", `/order/certificate/${product}`, orderBody(over));
  if (r.status !== 201) throw new Error(r.text);
  return r.json.id as number;
};
const cert = (commonName: string, emails = ["a@example.com"]) => ({ common_name: commonName, emails, signature_hash: "sha256" });
const list = async (query: string): Promise<{ orders: Item[]; page: { total: number; limit: number; offset: number } }> => {
  const r = await call()("GET", `/order/certificate${query}`);
  expect(r.status).toBe(200);
  // As recorded: an empty page has no `orders` key.
  return { orders: [], ...r.json };
};
const today = () => new Date().toISOString().slice(0, 10);
const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe("GET /order/certificate", () => {
  test("lists every order with its certificate summary, status, organization and product; page carries total, limit, offset", async () => {
    const waiting = await place({ certificate: cert("Terra Branford", ["terra@example.com"]) });
    const { orderId, certificateId } = await issuedOrder(call());
    const { orders, page } = await list("");
    expect(page).toEqual({ total: 2, limit: 1000, offset: 0 });
    expect(orders.map((o) => o.id)).toEqual([waiting, orderId]);
    expect(orders[0]).toMatchObject({
      status: "needs_approval",
      date_created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
      certificate: { common_name: "Terra Branford", emails: ["terra@example.com"], signature_hash: "sha256" },
      organization: { id: 112233 },
      product: { name_id: PRODUCT, type: "client_certificate" },
      product_name_id: PRODUCT,
    });
    expect(orders[0]!.certificate.id).toBeUndefined();
    expect(orders[1]).toMatchObject({ status: "issued", certificate: { id: certificateId, valid_till: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) } });
  });

  test("filters combine: product, common name (exact or %contains), email, organization, status", async () => {
    const a = await place({ certificate: cert("Locke Cole", ["locke@example.com"]) });
    const b = await place({ certificate: cert("Locke Cole", ["other@example.com"]), organization: { id: 445566 } });
    const c = await place({ certificate: cert("Celes Chere", ["locke@example.com"]) }, "client_authentication_plus");
    const ids = async (q: string) => (await list(q)).orders.map((o) => o.id);
    expect(await ids(`?filters[product_name_id]=${PRODUCT}`)).toEqual([a, b]);
    expect(await ids("?filters[common_name]=Locke%20Cole")).toEqual([a, b]);
    expect(await ids("?filters[common_name]=locke%20cole")).toEqual([a, b]);
    expect(await ids("?filters[common_name]=%25Chere")).toEqual([c]);
    expect(await ids("?filters[email]=locke@example.com")).toEqual([a, c]);
    expect(await ids("?filters[organization_id]=445566")).toEqual([b]);
    expect(await ids(`?filters[common_name]=Locke%20Cole&filters[organization_id]=112233`)).toEqual([a]);
    expect(await ids("?filters[status]=needs_approval")).toEqual([a, b, c]);
    expect(await ids("?filters[status]=issued")).toEqual([]);
    expect(await ids(`?filters[search]=${b}`)).toEqual([b]);
  });

  test("date_created filters by the documented operators only: a range from...to (dates or times) and >", async () => {
    const a = await place();
    const ids = async (q: string) => (await list(q)).orders.map((o) => o.id);
    expect(await ids(`?filters[date_created]=>${dayOffset(-1)}`)).toEqual([a]);
    expect(await ids(`?filters[date_created]=>${today()}`)).toEqual([]);
    expect(await ids(`?filters[date_created]=${today()}...${today()}`)).toEqual([a]);
    expect(await ids(`?filters[date_created]=${dayOffset(-1)}...${dayOffset(1)}`)).toEqual([a]);
    expect(await ids(`?filters[date_created]=${dayOffset(-3)}...${dayOffset(-1)}`)).toEqual([]);
    expect(await ids(`?filters[date_created]=${dayOffset(-1)}+00:00:00...${dayOffset(1)}+23:59:59`)).toEqual([a]);
    expect(await ids(`?filters[date_created]=>${dayOffset(1)}+00:00:00`)).toEqual([]);
    for (const op of [">=", "<", "<=", ""]) {
      const r = await call()("GET", `/order/certificate?filters[date_created]=${encodeURIComponent(op)}${today()}`);
      expect(r.status).toBe(400);
      expect(r.json.errors[0]).toEqual({ code: "invalid_date_filter", message: expect.stringMatching(/^filters\[date_created\]: use a range from\.\.\.to or >from/) });
    }
  });

  test("an empty page comes without an orders key, as recorded", async () => {
    const r = await call()("GET", "/order/certificate?offset=0&limit=1");
    expect(r.json).toEqual({ page: { total: 0, limit: 1, offset: 0 } });
  });

  test("sort (- for descending), offset and limit page through the list", async () => {
    const placed = [await place({ certificate: cert("B") }), await place({ certificate: cert("A") }), await place({ certificate: cert("C") })];
    expect((await list("?sort=-order_id")).orders.map((o) => o.id)).toEqual([...placed].reverse());
    expect((await list("?sort=common_name")).orders.map((o) => o.certificate.common_name)).toEqual(["A", "B", "C"]);
    const second = await list("?sort=order_id&offset=1&limit=1");
    expect(second.orders.map((o) => o.id)).toEqual([placed[1]]);
    expect(second.page).toEqual({ total: 3, limit: 1, offset: 1 });
    expect((await list("?offset=5")).orders).toEqual([]);
  });

  test("unknown filters and sorts, bad dates, ids and limits are 400 invalid_value naming the parameter", async () => {
    const bad = async (q: string, message: RegExp) => {
      const r = await call()("GET", `/order/certificate${q}`);
      expect(r.status).toBe(400);
      expect(r.json.errors[0]).toEqual({ code: "invalid_value", message: expect.stringMatching(message) });
    };
    await bad("?filters[colour]=red", /^filters\[colour\]: unknown filter, known are status, /);
    await bad("?sort=price", /^sort: must be one of order_id, /);
    await bad("?filters[date_created]=>yesterday", /^filters\[date_created\]: dates must be formatted yyyy-MM-dd/);
    await bad("?filters[organization_id]=-4", /^filters\[organization_id\]: must be a positive integer/);
    await bad("?limit=1001", /^limit: must be an integer from 1 to 1000/);
    await bad("?offset=-1", /^offset: must be an integer/);
  });

  test("needs the API key, counts against the rate limit and is recorded without its query", async () => {
    expect((await call()("GET", "/order/certificate", undefined, null)).status).toBe(403);
    await sim().admin.clearRequests();
    await list("?filters[status]=issued");
    expect(await sim().admin.requests()).toEqual([expect.objectContaining({ method: "GET", path: "/order/certificate", status: 200 })]);
  });

  test("an order placed through a connection reset after processing is listed", async () => {
    await sim().admin.addFaults([{ kind: "reset", when: "after", method: "POST" }]);
    await expect(call()("POST", `/order/certificate/${PRODUCT}`, orderBody({ certificate: cert("Lost Answer") }))).rejects.toThrow();
    const { orders } = await list("?filters[common_name]=Lost%20Answer");
    expect(orders).toHaveLength(1);
  });
});
