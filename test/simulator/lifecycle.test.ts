import { issuedOrder, orderBody, PRODUCT, reissueBody, sleep, useSimulator, type Call } from "./support/helpers";

const { sim, call } = useSimulator();

const order = (c: Call, id: number) => c("GET", `/order/certificate/${id}`).then((r) => r.json);
const setStatus = (c: Call, requestId: number, status: string, extra: Record<string, unknown> = {}) =>
  c("PUT", `/request/${requestId}/status`, { status, ...extra });

describe("new-order approval", () => {
  test("approving the request issues the order", async () => {
    const r = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody());
    const requestId = r.json.requests[0].id;
    const ok = await setStatus(call(), requestId, "approved", { processor_comment: "fine" });
    expect(ok.status).toBe(204);
    expect(ok.text).toBe("");
    const info = await order(call(), r.json.id);
    expect(info.status).toBe("issued");
    expect(info.certificate.id).toEqual(expect.any(Number));
    expect(info.requests[0]).toMatchObject({ id: requestId, type: "new_request", status: "approved" });
  });

  test("with issueDelayMs the order is pending, then issued", async () => {
    await sim().admin.setSettings({ issueDelayMs: 400 });
    const { orderId } = await issuedOrder(call());
    const early = await order(call(), orderId);
    expect(early.status).toBe("pending");
    expect(early.certificate.id).toEqual(expect.any(Number));
    expect(early.certificate.valid_from).toBeUndefined();
    await sleep(450);
    const late = await order(call(), orderId);
    expect(late.status).toBe("issued");
    expect(late.certificate.valid_till).toMatch(/^\d{4}-\d\d-\d\d$/);
  });

  test("rejecting the request rejects the order", async () => {
    const r = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody());
    expect((await setStatus(call(), r.json.requests[0].id, "rejected")).status).toBe(204);
    const info = await order(call(), r.json.id);
    expect(info.status).toBe("rejected");
    expect(info.requests[0].status).toBe("rejected");
  });

  test("a decided request cannot be decided again", async () => {
    const r = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody({ skip_approval: true }));
    const again = await setStatus(call(), r.json.requests[0].id, "rejected");
    expect(again.status).toBe(400);
    expect(again.json.errors[0].code).toBe("invalid_request_status");
    expect((await order(call(), r.json.id)).status).toBe("issued");
  });

  test("bad status value and unknown request", async () => {
    const r = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody());
    const bad = await setStatus(call(), r.json.requests[0].id, "maybe");
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].message).toMatch(/^status: must be one of approved, rejected/);
    const missing = await setStatus(call(), 1234, "approved");
    expect(missing.status).toBe(404);
    expect(missing.json.errors[0].code).toBe("not_found|request");
  });
});

describe("cancel (PUT /order/certificate/{id}/status)", () => {
  test("refuses an order waiting for approval (only pending and waiting_pickup cancel); rejecting its request withdraws it", async () => {
    const r = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody());
    const res = await call()("PUT", `/order/certificate/${r.json.id}/status`, { status: "canceled", note: "not needed" });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ errors: [{ code: "invalid_order_status", message: expect.stringMatching(/is needs_approval: cancel needs an order that is pending or waiting_pickup/) }] });
    expect((await order(call(), r.json.id)).status).toBe("needs_approval");
    expect((await setStatus(call(), r.json.requests[0].id, "rejected")).status).toBe(204);
    expect((await order(call(), r.json.id)).status).toBe("rejected");
    expect((await setStatus(call(), r.json.requests[0].id, "approved")).json.errors[0].code).toBe("invalid_request_status");
  });

  test("cancels a pending (approved, not yet issued) order", async () => {
    await sim().admin.setSettings({ issueDelayMs: 60_000 });
    const { orderId } = await issuedOrder(call());
    expect((await call()("PUT", `/order/certificate/${orderId}/status`, { status: "canceled", note: "n" })).status).toBe(204);
    expect((await order(call(), orderId)).status).toBe("canceled");
  });

  test("note is required and status must be canceled", async () => {
    const r = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody());
    const noNote = await call()("PUT", `/order/certificate/${r.json.id}/status`, { status: "canceled" });
    expect(noNote.status).toBe(400);
    expect(noNote.json.errors).toEqual([{ code: "missing_field", message: expect.stringMatching(/^note:/) }]);
    const wrong = await call()("PUT", `/order/certificate/${r.json.id}/status`, { status: "issued", note: "x" });
    expect(wrong.json.errors[0].message).toMatch(/^status: must be one of canceled/);
    expect((await order(call(), r.json.id)).status).toBe("needs_approval");
  });

  test("an issued order cannot be canceled", async () => {
    const { orderId } = await issuedOrder(call());
    const r = await call()("PUT", `/order/certificate/${orderId}/status`, { status: "canceled", note: "n" });
    expect(r.status).toBe(400);
    expect(r.json.errors[0].code).toBe("invalid_order_status");
  });
});

describe("reissue", () => {
  test("without skip_approval: reissue_pending until approved, then a new current certificate", async () => {
    const { orderId, certificateId } = await issuedOrder(call());
    const r = await call()("POST", `/order/certificate/${orderId}/reissue`, reissueBody({ comments: "new key" }));
    expect(r.status).toBe(201);
    expect(r.json).toEqual({ id: orderId, requests: [{ id: expect.any(Number) }] });
    const waiting = await order(call(), orderId);
    expect(waiting.status).toBe("reissue_pending");
    expect(waiting.certificate.id).toBe(certificateId);
    expect(waiting.requests[1]).toMatchObject({ id: r.json.requests[0].id, type: "reissue", status: "pending", comments: "new key" });

    expect((await setStatus(call(), r.json.requests[0].id, "approved")).status).toBe(204);
    const done = await order(call(), orderId);
    expect(done.status).toBe("issued");
    expect(done.certificate.id).not.toBe(certificateId);
    expect(done.certificate.csr).toContain("CERTIFICATE REQUEST");
    expect(done.certificate.emails).toEqual(["locke.cole@example.com"]);
    const state = (await sim().admin.state()) as { certificates: { id: number; orderId: number }[] };
    expect(state.certificates.filter((c) => c.orderId === orderId).map((c) => c.id)).toEqual([certificateId, done.certificate.id]);
  });

  test("reissue keeps the order's end date", async () => {
    const { orderId } = await issuedOrder(call(), { validity_years: 2 });
    const before = await order(call(), orderId);
    await call()("POST", `/order/certificate/${orderId}/reissue`, reissueBody({ skip_approval: true }));
    expect((await order(call(), orderId)).certificate.valid_till).toBe(before.certificate.valid_till);
  });

  test("with skip_approval the new certificate is current at once", async () => {
    const { orderId, certificateId } = await issuedOrder(call());
    const r = await call()("POST", `/order/certificate/${orderId}/reissue`, reissueBody({ skip_approval: true }));
    expect(r.status).toBe(201);
    expect(r.json).toEqual({ id: orderId, certificate_id: expect.any(Number) });
    expect(r.json.certificate_id).not.toBe(certificateId);
    const info = await order(call(), orderId);
    expect(info.status).toBe("issued");
    expect(info.certificate.id).toBe(r.json.certificate_id);
  });

  test("only an issued order can be reissued", async () => {
    const r = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody());
    const res = await call()("POST", `/order/certificate/${r.json.id}/reissue`, reissueBody());
    expect(res.status).toBe(400);
    expect(res.json.errors[0].code).toBe("invalid_order_status");
    const { orderId } = await issuedOrder(call());
    await call()("POST", `/order/certificate/${orderId}/reissue`, reissueBody());
    const twice = await call()("POST", `/order/certificate/${orderId}/reissue`, reissueBody());
    expect(twice.json.errors[0].code).toBe("invalid_order_status");
  });

  test("reissue body needs common_name, csr and signature_hash", async () => {
    const { orderId } = await issuedOrder(call());
    const r = await call()("POST", `/order/certificate/${orderId}/reissue`, { certificate: {} });
    expect(r.status).toBe(400);
    expect(r.json.errors.map((e: { message: string }) => e.message.split(":")[0]).sort()).toEqual([
      "certificate.common_name",
      "certificate.csr",
      "certificate.signature_hash",
    ]);
    expect((await call()("POST", "/order/certificate/77/reissue", reissueBody())).json.errors[0].code).toBe("not_found|order");
  });

  test("a pending reissue can be canceled: order back to issued, request rejected", async () => {
    const { orderId, certificateId } = await issuedOrder(call());
    const r = await call()("POST", `/order/certificate/${orderId}/reissue`, reissueBody());
    const cancel = await call()("PUT", `/order/certificate/${orderId}/status`, { status: "canceled", note: "changed my mind" });
    expect(cancel.status).toBe(204);
    const info = await order(call(), orderId);
    expect(info.status).toBe("issued");
    expect(info.certificate.id).toBe(certificateId);
    expect(info.requests.find((q: { id: number }) => q.id === r.json.requests[0].id).status).toBe("rejected");
  });

  test("rejecting a reissue request also returns the order to issued", async () => {
    const { orderId } = await issuedOrder(call());
    const r = await call()("POST", `/order/certificate/${orderId}/reissue`, reissueBody());
    await setStatus(call(), r.json.requests[0].id, "rejected");
    expect((await order(call(), orderId)).status).toBe("issued");
  });
});

describe("revoke", () => {
  test("files a pending request; approval revokes the certificate, the order stays issued", async () => {
    const { orderId, certificateId } = await issuedOrder(call());
    const r = await call()("PUT", `/certificate/${certificateId}/revoke`, { comments: "I no longer need this cert." });
    expect(r.status).toBe(201);
    expect(r.json).toEqual({
      id: expect.any(Number),
      date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
      type: "revoke",
      status: "pending",
      requester: { id: expect.any(Number), first_name: expect.any(String), last_name: expect.any(String), email: expect.any(String) },
      comments: "I no longer need this cert.",
    });
    expect((await order(call(), orderId)).status).toBe("issued");

    const again = await call()("PUT", `/certificate/${certificateId}/revoke`, {});
    expect(again.status).toBe(400);
    expect(again.json.errors[0].code).toBe("revoke_request_pending");
    expect(again.json.errors[0].message).toContain(String(r.json.id));

    await setStatus(call(), r.json.id, "approved");
    const info = await order(call(), orderId);
    expect(info.status).toBe("issued");
    expect(info.certificate.status).toBe("revoked");
    expect(info.requests.find((q: { type: string }) => q.type === "revoke").status).toBe("approved");

    const third = await call()("PUT", `/certificate/${certificateId}/revoke`);
    expect(third.json.errors[0].code).toBe("certificate_already_revoked");
  });

  test("a rejected revoke request changes nothing", async () => {
    const { orderId, certificateId } = await issuedOrder(call());
    const r = await call()("PUT", `/certificate/${certificateId}/revoke`);
    expect(r.json.comments).toBeUndefined();
    await setStatus(call(), r.json.id, "rejected");
    expect((await order(call(), orderId)).status).toBe("issued");
    expect((await call()("PUT", `/certificate/${certificateId}/revoke`)).status).toBe(201);
  });

  test("autoApproveRevoke revokes at once", async () => {
    await sim().admin.setSettings({ autoApproveRevoke: true });
    const { orderId, certificateId } = await issuedOrder(call());
    const r = await call()("PUT", `/certificate/${certificateId}/revoke`);
    expect(r.json.status).toBe("approved");
    expect((await order(call(), orderId)).certificate.status).toBe("revoked");
  });

  test("refused while the order has a pending reissue", async () => {
    const { orderId, certificateId } = await issuedOrder(call());
    const reissue = await call()("POST", `/order/certificate/${orderId}/reissue`, reissueBody());
    const r = await call()("PUT", `/certificate/${certificateId}/revoke`);
    expect(r.status).toBe(400);
    expect(r.json.errors[0].code).toBe("reissue_pending");
    expect(r.json.errors[0].message).toMatch(/cancel the reissue/);
    expect(r.json.errors[0].message).toContain(String(reissue.json.requests[0].id));
  });

  test("revoking a replaced certificate leaves the order issued", async () => {
    const { orderId, certificateId } = await issuedOrder(call());
    await call()("POST", `/order/certificate/${orderId}/reissue`, reissueBody({ skip_approval: true }));
    const r = await call()("PUT", `/certificate/${certificateId}/revoke`);
    await setStatus(call(), r.json.id, "approved");
    expect((await order(call(), orderId)).status).toBe("issued");
  });

  test("a certificate not yet issued cannot be revoked; unknown ids are 404", async () => {
    await sim().admin.setSettings({ issueDelayMs: 60_000 });
    const { certificateId } = await issuedOrder(call());
    expect((await call()("PUT", `/certificate/${certificateId}/revoke`)).json.errors[0].code).toBe("invalid_certificate_status");
    const unknown = await call()("PUT", "/certificate/42/revoke");
    expect(unknown.status).toBe(404);
    expect(unknown.json.errors[0].code).toBe("not_found|certificate");
  });

  test("a revoked order can still be reissued, as DigiCert documents", async () => {
    await sim().admin.setSettings({ autoApproveRevoke: true });
    const { orderId, certificateId } = await issuedOrder(call());
    await call()("PUT", `/certificate/${certificateId}/revoke`);
    const r = await call()("POST", `/order/certificate/${orderId}/reissue`, reissueBody({ skip_approval: true }));
    expect(r.status).toBe(201);
    expect((await order(call(), orderId)).status).toBe("issued");
  });
});

describe("revoke with skip_approval (an administrator's key) and the whole order (PUT /order/certificate/{id}/revoke)", () => {
  test("a certificate with skip_approval: 204, empty, revoked at once, no request kept", async () => {
    const { orderId, certificateId } = await issuedOrder(call());
    const r = await call()("PUT", `/certificate/${certificateId}/revoke`, { skip_approval: true });
    expect(r.status).toBe(204);
    expect(r.text).toBe("");
    const info = await order(call(), orderId);
    expect(info).toMatchObject({ status: "issued", certificate: { status: "revoked" } });
    expect(info.requests.filter((q: { type: string }) => q.type === "revoke")).toEqual([]);
  });

  test("an order: a revoke request; once approved every certificate and the order are revoked", async () => {
    const { orderId, certificateId } = await issuedOrder(call());
    await call()("POST", `/order/certificate/${orderId}/reissue`, reissueBody({ skip_approval: true }));
    const r = await call()("PUT", `/order/certificate/${orderId}/revoke`, { comments: "done with it", revocation_reason: "superseded" });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ type: "revoke", status: "pending", comments: "done with it" });
    expect((await call()("PUT", `/order/certificate/${orderId}/revoke`, {})).json.errors[0].code).toBe("revoke_request_pending");
    expect((await call()("PUT", `/certificate/${certificateId}/revoke`, {})).json.errors[0].code).toBe("revoke_request_pending");
    await setStatus(call(), r.json.id, "approved");
    const info = await order(call(), orderId);
    expect(info).toMatchObject({ status: "revoked", certificate: { status: "revoked" } });
    const first = await call()("PUT", `/certificate/${certificateId}/revoke`, {});
    expect(first.json.errors[0].code).toBe("certificate_already_revoked");
    expect((await call()("PUT", `/order/certificate/${orderId}/revoke`, {})).json.errors[0].code).toBe("order_already_revoked");
  });

  test("an order with skip_approval: 204, revoked at once; the page's `comment` is taken as well as `comments`", async () => {
    const { orderId } = await issuedOrder(call());
    const r = await call()("PUT", `/order/certificate/${orderId}/revoke`, { comment: "x", skip_approval: true });
    expect(r.status).toBe(204);
    expect((await order(call(), orderId)).status).toBe("revoked");
  });

  test("an order not issued, or with a pending reissue, is refused; a bad reason is 400", async () => {
    const placed = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody());
    expect((await call()("PUT", `/order/certificate/${placed.json.id}/revoke`, {})).json.errors[0].code).toBe("invalid_order_status");
    const { orderId } = await issuedOrder(call());
    expect((await call()("PUT", `/order/certificate/${orderId}/revoke`, { revocation_reason: "boredom" })).json.errors[0].message).toMatch(/^revocation_reason: /);
    await call()("POST", `/order/certificate/${orderId}/reissue`, reissueBody());
    expect((await call()("PUT", `/order/certificate/${orderId}/revoke`, {})).json.errors[0].code).toBe("reissue_pending");
  });
});

describe("order info as DigiCert sends it", () => {
  test("emails only for S/MIME orders: none for client_authentication_plus", async () => {
    const auth = await call()("POST", "/order/certificate/client_authentication_plus", orderBody());
    const info = await order(call(), auth.json.id);
    expect(info.certificate.emails).toBeUndefined();
    expect(info.certificate.organization).toEqual({ id: 112233 });
    const smime = await call()("POST", `/order/certificate/${PRODUCT}`, orderBody());
    expect((await order(call(), smime.json.id)).certificate.emails).toEqual(expect.arrayContaining([expect.any(String)]));
  });
});
