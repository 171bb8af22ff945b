// Contract tests against DigiCert's documentation: the bytes the client sends
// for the documented examples, and the documented response variants, over a
// real HTTP connection to a capturing server.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as doc from "./support/documented";
import { startRawServer, type RawServer, type Reply } from "./support/raw-server";
import { DigiCertClient, DigiCertInvalidInputError, type OrderClientCertificateRequest } from "../../provider/digicert";
import { organizationIdOf } from "../../provider/kit/orders/order-info";

const KEY = "contract-key-123";
let server: RawServer;
let next: Reply[] = [];

beforeAll(async () => {
  server = await startRawServer(() => next.shift() ?? { status: 500, json: { errors: [{ code: "test", message: "no reply queued" }] } });
});
afterAll(() => server.close());
beforeEach(() => {
  server.captured.length = 0;
  next = [];
});

function client(): DigiCertClient {
  return new DigiCertClient({ apiKey: KEY, baseUrl: server.baseUrl, retry: { limit: 0 } });
}

function lastBody(): unknown {
  const last = server.captured[server.captured.length - 1];
  if (!last) throw new Error("nothing captured");
  return JSON.parse(last.body);
}

const documentedOrder: OrderClientCertificateRequest = {
  certificate: {
    commonName: "Lock Cole",
    emails: ["locke.cole@example.com"],
    signatureHash: "sha256",
    organizationUnits: ["Accounting"],
    csr: "<csr>",
  },
  skipApproval: true,
  organization: { id: 112233 },
  container: { id: 445566 },
  validityYears: 1,
  paymentMethod: "balance",
};

describe("request bodies equal DigiCert's documented examples", () => {
  test("order a client certificate: method, path, headers and body", async () => {
    next.push({ status: 201, json: doc.ORDER_RESPONSE_APPROVED });
    await client().orderClientCertificate("client_premium_sha2", documentedOrder);
    expect(server.captured).toHaveLength(1);
    const req = server.captured[0]!;
    expect(req.method).toBe("POST");
    expect(req.url).toBe("/services/v2/order/certificate/client_premium_sha2");
    expect(req.headers["x-dc-devkey"]).toBe(KEY);
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.headers["accept"]).toBe("application/json");
    const pkg = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string };
    expect(req.headers["user-agent"]).toBe(`pulumi-digicert/${pkg.version}`);
    expect(JSON.parse(req.body)).toStrictEqual(doc.ORDER_EXAMPLE_BODY);
  });

  test.each([
    "client_premium_sha2",
    "client_email_security_plus",
    "client_authentication_plus",
    "client_digital_signature_plus_sha2",
  ] as const)("order path for product %s", async (product) => {
    next.push({ status: 201, json: doc.ORDER_RESPONSE_PENDING });
    await client().orderClientCertificate(product, documentedOrder);
    expect(server.captured[0]!.url).toBe(`/services/v2/order/certificate/${product}`);
  });

  test("every optional order field goes out under its documented snake_case name", async () => {
    next.push({ status: 201, json: doc.ORDER_RESPONSE_PENDING });
    await client().orderClientCertificate("client_email_security_plus", {
      certificate: { commonName: "Jill Valentine", emails: ["jill@example.com", "j.v@example.com"], signatureHash: "sha256" },
      organization: { id: 7 },
      validityYears: 2,
      customExpirationDate: "2030-01-31",
      autoRenew: 1,
      renewalOfOrderId: 998877,
      skipApproval: false,
      customFields: [
        { metadataId: 12, value: "cost centre 4" },
        { metadataId: 13, value: "x" },
      ],
      paymentMethod: "profile",
    });
    expect(lastBody()).toStrictEqual({
      certificate: { common_name: "Jill Valentine", emails: ["jill@example.com", "j.v@example.com"], signature_hash: "sha256" },
      organization: { id: 7 },
      validity_years: 2,
      custom_expiration_date: "2030-01-31",
      auto_renew: 1,
      renewal_of_order_id: 998877,
      skip_approval: false,
      custom_fields: [
        { metadata_id: 12, value: "cost centre 4" },
        { metadata_id: 13, value: "x" },
      ],
      payment_method: "profile",
    });
  });

  test("reissue", async () => {
    next.push({ status: 201, json: doc.REISSUE_RESPONSE });
    await client().reissueCertificate(112233, {
      certificate: {
        commonName: "example.com",
        dnsNames: ["sub.example.com"],
        csr: "<csr>",
        serverPlatform: { id: 2 },
        signatureHash: "sha256",
      },
    });
    expect(server.captured[0]!.method).toBe("POST");
    expect(server.captured[0]!.url).toBe("/services/v2/order/certificate/112233/reissue");
    expect(lastBody()).toStrictEqual(doc.REISSUE_EXAMPLE_BODY);
  });

  test("change CT status (204, empty body)", async () => {
    next.push({ status: 204 });
    await expect(client().setCtStatus(112233, true)).resolves.toBeUndefined();
    expect(server.captured[0]!.method).toBe("PUT");
    expect(server.captured[0]!.url).toBe("/services/v2/order/certificate/112233/ct-status");
    expect(lastBody()).toStrictEqual(doc.CT_STATUS_EXAMPLE_BODY);
  });

  test("revoke with comments, and without", async () => {
    next.push({ status: 201, json: doc.REVOKE_RESPONSE }, { status: 201, json: { ...doc.REVOKE_RESPONSE, comments: undefined } });
    await client().revokeCertificate(12345, "I no longer need this cert.");
    expect(server.captured[0]!.method).toBe("PUT");
    expect(server.captured[0]!.url).toBe("/services/v2/certificate/12345/revoke");
    expect(lastBody()).toStrictEqual(doc.REVOKE_EXAMPLE_BODY);
    await client().revokeCertificate(12345);
    expect(lastBody()).toStrictEqual({});
  });

  test("revoke an order's certificates, and revoke skipping approval (204, empty)", async () => {
    next.push({ status: 201, json: doc.REVOKE_RESPONSE }, { status: 204 }, { status: 204 });
    const request = await client().revokeOrder(112233, { comments: "I no longer need this cert." });
    expect(request).toMatchObject({ id: 1, type: "revoke", status: "pending" });
    expect(`${server.captured[0]!.method} ${server.captured[0]!.url}`).toBe("PUT /services/v2/order/certificate/112233/revoke");
    // The examples send `comments` (the table says `comment`); no revocation_reason: it is for TLS only.
    expect(lastBody()).toStrictEqual({ comments: "I no longer need this cert." });
    expect(await client().revokeOrder(112233, { skipApproval: true })).toBeUndefined();
    expect(lastBody()).toStrictEqual({ skip_approval: true });
    expect(await client().revokeCertificateNow(12345)).toBeUndefined();
    expect(server.captured[2]!.url).toBe("/services/v2/certificate/12345/revoke");
    expect(lastBody()).toStrictEqual({ skip_approval: true });
  });

  test("order info: DigiCert's own example (test/fixtures/digicert) reads, the organization id from under certificate", async () => {
    const example = JSON.parse(readFileSync(join(__dirname, "../fixtures/digicert/order-info-example.json"), "utf8")) as Record<string, unknown>;
    next.push({ status: 200, json: example });
    const info = await client().getOrder(123456789);
    expect(info.organization).toEqual({ name: "DigiCert, Inc." });
    expect(info.certificate.organization).toEqual({ id: 117483 });
    expect(organizationIdOf(info)).toBe(117483);
    expect(info.certificate.emails).toBeUndefined();
    expect(info).toMatchObject({ isRenewal: true, isRenewed: false, renewedOrderId: 0 });
  });

  test("approve a request, cancel an order (related endpoints)", async () => {
    next.push({ status: 204 }, { status: 200, text: "" }, { status: 204 });
    await client().updateRequestStatus(113, "approved", "looks right");
    expect(server.captured[0]!.url).toBe("/services/v2/request/113/status");
    expect(JSON.parse(server.captured[0]!.body)).toStrictEqual({ status: "approved", processor_comment: "looks right" });
    await client().updateRequestStatus(114, "rejected");
    expect(JSON.parse(server.captured[1]!.body)).toStrictEqual({ status: "rejected" });
    await client().cancelOrder(112233, "not needed");
    expect(server.captured[2]!.method).toBe("PUT");
    expect(server.captured[2]!.url).toBe("/services/v2/order/certificate/112233/status");
    expect(JSON.parse(server.captured[2]!.body)).toStrictEqual({ status: "canceled", note: "not needed" });
  });

  test("GETs: order info, duplicates, download", async () => {
    next.push(
      { status: 200, json: doc.ORDER_INFO_RESPONSE },
      { status: 200, json: doc.DUPLICATES_RESPONSE },
      { status: 200, text: "-----BEGIN CERTIFICATE-----\n", headers: { "content-type": "application/x-pem-file" } },
    );
    const c = client();
    await c.getOrder(112233);
    await c.listDuplicates(112233);
    await c.downloadCertificate(113, "pem_noroot");
    expect(server.captured.map((r) => `${r.method} ${r.url} ${r.body}`)).toEqual([
      "GET /services/v2/order/certificate/112233 ",
      "GET /services/v2/order/certificate/112233/duplicate ",
      "GET /services/v2/certificate/113/download/format/pem_noroot ",
    ]);
    expect(server.captured[2]!.headers["accept"]).toBe("*/*");
  });

  test("list orders: filters go out as filters[name]=value, with sort, offset and limit", async () => {
    next.push({ status: 200, json: { orders: [], page: { total: 0, limit: 50, offset: 100 } } });
    await client().listOrders({
      filters: { productNameId: "client_premium_sha2", commonName: "Lock Cole", organizationId: 112233, dateCreated: "2024-01-30...2024-02-01" },
      sort: "-date_created",
      offset: 100,
      limit: 50,
    });
    const sent = new URL(server.captured[0]!.url, "http://x");
    expect(`${server.captured[0]!.method} ${sent.pathname}`).toBe("GET /services/v2/order/certificate");
    expect([...sent.searchParams]).toEqual([
      ["filters[product_name_id]", "client_premium_sha2"],
      ["filters[common_name]", "Lock Cole"],
      ["filters[organization_id]", "112233"],
      ["filters[date_created]", "2024-01-30...2024-02-01"],
      ["sort", "-date_created"],
      ["offset", "100"],
      ["limit", "50"],
    ]);
    expect(server.captured[0]!.body).toBe("");
  });

  test("invalid input is refused before anything is sent", async () => {
    const c = client();
    // An order body is typed and validated by the resource's inputs schema before it gets
    // here (test/reliability/bad-input.test.ts); the client still refuses what it routes on.
    await expect(c.orderClientCertificate("client_premium_sha3" as never, documentedOrder)).rejects.toThrow(/productId/);
    await expect(c.getOrder(0)).rejects.toThrow(DigiCertInvalidInputError);
    await expect(c.getOrder(1.5)).rejects.toThrow(DigiCertInvalidInputError);
    await expect(c.downloadCertificate(1, "zip" as never)).rejects.toThrow(/format/);
    await expect(c.listOrders({ filters: { dateCreated: "yesterday" } })).rejects.toThrow(/filters\.dateCreated: must be a range yyyy-MM-dd\.\.\.yyyy-MM-dd or >yyyy-MM-dd/);
    // Operators DigiCert documents nowhere are not sent.
    for (const op of [">=", "<", "<=", ""]) {
      await expect(c.listOrders({ filters: { dateCreated: `${op}2024-01-31` } })).rejects.toThrow(/filters\.dateCreated: must be a range/);
    }
    await expect(c.listOrders({ filters: { organizationId: -1 } })).rejects.toThrow(/filters\.organizationId/);
    await expect(c.listOrders({ limit: 5000 })).rejects.toThrow(/limit/);
    await expect(c.listOrders({ filters: { colour: "red" } } as never)).rejects.toThrow(/colour/);
    expect(server.captured).toHaveLength(0);
  });
});

describe("documented response variants parse", () => {
  test.each([
    ["pending", doc.ORDER_RESPONSE_PENDING],
    ["submitted", doc.ORDER_RESPONSE_SUBMITTED],
  ])("order response, request %s", async (status, body) => {
    next.push({ status: 201, json: body });
    const r = await client().orderClientCertificate("client_premium_sha2", documentedOrder);
    expect(r).toStrictEqual({ id: 112233, requests: [{ id: 113, status }] });
  });

  test("order response, approved with certificate_id", async () => {
    next.push({ status: 201, json: doc.ORDER_RESPONSE_APPROVED });
    const r = await client().orderClientCertificate("client_premium_sha2", documentedOrder);
    expect(r).toStrictEqual({ id: 112233, requests: [{ id: 113, status: "approved" }], certificateId: 113 });
  });

  test("order response with a newly created organization and the issued chain", async () => {
    next.push({
      status: 201,
      json: {
        ...doc.ORDER_RESPONSE_APPROVED,
        organization: { id: 5544 },
        certificate_chain: [{ subject_common_name: "Lock Cole", pem: "PEM" }],
      },
    });
    const r = await client().orderClientCertificate("client_premium_sha2", documentedOrder);
    expect(r.organization).toStrictEqual({ id: 5544 });
    expect(r.certificateChain).toStrictEqual([{ subjectCommonName: "Lock Cole", pem: "PEM" }]);
  });

  test("order response, rejected request", async () => {
    next.push({ status: 201, json: { id: 9, requests: [{ id: 10, status: "rejected" }] } });
    const r = await client().orderClientCertificate("client_premium_sha2", documentedOrder);
    expect(r.requests[0]?.status).toBe("rejected");
  });

  test("reissue response with requests, and with certificate_id (skip_approval)", async () => {
    next.push({ status: 201, json: doc.REISSUE_RESPONSE }, { status: 201, json: doc.REISSUE_RESPONSE_SKIP_APPROVAL });
    const req = { certificate: { commonName: "example.com", csr: "<csr>", signatureHash: "sha256" } };
    expect(await client().reissueCertificate(112233, req)).toStrictEqual({ id: 112233, requests: [{ id: 332211 }] });
    expect(await client().reissueCertificate(112233, { ...req, skipApproval: true })).toStrictEqual({
      id: 112233,
      certificateId: 111112,
    });
    expect(JSON.parse(server.captured[1]!.body)).toMatchObject({ skip_approval: true });
  });

  test("duplicates: issued and not-issued items", async () => {
    next.push({ status: 200, json: doc.DUPLICATES_RESPONSE });
    const list = await client().listDuplicates(112233);
    expect(list).toHaveLength(3);
    expect(list[0]).toStrictEqual({
      id: 12345,
      thumbprint: "<thumbprint>",
      serialNumber: "<serial_number>",
      commonName: "example.com",
      dnsNames: ["sub.example.com"],
      status: "approved",
      dateCreated: "2016-03-25T21:01:40+00:00",
      validFrom: "2016-03-23",
      validTill: "2019-03-28",
      daysRemaining: 111,
      csr: "<csr>",
      serverPlatform: {
        id: 45,
        name: "nginx",
        installUrl: "http://www.digicert.com/ssl-certificate-installation-nginx.htm",
        csrUrl: "http://www.digicert.com/csr-creation-nginx.htm",
      },
      signatureHash: "sha256",
      keySize: 2048,
      caCertId: "1005",
      subId: "111",
      publicId: "<public_id>",
      archived: "0",
      userId: 2,
      firstname: "Jan",
      lastname: "Sport",
    });
    expect(list[1]).not.toHaveProperty("thumbprint");
    expect(list[1]).not.toHaveProperty("validTill");
    expect(list.map((d) => d.status)).toEqual(["approved", "rejected", "pending"]);
  });

  test("duplicates: an empty list, also when it arrives as []", async () => {
    next.push({ status: 200, json: { certificates: [] } }, { status: 200, json: [] });
    expect(await client().listDuplicates(1)).toEqual([]);
    expect(await client().listDuplicates(1)).toEqual([]);
  });

  test("list orders: a documented page, and an empty list as [] or without orders", async () => {
    next.push({ status: 200, json: doc.LIST_ORDERS_RESPONSE }, { status: 200, json: [] }, { status: 200, json: { page: { total: 0, limit: 1000, offset: 0 } } });
    const c = client();
    const page = await c.listOrders();
    expect(page.page).toEqual({ total: 1, limit: 1000, offset: 0 });
    expect(page.orders).toStrictEqual([
      {
        id: 112233,
        certificate: { id: 113, commonName: "Lock Cole", dnsNames: [], emails: ["locke.cole@example.com"], validTill: "2027-04-30", daysRemaining: 289, signatureHash: "sha256" },
        status: "issued",
        isRenewed: false,
        dateCreated: "2026-04-30T18:02:50+00:00",
        organization: { id: 112233, name: "Epigyne Unwebbed, Inc." },
        validityYears: 1,
        container: { id: 14, name: "DigiCert Inc." },
        product: { nameId: "client_premium_sha2", name: "Premium", type: "client_certificate" },
        hasDuplicates: false,
        productNameId: "client_premium_sha2",
      },
    ]);
    expect((await c.listOrders()).orders).toEqual([]);
    expect((await c.listOrders()).orders).toEqual([]);
  });

  test.each(["submitted", "pending", "approved", "rejected"] as const)("revoke response, status %s", async (status) => {
    next.push({ status: 201, json: { ...doc.REVOKE_RESPONSE, status } });
    const r = await client().revokeCertificate(12345, "I no longer need this cert.");
    expect(r).toStrictEqual({
      id: 1,
      date: "2016-02-10T17:06:15+00:00",
      type: "revoke",
      status,
      requester: { id: 14, firstName: "John", lastName: "Smith", email: "john.smith@digicert.com" },
      comments: "I no longer need this cert.",
    });
  });

  test("order info", async () => {
    next.push({ status: 200, json: doc.ORDER_INFO_RESPONSE });
    const info = await client().getOrder(112233);
    expect(info.id).toBe(112233);
    expect(info.status).toBe("issued");
    expect(info.disableCt).toBe(false);
    expect(info.product).toStrictEqual({
      nameId: "client_premium_sha2",
      name: "Premium",
      type: "client_certificate",
      validationType: "ov",
    });
    expect(info.organization).toStrictEqual({ id: 112233, name: "Epigyne Unwieldiness llc" });
    expect(info.requests).toStrictEqual([
      { id: 113, date: "2018-10-16T17:29:56+00:00", type: "new_request", status: "approved", comments: "" },
    ]);
    expect(info.certificate).toMatchObject({
      id: 113,
      serialNumber: "0669D46CAE79EF684A69777490602485",
      commonName: "Lock Cole",
      emails: ["locke.cole@example.com"],
      organizationUnits: ["Accounting"],
      dateIssued: "2018-10-16T17:31:02+00:00",
      validTill: "2019-10-21",
      daysRemaining: 200,
      serverPlatform: { id: -1, name: "OTHER", installUrl: "", csrUrl: "" },
      caCert: { id: "f7slk4shv9s2wr3", name: "DigiCert SHA2 Assured ID CA" },
      certValidity: { years: 1 },
    });
    expect(info.certificateChain?.[0]?.subjectCommonName).toBe("Lock Cole");
    // Unknown fields (user, organization.city) are dropped, not rejected.
    expect(info).not.toHaveProperty("user");
  });

  test("order info of an order not yet issued (no certificate id, custom expiration)", async () => {
    next.push({
      status: 200,
      json: {
        id: 5,
        status: "needs_approval",
        certificate: { common_name: "Lock Cole", cert_validity: { custom_expiration_date: "2030-01-31" } },
        requests: [{ id: 6, status: "pending", type: "new_request" }],
      },
    });
    const info = await client().getOrder(5);
    expect(info.certificate.id).toBeUndefined();
    expect(info.certificate.certValidity).toStrictEqual({ customExpirationDate: "2030-01-31" });
  });

  test("download returns the body text", async () => {
    const pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    next.push({ status: 200, text: pem, headers: { "content-type": "application/x-pem-file" } });
    expect(await client().downloadCertificate(113)).toBe(pem);
    expect(server.captured[0]!.url).toBe("/services/v2/certificate/113/download/format/pem_all");
  });
});
