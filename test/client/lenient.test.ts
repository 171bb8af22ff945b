// Enums in DigiCert's answers are read leniently: a value outside the documented list is
// read as it is and logged once per process; what the client sends stays strict.
import * as doc from "./support/documented";
import { startRawServer, type RawServer, type Reply } from "./support/raw-server";
import { DigiCertClient, DigiCertInvalidInputError, DigiCertResponseError, isDocumented, ORDER_STATUSES } from "../../provider/digicert";

const KEY = "Len13nt-SECRET-key-0042";
let server: RawServer;
let next: Reply[] = [];
let logs: string[] = [];

beforeAll(async () => {
  server = await startRawServer(() => next.shift() ?? { status: 500, json: { errors: [{ code: "test", message: "no reply queued" }] } });
});
afterAll(() => server.close());
beforeEach(() => {
  next = [];
  logs = [];
});

function client(): DigiCertClient {
  return new DigiCertClient({ apiKey: KEY, baseUrl: server.baseUrl, log: (level, message) => logs.push(`${level} ${message}`) });
}

const unknownLines = () => logs.filter((l) => l.includes("which its documentation does not list"));

test("an order, its requests and their types outside the documented lists are read as they are, each logged once", async () => {
  const info = {
    ...doc.ORDER_INFO_RESPONSE,
    status: "approved",
    payment_method: "invoice",
    requests: [{ id: 1, date: "2024-01-01T00:00:00+00:00", type: "transfer", status: "cancelled_by_dc" }],
  };
  next.push({ status: 200, json: info }, { status: 200, json: info });
  const c = client();
  const first = await c.getOrder(112233);
  expect(first.status).toBe("approved");
  expect(first.paymentMethod).toBe("invoice");
  expect(first.requests[0]).toMatchObject({ type: "transfer", status: "cancelled_by_dc" });
  expect(isDocumented(ORDER_STATUSES, first.status)).toBe(false);
  expect(unknownLines()).toEqual([
    expect.stringMatching(/^warn DigiCert answered order status "approved" \(GET \/order\/certificate\/\{order_id\}, status\).*needs_approval, pending/),
    expect.stringContaining('payment method "invoice"'),
    expect.stringContaining('request type "transfer" (GET /order/certificate/{order_id}, requests[0].type)'),
    expect.stringContaining('request status "cancelled_by_dc" (GET /order/certificate/{order_id}, requests[0].status)'),
  ]);
  // The same values again, from another client of the same process: not logged again.
  logs = [];
  expect((await client().getOrder(112233)).status).toBe("approved");
  expect(unknownLines()).toEqual([]);
});

test("documented values are not logged, and narrow to the known type", async () => {
  next.push({ status: 200, json: doc.ORDER_INFO_RESPONSE });
  const info = await client().getOrder(112233);
  expect(isDocumented(ORDER_STATUSES, info.status)).toBe(true);
  expect(unknownLines()).toEqual([]);
});

test("the order POST, the revoke answer, duplicates and the orders list are lenient too", async () => {
  next.push(
    { status: 201, json: { id: 5, requests: [{ id: 6, status: "on_hold" }] } },
    { status: 201, json: { ...doc.REVOKE_RESPONSE, status: "queued" } },
    { status: 200, json: { certificates: [{ ...doc.DUPLICATES_RESPONSE.certificates[0], status: "revoked" }] } },
    { status: 200, json: { ...doc.LIST_ORDERS_RESPONSE, orders: [{ ...doc.LIST_ORDERS_RESPONSE.orders[0], status: "archived" }] } },
  );
  const c = client();
  const placed = await c.orderClientCertificate("client_premium_sha2", {
    certificate: { commonName: "A", emails: ["a@example.com"], signatureHash: "sha256" },
    organization: { id: 1 },
    validityYears: 1,
  });
  expect(placed.requests[0]?.status).toBe("on_hold");
  expect((await c.revokeCertificate(9)).status).toBe("queued");
  expect((await c.listDuplicates(5))[0]?.status).toBe("revoked");
  expect((await c.listOrders()).orders[0]?.status).toBe("archived");
  expect(unknownLines().map((l) => /answered ([a-z ]+) "([^"]+)"/.exec(l)?.slice(1).join(" "))).toEqual([
    "request status on_hold",
    "request status queued",
    "certificate status revoked",
    "order status archived",
  ]);
});

test("a status of the wrong type is still refused, naming the field", async () => {
  next.push({ status: 200, json: { ...doc.ORDER_INFO_RESPONSE, status: 3 } });
  const err = await client().getOrder(112233).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(DigiCertResponseError);
  expect((err as DigiCertResponseError).issues.map((i) => i.path)).toEqual(["status"]);
});

// Order and reissue bodies are judged once, by the resource's inputs schema (a payment
// method outside the list: test/reliability/bad-input.test.ts); the client's own
// requests stay strict.
test("requests stay strict: a request status outside the list is refused before sending", async () => {
  const c = client();
  const before = server.captured.length;
  await expect(c.updateRequestStatus(1, "cancelled" as "approved")).rejects.toBeInstanceOf(DigiCertInvalidInputError);
  expect(server.captured.length).toBe(before);
});

test("a value DigiCert answers is redacted like every log line: the key never appears", async () => {
  next.push({ status: 200, json: { ...doc.ORDER_INFO_RESPONSE, status: `echo-${KEY}` } });
  const info = await client().getOrder(112233);
  expect(info.status).toBe(`echo-${KEY}`);
  expect(unknownLines()).toHaveLength(1);
  expect(logs.join("\n")).not.toContain(KEY);
});
