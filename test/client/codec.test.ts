// The snake_case <-> camelCase codec derived from the wire schemas.
import { z } from "zod";
import { camelSchema, decode, encode, snakeToCamel } from "../../provider/digicert/codec";
import { OrderClientCertificateRequestSchema, WireOrderClientCertificateRequest, WireOrderInfo } from "../../provider/digicert/schemas";

test("snakeToCamel", () => {
  expect(["common_name", "renewal_of_order_id", "ca_cert_id", "id", "firstname"].map(snakeToCamel)).toEqual([
    "commonName",
    "renewalOfOrderId",
    "caCertId",
    "id",
    "firstname",
  ]);
});

test("derived camel schemas keep checks and strictness", () => {
  const ok = {
    certificate: { commonName: "A", emails: ["a@example.com"], signatureHash: "sha256" },
    organization: { id: 1 },
    validityYears: 1,
  };
  expect(OrderClientCertificateRequestSchema.safeParse(ok).success).toBe(true);
  const noEmails = OrderClientCertificateRequestSchema.safeParse({ ...ok, certificate: { ...ok.certificate, emails: [] } });
  expect(noEmails.success).toBe(false);
  expect(noEmails.error?.issues[0]?.path).toEqual(["certificate", "emails"]);
  const snakeKey = OrderClientCertificateRequestSchema.safeParse({ ...ok, validity_years: 1 });
  expect(snakeKey.success).toBe(false);
  const badDate = OrderClientCertificateRequestSchema.safeParse({ ...ok, customExpirationDate: "31/01/2030" });
  expect(badDate.success).toBe(false);
});

test("encode and decode are inverse on every declared field, and drop undeclared ones", () => {
  const api = {
    certificate: { commonName: "A", emails: ["a@example.com"], signatureHash: "sha256" as const, organizationUnits: ["X"] },
    organization: { id: 1 },
    container: { id: 2 },
    validityYears: 2 as const,
    customFields: [{ metadataId: 3, value: "v" }],
    renewalOfOrderId: 4,
  };
  const wire = encode(WireOrderClientCertificateRequest, api);
  expect(wire).toStrictEqual({
    certificate: { common_name: "A", emails: ["a@example.com"], signature_hash: "sha256", organization_units: ["X"] },
    organization: { id: 1 },
    container: { id: 2 },
    validity_years: 2,
    custom_fields: [{ metadata_id: 3, value: "v" }],
    renewal_of_order_id: 4,
  });
  expect(decode(WireOrderClientCertificateRequest, WireOrderClientCertificateRequest.parse(wire))).toStrictEqual(api);

  const info = WireOrderInfo.parse({ id: 1, status: "issued", requests: [], certificate: { ca_cert: { id: 5 } }, extra: 1 });
  expect(decode(WireOrderInfo, info)).toStrictEqual({ id: 1, status: "issued", requests: [], certificate: { caCert: { id: 5 } } });
});

test("the codec refuses wire shapes it cannot map faithfully", () => {
  expect(() => camelSchema(z.object({ a_b: z.string(), aB: z.string() }))).toThrow(/two wire keys/);
  expect(() => camelSchema(z.object({ x: z.union([z.object({ a_b: z.string() }), z.string()]) }))).toThrow(/does not walk/);
});
