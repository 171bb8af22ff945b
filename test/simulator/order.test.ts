import { api, CSR, orderBody, PRODUCT, useSimulator } from "./support/helpers";

const { sim, call } = useSimulator();

// The reference pages' body (no S/MIME subject fields): the older ids and client_authentication_plus take it.
const CLIENT_PRODUCTS = ["client_premium_sha2", "client_authentication_plus", "client_digital_signature_plus_sha2"];

describe("POST /order/certificate/{product_id}", () => {
  test.each(CLIENT_PRODUCTS)("%s waits for approval: pending request, no certificate_id", async (product) => {
    const r = await call()("POST", `/order/certificate/${product}`, orderBody());
    expect(r.status).toBe(201);
    expect(Object.keys(r.json).sort()).toEqual(["id", "requests"]);
    expect(r.json.requests).toEqual([{ id: expect.any(Number), status: "pending" }]);
    const info = await call()("GET", `/order/certificate/${r.json.id}`);
    expect(info.json.status).toBe("needs_approval");
    expect(info.json.product.name_id).toBe(product);
    expect(info.json.certificate.id).toBeUndefined();
  });

  test("newRequestStatus submitted answers the submitted variant", async () => {
    await sim().admin.setSettings({ newRequestStatus: "submitted" });
    const r = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody());
    expect(r.json.requests[0].status).toBe("submitted");
    expect(r.json.certificate_id).toBeUndefined();
  });

  test("skip_approval answers approved with certificate_id, and the certificate chain as it issued at once", async () => {
    const r = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody({ skip_approval: true }));
    expect(r.status).toBe(201);
    expect(Object.keys(r.json).sort()).toEqual(["certificate_chain", "certificate_id", "id", "requests"]);
    expect(r.json.requests).toEqual([{ id: expect.any(Number), status: "approved" }]);
  });

  test("autoApprove approves orders without skip_approval", async () => {
    await sim().admin.setSettings({ autoApprove: true });
    const r = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody());
    expect(r.json.requests[0].status).toBe("approved");
    expect(typeof r.json.certificate_id).toBe("number");
  });

  test("order, request and certificate ids come from distinct ranges", async () => {
    const a = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody({ skip_approval: true }));
    const b = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody({ skip_approval: true }));
    const ids = [a.json.id, a.json.requests[0].id, a.json.certificate_id];
    expect(new Set(ids).size).toBe(3);
    expect(b.json.id).toBe(a.json.id + 1);
    expect(b.json.certificate_id).toBe(a.json.certificate_id + 1);
  });

  test("an organization given by name is created and returned", async () => {
    const r = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody({ organization: { name: "Acme" } }));
    expect(r.status).toBe(201);
    expect(r.json.organization).toEqual({ id: expect.any(Number) });
    const info = await call()("GET", `/order/certificate/${r.json.id}`);
    expect(info.json.certificate.organization.id).toBe(r.json.organization.id);
    const plain = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody());
    expect(plain.json.organization).toBeUndefined();
  });

  test("unknown product is 404 not_found|product", async () => {
    const r = await call()("POST", "/order/certificate/ssl_plus", orderBody());
    expect(r.status).toBe(404);
    expect(r.json.errors[0].code).toBe("not_found|product");
  });
});

describe("order body validation", () => {
  const bad = async (body: unknown): Promise<{ code: string; message: string }[]> => {
    const r = await call()("POST", `/order/certificate/${PRODUCT}`, body);
    expect(r.status).toBe(400);
    return r.json.errors;
  };
  const cert = (over: Record<string, unknown>, drop?: string): Record<string, unknown> => {
    const c: Record<string, unknown> = { common_name: "A", emails: ["a@example.com"], signature_hash: "sha256", ...over };
    if (drop) delete c[drop];
    return orderBody({ certificate: c });
  };
  const inFuture = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

  test.each([
    ["certificate missing", { organization: { id: 1 }, validity_years: 1 }, "missing_field", "certificate:"],
    ["common_name missing", cert({}, "common_name"), "missing_field", "certificate.common_name:"],
    ["emails missing", cert({}, "emails"), "missing_field", "certificate.emails:"],
    ["emails empty", cert({ emails: [] }), "missing_field", "certificate.emails:"],
    ["email not an address", cert({ emails: ["a@example.com", "nope"] }), "invalid_value", "certificate.emails[1]:"],
    ["signature_hash sha1", cert({ signature_hash: "sha1" }), "invalid_value", "certificate.signature_hash: must be one of sha256"],
    ["signature_hash missing", cert({}, "signature_hash"), "missing_field", "certificate.signature_hash:"],
    ["organization missing", { ...orderBody(), organization: undefined }, "missing_field", "organization:"],
    ["organization.id missing", orderBody({ organization: {} }), "missing_field", "organization.id:"],
    ["validity_years 3", orderBody({ validity_years: 3 }), "invalid_value", "validity_years: must be one of 1, 2"],
    ["validity_years missing", { ...orderBody(), validity_years: undefined }, "missing_field", "validity_years:"],
    ["custom date malformed", orderBody({ custom_expiration_date: "2030/01/01" }), "invalid_value", "custom_expiration_date: must be a date"],
    ["custom date impossible", orderBody({ custom_expiration_date: "2031-02-30" }), "invalid_value", "custom_expiration_date: must be a date"],
    ["custom date today", orderBody({ custom_expiration_date: inFuture(0) }), "invalid_value", "custom_expiration_date: must be in the future"],
    ["custom date 825 days", orderBody({ custom_expiration_date: inFuture(825) }), "invalid_value", "custom_expiration_date: must be less than 825"],
    ["payment_method wire", orderBody({ payment_method: "wire" }), "invalid_value", "payment_method: must be one of balance, card, profile"],
    ["skip_approval string", orderBody({ skip_approval: "yes" }), "invalid_value", "skip_approval:"],
    ["custom_fields item", orderBody({ custom_fields: [{ value: "x" }] }), "missing_field", "custom_fields[0].metadata_id:"],
  ])("%s", async (_name, body, code, messageStart) => {
    const errors = await bad(body);
    expect(errors).toContainEqual({ code, message: expect.stringMatching(new RegExp(`^${messageStart.replace(/[[\].]/g, "\\$&")}`)) });
  });

  test("all problems are reported at once", async () => {
    const errors = await bad({ certificate: { emails: ["x"] }, organization: {} });
    expect(errors.map((e) => e.message.split(":")[0]).sort()).toEqual(
      ["certificate.common_name", "certificate.emails[0]", "certificate.signature_hash", "organization.id", "validity_years"].sort(),
    );
  });

  test("custom_expiration_date replaces validity_years and sets valid_till", async () => {
    const date = inFuture(400);
    const r = await call()("POST", `/order/certificate/${PRODUCT}`, { ...orderBody({ skip_approval: true, custom_expiration_date: date }), validity_years: undefined });
    expect(r.status).toBe(201);
    const info = await call()("GET", `/order/certificate/${r.json.id}`);
    expect(info.json.certificate.valid_till).toBe(date);
    expect(info.json.certificate.cert_validity).toEqual({ custom_expiration_date: date });
  });

  test("custom_expiration_date 824 days ahead and tomorrow are accepted", async () => {
    for (const days of [1, 824]) {
      const r = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody({ custom_expiration_date: inFuture(days) }));
      expect(r.status).toBe(201);
    }
  });

  test("unparseable JSON is 400 bad_request_format", async () => {
    const r = await call()("POST", `/order/certificate/${PRODUCT}`, "{not json");
    expect(r.status).toBe(400);
    expect(r.json.errors[0].code).toBe("bad_request_format");
  });

  test("a JSON array body is bad_request_format", async () => {
    const r = await call()("POST", `/order/certificate/${PRODUCT}`, [1]);
    expect(r.json.errors[0].code).toBe("bad_request_format");
  });
});

describe("authentication and routing", () => {
  // As recorded from www.digicert.com (GET /account with a bad key, 2023-10-13).
  const INVALID_KEY = { errors: [{ code: "access_denied|access_denied_invalid_key", message: "Access denied due to access_denied_invalid_key." }] };

  test("missing X-DC-DEVKEY is 403 access_denied, as a bad key", async () => {
    const r = await call()("GET", "/order/certificate/1", undefined, null);
    expect(r.status).toBe(403);
    expect(r.json).toEqual(INVALID_KEY);
  });

  test("unknown key is 403 access_denied|access_denied_invalid_key and the message does not echo it", async () => {
    const r = await api(sim(), "secret-wrong-key")("POST", `/order/certificate/${PRODUCT}`, orderBody());
    expect(r.status).toBe(403);
    expect(r.json).toEqual(INVALID_KEY);
    expect(r.text).not.toContain("secret-wrong-key");
    expect((await sim().admin.state()) as { orders: unknown[] }).toMatchObject({ orders: [] });
  });

  test("unknown route is 404 not_found|route", async () => {
    const r = await call()("GET", "/order/nothing/here");
    expect(r.status).toBe(404);
    expect(r.json.errors[0].code).toBe("not_found|route");
    const outside = await fetch(`${sim().url}/elsewhere`);
    expect(outside.status).toBe(404);
  });

  test("unknown and malformed order ids are 404 not_found|order", async () => {
    for (const id of ["99", "abc"]) {
      const r = await call()("GET", `/order/certificate/${id}`);
      expect(r.status).toBe(404);
      expect(r.json.errors[0].code).toBe("not_found|order");
    }
  });
});

describe("GET /order/certificate/{order_id}", () => {
  test("carries the documented fields once issued", async () => {
    const r = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody({ skip_approval: true, container: { id: 445566 }, validity_years: 2, certificate: { common_name: "Lock Cole", emails: ["l@example.com"], signature_hash: "sha256", csr: CSR, organization_units: ["Acc"] } }));
    const info = (await call()("GET", `/order/certificate/${r.json.id}`)).json;
    expect(info).toMatchObject({
      id: r.json.id,
      status: "issued",
      disable_ct: false,
      is_renewal: false,
      container: { id: 445566 },
      product: { name_id: PRODUCT, type: "client_certificate" },
      payment_method: "balance",
      requests: [{ id: r.json.requests[0].id, type: "new_request", status: "approved", date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/) }],
    });
    const c = info.certificate;
    expect(c).toMatchObject({
      id: r.json.certificate_id,
      status: "issued",
      common_name: "Lock Cole",
      emails: ["l@example.com"],
      organization: { id: 112233 },
      organization_units: ["Acc"],
      dns_names: [],
      signature_hash: "sha256",
      csr: CSR,
      cert_validity: { years: 2 },
    });
    // DigiCert's example: the top-level organization has a name and address, and no id.
    expect(info.organization.id).toBeUndefined();
    expect(info.organization.name).toEqual(expect.any(String));
    expect(c.serial_number).toMatch(/^[0-9A-F]{32}$/);
    expect(c.thumbprint).toMatch(/^[0-9A-F]{40}$/);
    const today = new Date().toISOString().slice(0, 10);
    expect(c.valid_from).toBe(today);
    expect(c.valid_till).toBe(`${Number(today.slice(0, 4)) + 2}${today.slice(4)}`);
    expect(c.date_issued).toMatch(/\+00:00$/);
    expect(c.days_remaining).toBeGreaterThan(700);
  });

  test("lacks issuance fields while waiting for approval", async () => {
    const r = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody());
    const c = (await call()("GET", `/order/certificate/${r.json.id}`)).json.certificate;
    for (const field of ["id", "thumbprint", "serial_number", "valid_from", "valid_till", "date_issued"]) expect(c[field]).toBeUndefined();
    expect(c.common_name).toBe("Lock Cole");
  });

  test("renewal_of_order_id marks both orders: is_renewal on the renewal (renewed_order_id 0, as DigiCert's example), is_renewed on the old one", async () => {
    const first = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody({ skip_approval: true }));
    const renewal = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody({ renewal_of_order_id: first.json.id }));
    expect((await call()("GET", `/order/certificate/${renewal.json.id}`)).json).toMatchObject({ is_renewal: true, is_renewed: false, renewed_order_id: 0 }); // as DigiCert's example renewal
    expect((await call()("GET", `/order/certificate/${first.json.id}`)).json.is_renewed).toBe(true);
    const unknown = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody({ renewal_of_order_id: 5 }));
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors[0].message).toMatch(/^renewal_of_order_id:/);
  });
});
