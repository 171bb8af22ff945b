// Every operation end to end against the CertCentral simulator.
import { CSR, orderRequest, useSimulator, ymdInDays } from "./support/sim";
import { CLIENT_PRODUCT_IDS, DigiCertApiError, type DigiCertClient } from "../../provider/digicert";

const h = useSimulator();

async function issued(c: DigiCertClient): Promise<{ orderId: number; certificateId: number }> {
  const r = await c.orderClientCertificate("client_premium_sha2", orderRequest({ skipApproval: true }));
  if (r.certificateId === undefined) throw new Error("expected an issued order");
  return { orderId: r.id, certificateId: r.certificateId };
}

async function apiError(p: Promise<unknown>): Promise<DigiCertApiError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DigiCertApiError) return err;
    throw err;
  }
  throw new Error("expected a DigiCertApiError");
}

describe("ordering", () => {
  test("an order waits for approval; approving its request issues it; the certificate downloads", async () => {
    const c = h.client();
    const placed = await c.orderClientCertificate("client_premium_sha2", orderRequest());
    expect(placed.requests).toHaveLength(1);
    expect(placed.requests[0]!.status).toBe("pending");
    expect(placed.certificateId).toBeUndefined();

    const waiting = await c.getOrder(placed.id);
    expect(waiting.id).toBe(placed.id);
    expect(waiting.status).toBe("needs_approval");
    expect(waiting.requests).toEqual([expect.objectContaining({ id: placed.requests[0]!.id, type: "new_request", status: "pending" })]);
    expect(waiting.certificate.id).toBeUndefined();
    expect(waiting.certificate.commonName).toBe("Lock Cole");
    expect(waiting.product?.nameId).toBe("client_premium_sha2");

    await c.updateRequestStatus(placed.requests[0]!.id, "approved", "ok by test");
    const done = await c.getOrder(placed.id);
    expect(done.status).toBe("issued");
    expect(done.certificate.id).toEqual(expect.any(Number));
    expect(done.certificate.serialNumber).toEqual(expect.any(String));
    expect(done.certificate.validTill).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const certId = done.certificate.id!;
    const all = await c.downloadCertificate(certId);
    const noRoot = await c.downloadCertificate(certId, "pem_noroot");
    const leaf = await c.downloadCertificate(certId, "cer");
    const p7b = await c.downloadCertificate(certId, "p7b");
    const count = (s: string): number => s.split("-----BEGIN CERTIFICATE-----").length - 1;
    expect(count(all)).toBe(3);
    expect(count(noRoot)).toBe(2);
    expect(count(leaf)).toBe(1);
    expect(p7b).toContain("PKCS7");
  });

  test("the request status `submitted` is reported as such", async () => {
    await h.sim().admin.setSettings({ newRequestStatus: "submitted" });
    const placed = await h.client().orderClientCertificate("client_authentication_plus", orderRequest());
    expect(placed.requests[0]!.status).toBe("submitted");
  });

  // The products that take the reference pages' body and issue on approval; the current
  // S/MIME products wait for email validation (below).
  test.each(["client_authentication_plus", "client_premium_sha2", "client_digital_signature_plus_sha2"] as const)("skip_approval issues %s at once, with a certificate id", async (product) => {
    const c = h.client();
    const placed = await c.orderClientCertificate(product, orderRequest({ skipApproval: true }));
    expect(placed.requests[0]!.status).toBe("approved");
    expect(placed.certificateId).toEqual(expect.any(Number));
    const info = await c.getOrder(placed.id);
    expect(info.status).toBe("issued");
    expect(info.product?.nameId).toBe(product);
    expect(info.certificate.id).toBe(placed.certificateId);
  });

  test("every product id is one the simulator sells", () => {
    expect(CLIENT_PRODUCT_IDS).toHaveLength(10);
  });

  test("client_premium with the 2025 subject waits for its emails' validation, read through getEmailValidation", async () => {
    const c = h.client();
    const placed = await c.orderClientCertificate(
      "client_premium",
      orderRequest({
        skipApproval: true,
        certificate: {
          commonName: "Alice Example",
          emails: ["alice@example.com"],
          signatureHash: "sha256",
          commonNameIndicator: "given_name_surname",
          individual: { firstName: "Alice", lastName: "Example" },
        },
      }),
    );
    expect(placed.certificateId).toEqual(expect.any(Number));
    expect((await c.getOrder(placed.id)).status).toBe("pending");
    const v = await c.getEmailValidation(placed.id);
    expect(v.emails).toEqual([{ email: "alice@example.com", status: "unvalidated", dateEmailed: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }]);
    await h.sim().admin.validateEmails(placed.id);
    expect((await c.getOrder(placed.id)).status).toBe("issued");
    expect((await c.getEmailValidation(placed.id)).emails?.[0]?.status).toBe("validated");
  });

  test("every optional field reaches the order", async () => {
    const c = h.client();
    const first = await issued(c);
    const expiry = ymdInDays(200);
    const placed = await c.orderClientCertificate(
      "client_digital_signature_plus_sha2",
      orderRequest({
        certificate: { commonName: "Jill Valentine", emails: ["jill@example.com"], signatureHash: "sha256", csr: CSR },
        container: { id: 445566 },
        validityYears: 2,
        customExpirationDate: expiry,
        autoRenew: 1,
        renewalOfOrderId: first.orderId,
        customFields: [{ metadataId: 12, value: "cost centre 4" }],
        paymentMethod: "card",
      }),
    );
    const info = await c.getOrder(placed.id);
    expect(info.container).toEqual({ id: 445566 });
    expect(info.paymentMethod).toBe("card");
    expect(info.isRenewal).toBe(true);
    // DigiCert's example renewal: is_renewal true, renewed_order_id 0.
    expect(info.renewedOrderId).toBe(0);
    expect(info.certificate.certValidity).toEqual({ customExpirationDate: expiry });
    expect(info.certificate.csr).toBe(CSR);
    expect((await c.getOrder(first.orderId)).isRenewed).toBe(true);
  });

  test("rejecting the request rejects the order; an unapproved order cannot be canceled, a pending one can", async () => {
    const c = h.client();
    const a = await c.orderClientCertificate("client_premium_sha2", orderRequest());
    await c.updateRequestStatus(a.requests[0]!.id, "rejected", "not this one");
    expect((await c.getOrder(a.id)).status).toBe("rejected");

    const b = await c.orderClientCertificate("client_premium_sha2", orderRequest());
    const refused = await apiError(c.cancelOrder(b.id, "changed my mind"));
    expect(refused.status).toBe(400);
    expect(refused.hasCode("invalid_order_status")).toBe(true);
    expect((await c.getOrder(b.id)).status).toBe("needs_approval");

    await h.sim().admin.setSettings({ issueDelayMs: 300_000 });
    const p = await c.orderClientCertificate("client_premium_sha2", orderRequest({ skipApproval: true }));
    expect((await c.getOrder(p.id)).status).toBe("pending");
    await c.cancelOrder(p.id, "changed my mind");
    expect((await c.getOrder(p.id)).status).toBe("canceled");
  });

  test("revokeOrder files one request for the whole order; with skip approval it revokes at once", async () => {
    const c = h.client();
    const a = await c.orderClientCertificate("client_premium_sha2", orderRequest({ skipApproval: true }));
    const request = await c.revokeOrder(a.id, { comments: "done" });
    expect(request).toMatchObject({ type: "revoke", status: "pending", comments: "done" });
    await c.updateRequestStatus(request!.id, "approved");
    expect(await c.getOrder(a.id)).toMatchObject({ status: "revoked", certificate: { status: "revoked" } });

    const b = await c.orderClientCertificate("client_premium_sha2", orderRequest({ skipApproval: true }));
    expect(await c.revokeOrder(b.id, { skipApproval: true })).toBeUndefined();
    expect((await c.getOrder(b.id)).status).toBe("revoked");

    const d = await c.orderClientCertificate("client_premium_sha2", orderRequest({ skipApproval: true }));
    expect(await c.revokeCertificateNow(d.certificateId!, "gone", { ofOrder: d.id })).toBeUndefined();
    expect(await c.getOrder(d.id)).toMatchObject({ status: "issued", certificate: { status: "revoked" } });
  });

  test("order info as DigiCert sends it: the organization id under certificate, no emails for a non-S/MIME order", async () => {
    const c = h.client();
    const a = await c.orderClientCertificate("client_authentication_plus", orderRequest({ skipApproval: true }));
    const info = await c.getOrder(a.id);
    expect(info.organization?.id).toBeUndefined();
    expect(info.certificate.organization?.id).toBe(112233);
    expect(info.certificate.emails).toBeUndefined();
  });

  test("an approved order stays pending until the simulated issuance delay passes", async () => {
    await h.sim().admin.setSettings({ issueDelayMs: 300_000 });
    const c = h.client();
    const placed = await c.orderClientCertificate("client_premium_sha2", orderRequest({ skipApproval: true }));
    expect((await c.getOrder(placed.id)).status).toBe("pending");
  });
});

describe("reissue", () => {
  test("a reissue waits for approval; it blocks revoking; cancelling it restores the order", async () => {
    const c = h.client();
    const { orderId, certificateId } = await issued(c);
    const r = await c.reissueCertificate(orderId, {
      certificate: { commonName: "Lock Cole", csr: CSR, signatureHash: "sha256" },
      comments: "new key",
    });
    expect(r.id).toBe(orderId);
    expect(r.requests).toHaveLength(1);
    expect(r.certificateId).toBeUndefined();
    expect((await c.getOrder(orderId)).status).toBe("reissue_pending");

    const blocked = await apiError(c.revokeCertificate(certificateId, "no"));
    expect(blocked.status).toBe(400);
    expect(blocked.hasCode("reissue_pending")).toBe(true);

    await c.cancelOrder(orderId, "keep the old one");
    const info = await c.getOrder(orderId);
    expect(info.status).toBe("issued");
    expect(info.certificate.id).toBe(certificateId);
    expect(info.requests.find((q) => q.id === r.requests![0]!.id)?.status).toBe("rejected");
  });

  test("with skip_approval the new certificate id comes back and replaces the old one", async () => {
    const c = h.client();
    const { orderId, certificateId } = await issued(c);
    const r = await c.reissueCertificate(orderId, {
      certificate: { commonName: "Lock Cole", csr: CSR, signatureHash: "sha256", dnsNames: [], serverPlatform: { id: -1 } },
      skipApproval: true,
    });
    expect(r.certificateId).toEqual(expect.any(Number));
    expect(r.certificateId).not.toBe(certificateId);
    expect((await c.getOrder(orderId)).certificate.id).toBe(r.certificateId);
  });

  test("approving a pending reissue via its request", async () => {
    const c = h.client();
    const { orderId, certificateId } = await issued(c);
    const r = await c.reissueCertificate(orderId, { certificate: { commonName: "Lock Cole", csr: CSR, signatureHash: "sha256" } });
    await c.updateRequestStatus(r.requests![0]!.id, "approved");
    const info = await c.getOrder(orderId);
    expect(info.status).toBe("issued");
    expect(info.certificate.id).not.toBe(certificateId);
  });
});

describe("CT status", () => {
  test("turns CT logging off and on again", async () => {
    const c = h.client();
    const { orderId } = await issued(c);
    await c.setCtStatus(orderId, true);
    expect((await c.getOrder(orderId)).disableCt).toBe(true);
    await c.setCtStatus(orderId, false);
    expect((await c.getOrder(orderId)).disableCt).toBe(false);
  });

  test("an account without CT logging answers 400 cert_transparency_turned_off_for_account", async () => {
    await h.sim().admin.setSettings({ ctLoggingEnabled: false });
    const c = h.client();
    const { orderId } = await issued(c);
    const err = await apiError(c.setCtStatus(orderId, true));
    expect(err.status).toBe(400);
    expect(err.hasCode("cert_transparency_turned_off_for_account")).toBe(true);
    expect(err.endpoint).toBe("PUT /order/certificate/{order_id}/ct-status");
  });
});

describe("duplicates", () => {
  test("issued and not-issued duplicates", async () => {
    const c = h.client();
    const { orderId } = await issued(c);
    expect(await c.listDuplicates(orderId)).toEqual([]);
    const issuedId = await h.sim().admin.addDuplicate(orderId, { issued: true });
    const pendingId = await h.sim().admin.addDuplicate(orderId, { issued: false });
    const list = await c.listDuplicates(orderId);
    expect(list.map((d) => d.id).sort()).toEqual([issuedId, pendingId].sort());
    const done = list.find((d) => d.id === issuedId)!;
    const waiting = list.find((d) => d.id === pendingId)!;
    expect(done.status).toBe("issued");
    expect(done.thumbprint).toEqual(expect.any(String));
    expect(done.validTill).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(done.daysRemaining).toEqual(expect.any(Number));
    expect(waiting.thumbprint).toBeUndefined();
    expect(waiting.serialNumber).toBeUndefined();
    expect(waiting.validFrom).toBeUndefined();
    expect(waiting.commonName).toBe("Lock Cole");
  });
});

describe("revoke", () => {
  test("files a pending revoke request; a second one is refused; approving it revokes", async () => {
    const c = h.client();
    const { orderId, certificateId } = await issued(c);
    const r = await c.revokeCertificate(certificateId, "I no longer need this cert.");
    expect(r.type).toBe("revoke");
    expect(r.status).toBe("pending");
    expect(r.comments).toBe("I no longer need this cert.");
    expect(r.requester?.id).toEqual(expect.any(Number));

    const again = await apiError(c.revokeCertificate(certificateId));
    expect(again.hasCode("revoke_request_pending")).toBe(true);
    expect(again.afterAmbiguousAttempt).toBe(false);

    await c.updateRequestStatus(r.id, "approved");
    expect((await c.getOrder(orderId)).requests.find((q) => q.id === r.id)?.status).toBe("approved");
    const twice = await apiError(c.revokeCertificate(certificateId));
    expect(twice.hasCode("certificate_already_revoked")).toBe(true);
  });

  test("auto-approved revoke answers approved", async () => {
    await h.sim().admin.setSettings({ autoApproveRevoke: true });
    const c = h.client();
    const { certificateId } = await issued(c);
    const r = await c.revokeCertificate(certificateId);
    expect(r.status).toBe("approved");
    expect(r.comments).toBeUndefined();
  });
});

describe("listing orders", () => {
  test("filters by product, common name, email, organization and day; items carry what identifies an order", async () => {
    const c = h.client();
    const mine = await c.orderClientCertificate(
      "client_email_security_plus",
      orderRequest({ certificate: { commonName: "Relm Arrowny", emails: ["relm@example.com"], signatureHash: "sha256", commonNameIndicator: "given_name_surname", individual: { firstName: "Relm", lastName: "Arrowny" } } }),
    );
    await c.orderClientCertificate("client_premium_sha2", orderRequest({ certificate: { commonName: "Relm Arrowny", emails: ["relm@example.com"], signatureHash: "sha256" } }));
    await c.orderClientCertificate("client_email_security_plus", orderRequest({ organization: { id: 445566 }, certificate: { commonName: "Relm Arrowny", emails: ["relm@example.com"], signatureHash: "sha256", commonNameIndicator: "pseudonym", individual: { pseudonym: "Relm Arrowny" } } }));
    const today = new Date().toISOString().slice(0, 10);
    const page = await c.listOrders({
      filters: { productNameId: "client_email_security_plus", commonName: "Relm Arrowny", email: "relm@example.com", organizationId: 112233, dateCreated: `${today}...${today}` },
      sort: "-date_created",
    });
    expect(page.page).toEqual({ total: 1, limit: 1000, offset: 0 });
    expect(page.orders).toEqual([
      expect.objectContaining({
        id: mine.id,
        status: "needs_approval",
        dateCreated: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        organization: { id: 112233 },
        product: expect.objectContaining({ nameId: "client_email_security_plus" }),
        certificate: expect.objectContaining({ commonName: "Relm Arrowny", emails: ["relm@example.com"] }),
      }),
    ]);
    expect((await c.listOrders()).page.total).toBe(3);
    const second = await c.listOrders({ sort: "order_id", offset: 1, limit: 1 });
    expect(second.orders.map((o) => o.id)).toEqual([mine.id + 1]);
    expect(second.page).toEqual({ total: 3, limit: 1, offset: 1 });
  });

  test("DigiCert's refusal of a filter surfaces with its code and message", async () => {
    const err = await apiError(h.client().listOrders({ sort: "price" }));
    expect(err.status).toBe(400);
    expect(err.errors[0]).toEqual({ code: "invalid_value", message: expect.stringMatching(/^sort: must be one of/) });
    expect(err.endpoint).toBe("GET /order/certificate");
  });
});
