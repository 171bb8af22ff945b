import { issuedOrder, orderBody, PRODUCT, useSimulator } from "./support/helpers";

const { sim, call } = useSimulator();

describe("PUT /order/certificate/{order_id}/ct-status", () => {
  test("answers 204 with no body and shows in order info", async () => {
    const { orderId } = await issuedOrder(call());
    const r = await call()("PUT", `/order/certificate/${orderId}/ct-status`, { disable_ct: true });
    expect(r.status).toBe(204);
    expect(r.text).toBe("");
    expect((await call()("GET", `/order/certificate/${orderId}`)).json.disable_ct).toBe(true);
    await call()("PUT", `/order/certificate/${orderId}/ct-status`, { disable_ct: false });
    expect((await call()("GET", `/order/certificate/${orderId}`)).json.disable_ct).toBe(false);
  });

  test("400 cert_transparency_turned_off_for_account when CT logging is off", async () => {
    await sim().admin.setSettings({ ctLoggingEnabled: false });
    const { orderId } = await issuedOrder(call());
    const r = await call()("PUT", `/order/certificate/${orderId}/ct-status`, { disable_ct: true });
    expect(r.status).toBe(400);
    expect(r.json.errors[0].code).toBe("cert_transparency_turned_off_for_account");
    expect((await call()("GET", `/order/certificate/${orderId}`)).json.disable_ct).toBe(false);
  });

  test("disable_ct is required and boolean; unknown order 404; closed order refused", async () => {
    const { orderId } = await issuedOrder(call());
    const missing = await call()("PUT", `/order/certificate/${orderId}/ct-status`, {});
    expect(missing.json.errors[0]).toEqual({ code: "missing_field", message: expect.stringMatching(/^disable_ct:/) });
    const wrong = await call()("PUT", `/order/certificate/${orderId}/ct-status`, { disable_ct: "yes" });
    expect(wrong.json.errors[0]).toEqual({ code: "invalid_value", message: expect.stringMatching(/^disable_ct:/) });
    expect((await call()("PUT", "/order/certificate/3/ct-status", { disable_ct: true })).status).toBe(404);
    await sim().admin.patchOrder(orderId, { status: "expired" });
    expect((await call()("PUT", `/order/certificate/${orderId}/ct-status`, { disable_ct: true })).json.errors[0].code).toBe("invalid_order_status");
  });
});

describe("GET /order/certificate/{order_id}/duplicate", () => {
  test("empty list for an order without duplicates", async () => {
    const { orderId } = await issuedOrder(call());
    const r = await call()("GET", `/order/certificate/${orderId}/duplicate`);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ certificates: [] });
  });

  test("issued items carry validity fields, not-issued items lack them", async () => {
    const { orderId } = await issuedOrder(call());
    const issuedId = await sim().admin.addDuplicate(orderId, { issued: true });
    const pendingId = await sim().admin.addDuplicate(orderId, { issued: false });
    const { certificates } = (await call()("GET", `/order/certificate/${orderId}/duplicate`)).json;
    expect(certificates.map((c: { id: number }) => c.id)).toEqual([issuedId, pendingId]);
    const [issued, pending] = certificates;
    expect(issued).toMatchObject({
      status: "issued",
      common_name: "Lock Cole",
      dns_names: [],
      signature_hash: "sha256",
      // No CSR: the simulator certifies its own EC P-256 key.
      key_size: 256,
      archived: "0",
      date_created: expect.stringMatching(/\+00:00$/),
      thumbprint: expect.stringMatching(/^[0-9A-F]{40}$/),
      serial_number: expect.stringMatching(/^[0-9A-F]{32}$/),
      valid_from: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
      valid_till: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
      days_remaining: expect.any(Number),
      server_platform: expect.objectContaining({ id: -1 }),
    });
    expect(pending.status).toBe("pending");
    for (const f of ["thumbprint", "serial_number", "valid_from", "valid_till", "days_remaining"]) expect(pending).not.toHaveProperty(f);
  });

  test("a duplicate is a certificate of the order: it can be revoked, and the order stays issued", async () => {
    await sim().admin.setSettings({ autoApproveRevoke: true });
    const { orderId } = await issuedOrder(call());
    const dup = await sim().admin.addDuplicate(orderId);
    expect((await call()("PUT", `/certificate/${dup}/revoke`)).json.status).toBe("approved");
    expect((await call()("GET", `/order/certificate/${orderId}`)).json.status).toBe("issued");
  });

  test("unknown order is 404", async () => {
    expect((await call()("GET", "/order/certificate/5/duplicate")).json.errors[0].code).toBe("not_found|order");
  });
});

describe("GET /certificate/{certificate_id}/download/format/{format}", () => {
  const blocks = (text: string, label = "CERTIFICATE"): string[] =>
    text.match(new RegExp(`-----BEGIN ${label}-----\\n([A-Za-z0-9+/=]{1,64}\\n)+-----END ${label}-----\\n`, "g")) ?? [];

  test.each([
    ["pem_all", 3, "application/x-pem-file"],
    ["pem_noroot", 2, "application/x-pem-file"],
    ["cer", 1, "application/x-x509-user-cert"],
  ])("%s gives %i well-formed PEM certificate block(s)", async (format, count, type) => {
    const { certificateId } = await issuedOrder(call());
    const r = await call()("GET", `/certificate/${certificateId}/download/format/${format}`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe(type);
    expect(blocks(r.text)).toHaveLength(count);
    expect(blocks(r.text).join("")).toBe(r.text);
  });

  test("p7b is one PKCS7 block; certificates differ by id; same id is stable", async () => {
    const a = await issuedOrder(call());
    const b = await issuedOrder(call());
    const p7 = await call()("GET", `/certificate/${a.certificateId}/download/format/p7b`);
    expect(blocks(p7.text, "PKCS7")).toHaveLength(1);
    const get = (id: number) => call()("GET", `/certificate/${id}/download/format/cer`).then((r) => r.text);
    expect(await get(a.certificateId)).not.toBe(await get(b.certificateId));
    expect(await get(a.certificateId)).toBe(await get(a.certificateId));
  });

  test("the order's current certificate can be downloaded by order id", async () => {
    const { orderId, certificateId } = await issuedOrder(call());
    const byOrder = await call()("GET", `/certificate/download/order/${orderId}/format/pem_all`);
    const byCert = await call()("GET", `/certificate/${certificateId}/download/format/pem_all`);
    expect(byOrder.status).toBe(200);
    expect(byOrder.text).toBe(byCert.text);
  });

  test("unknown format 400, not-issued certificate 400, unknown certificate 404", async () => {
    const { certificateId } = await issuedOrder(call());
    const fmt = await call()("GET", `/certificate/${certificateId}/download/format/zip`);
    expect(fmt.status).toBe(400);
    expect(fmt.json.errors[0].message).toMatch(/^format:/);
    await sim().admin.setSettings({ issueDelayMs: 60_000 });
    const pending = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody({ skip_approval: true }));
    const notIssued = await call()("GET", `/certificate/${pending.json.certificate_id}/download/format/pem_all`);
    expect(notIssued.status).toBe(400);
    expect(notIssued.json.errors[0].code).toBe("invalid_certificate_status");
    expect((await call()("GET", "/certificate/9/download/format/pem_all")).json.errors[0].code).toBe("not_found|certificate");
  });
});
