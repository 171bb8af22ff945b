// The products a real account offers today and their order bodies' rules, from DigiCert's
// pages "Order client certificate" and "Order Secure Email (S/MIME) certificate", and the
// email validation an S/MIME order waits for ("Email validation status").
import { orderBody, useSimulator } from "./support/helpers";

const { sim, call } = useSimulator();

const emails = ["alice@example.com", "alice.work@example.com"];
const named = { common_name_indicator: "given_name_surname", individual: { first_name: "Alice", last_name: "Example" } };

function body(certificate: Record<string, unknown>, over: Record<string, unknown> = {}): Record<string, unknown> {
  return orderBody({ certificate: { emails, signature_hash: "sha256", ...certificate }, ...over });
}

async function refused(product: string, b: Record<string, unknown>): Promise<string[]> {
  const r = await call()("POST", `/order/certificate/${product}`, b);
  expect(r.status).toBe(400);
  return (r.json.errors as { code: string; message: string }[]).map((e) => `${e.code}: ${e.message}`);
}

describe("current client products", () => {
  test.each(["client_premium", "client_digital_signature_plus", "client_email_security_plus"])(
    "%s without common_name_indicator is refused in DigiCert's error shape, naming the field",
    async (product) => {
      const errors = await refused(product, body({ common_name: "Alice Example" }));
      expect(errors).toEqual([
        `missing_field: certificate.common_name_indicator: required for ${product}, one of given_name_surname, pseudonym`,
        "missing_field: certificate.individual: required",
      ]);
    },
  );

  test("given_name_surname needs both names; pseudonym needs the pseudonym", async () => {
    expect(await refused("client_premium", body({ common_name_indicator: "given_name_surname", individual: { first_name: "Alice" } }))).toEqual([
      "missing_field: certificate.individual.last_name: required when common_name_indicator is given_name_surname",
    ]);
    expect(await refused("client_premium", body({ common_name_indicator: "pseudonym", individual: { first_name: "A", last_name: "B" } }))).toEqual([
      "missing_field: certificate.individual.pseudonym: required when common_name_indicator is pseudonym",
    ]);
    expect(await refused("client_premium", body({ common_name_indicator: "email_address", individual: { pseudonym: "x" } }))).toEqual([
      "invalid_value: certificate.common_name_indicator: must be one of given_name_surname, pseudonym",
    ]);
  });

  test("client_premium with the indicator is accepted and named after the individual; it waits for its emails even when approved", async () => {
    const r = await call()("POST", "/order/certificate/client_premium", body(named, { skip_approval: true }));
    expect(r.status).toBe(201);
    expect(Object.keys(r.json).sort()).toEqual(["certificate_id", "id", "requests"]);
    const info = await call()("GET", `/order/certificate/${r.json.id}`);
    expect(info.json.status).toBe("pending");
    expect(info.json.certificate.common_name).toBe("Alice Example");
    expect(info.json.product).toEqual(expect.objectContaining({ name_id: "client_premium", name: "Premium" }));
    const v = await call()("GET", `/order/certificate/${r.json.id}/email-validation`);
    expect(v.status).toBe(200);
    expect(v.json).toEqual({
      delivery_options: ["api", "browser"],
      emails: emails.map((email) => ({ email, status: "unvalidated", date_emailed: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) })),
    });
  });

  test("validating one address is not enough; validating all issues the certificate", async () => {
    const r = await call()("POST", "/order/certificate/client_premium", body(named, { skip_approval: true }));
    await sim().admin.validateEmails(r.json.id, [emails[0]!]);
    expect((await call()("GET", `/order/certificate/${r.json.id}`)).json.status).toBe("pending");
    const v = await call()("GET", `/order/certificate/${r.json.id}/email-validation`);
    expect(v.json.emails.map((e: { status: string }) => e.status)).toEqual(["validated", "unvalidated"]);
    await sim().admin.validateEmails(r.json.id);
    const info = await call()("GET", `/order/certificate/${r.json.id}`);
    expect(info.json.status).toBe("issued");
    expect(info.json.certificate.serial_number).toEqual(expect.any(String));
    const pem = await call()("GET", `/certificate/${r.json.certificate_id}/download/format/pem_all`);
    expect(pem.status).toBe(200);
  });

  test("validated addresses before approval: the order issues when approved", async () => {
    const r = await call()("POST", "/order/certificate/client_premium", body(named));
    await sim().admin.validateEmails(r.json.id);
    expect((await call()("GET", `/order/certificate/${r.json.id}`)).json.status).toBe("needs_approval");
    const rq = await call()("PUT", `/request/${r.json.requests[0].id}/status`, { status: "approved" });
    expect(rq.status).toBe(204);
    expect((await call()("GET", `/order/certificate/${r.json.id}`)).json.status).toBe("issued");
  });

  test("class1_smime takes no common name: DigiCert sets it to the first email", async () => {
    const r = await call()("POST", "/order/certificate/class1_smime", body({}, { skip_approval: true }));
    expect(r.status).toBe(201);
    const info = await call()("GET", `/order/certificate/${r.json.id}`);
    expect(info.json.certificate.common_name).toBe(emails[0]);
    expect(info.json.status).toBe("pending");
  });

  test("client_authentication_plus is not S/MIME: common_name required, issued at once, no emails to validate", async () => {
    expect(await refused("client_authentication_plus", body({}))).toEqual(["missing_field: certificate.common_name: required"]);
    const r = await call()("POST", "/order/certificate/client_authentication_plus", body({ common_name: "svc" }, { skip_approval: true }));
    expect(r.json.certificate_chain).toHaveLength(3);
    const v = await call()("GET", `/order/certificate/${r.json.id}/email-validation`);
    expect(v.json).toEqual({ delivery_options: ["api", "browser"], emails: [] });
  });

  test("the reference pages' ids keep their body (no indicator) and issue on approval; an indicator sent is judged", async () => {
    const r = await call()("POST", "/order/certificate/client_premium_sha2", body({ common_name: "Lock Cole" }, { skip_approval: true }));
    expect(r.status).toBe(201);
    expect(r.json.certificate_chain).toHaveLength(3);
    const v = await call()("GET", `/order/certificate/${r.json.id}/email-validation`);
    expect(v.json.emails.map((e: { status: string }) => e.status)).toEqual(["validated", "validated"]);
    expect(await refused("client_premium_sha2", body({ common_name: "x", common_name_indicator: "pseudonym", individual: {} }))).toEqual([
      "missing_field: certificate.individual.pseudonym: required when common_name_indicator is pseudonym",
    ]);
  });

  test("the email-validation endpoint answers 404 for an unknown order", async () => {
    const r = await call()("GET", "/order/certificate/99999999/email-validation");
    expect(r.status).toBe(404);
    expect(r.json.errors[0].code).toBe("not_found|order");
  });
});

describe("Secure Email", () => {
  const usage = { usage_designation: { primary_usage: "signing", additional_usages: ["non_repudiation"] } };

  test("secure_email_sponsor: indicator, individual and primary_usage required", async () => {
    expect(await refused("secure_email_sponsor", body({}))).toEqual([
      "missing_field: certificate.usage_designation: required",
      "missing_field: certificate.common_name_indicator: required, one of given_name_surname, pseudonym, email_address",
      "missing_field: certificate.individual: required",
    ]);
    expect(await refused("secure_email_sponsor", body({ ...usage, common_name_indicator: "email_address", individual: {} }))).toEqual([
      "missing_field: certificate.individual: required for secure_email_sponsor: first_name and last_name, or pseudonym",
    ]);
    expect(await refused("secure_email_sponsor", body({ ...named, usage_designation: {} }))).toEqual([
      "missing_field: certificate.usage_designation.primary_usage: required, one of signing, key_management, dual_use",
    ]);
  });

  test("profile_type is strict or multipurpose; strict supports no client_auth", async () => {
    expect(await refused("secure_email_sponsor", body({ ...named, ...usage, profile_type: "legacy" }))).toEqual([
      "invalid_value: certificate.profile_type: must be one of strict, multipurpose",
    ]);
    const clientAuth = { usage_designation: { primary_usage: "dual_use", additional_usages: ["client_auth"] } };
    expect(await refused("secure_email_sponsor", body({ ...named, ...clientAuth }))).toEqual([
      "invalid_value: certificate.usage_designation.additional_usages[0]: client_auth is not supported by the strict profile",
    ]);
    const ok = await call()("POST", "/order/certificate/secure_email_sponsor", body({ ...named, ...clientAuth, profile_type: "multipurpose" }));
    expect(ok.status).toBe(201);
  });

  test("secure_email_mailbox: named after the first email, waits for validation, then issues", async () => {
    const r = await call()("POST", "/order/certificate/secure_email_mailbox", body({ ...usage }, { skip_approval: true }));
    expect(r.status).toBe(201);
    const info = await call()("GET", `/order/certificate/${r.json.id}`);
    expect(info.json.certificate.common_name).toBe(emails[0]);
    expect(info.json.status).toBe("pending");
    await sim().admin.validateEmails(r.json.id);
    expect((await call()("GET", `/order/certificate/${r.json.id}`)).json.status).toBe("issued");
  });

  test("secure_email_organization: organization_name or email_address", async () => {
    expect(await refused("secure_email_organization", body({ ...usage, common_name_indicator: "pseudonym" }))).toEqual([
      "invalid_value: certificate.common_name_indicator: must be one of organization_name, email_address",
    ]);
    const r = await call()("POST", "/order/certificate/secure_email_organization", body({ ...usage, common_name_indicator: "email_address" }));
    expect(r.status).toBe(201);
  });
});
