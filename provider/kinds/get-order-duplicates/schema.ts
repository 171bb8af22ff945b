// getOrderDuplicates, defined once: its input, and its result in DigiCert's words (the
// client's duplicate-certificate schema, described here for schema.json and the docs).
import { z } from "zod";
import { DuplicateCertificateSchema } from "../../digicert";
import { defineFunction, OBJECT_TYPES } from "../../kit/inputs/definition";
import { positiveId } from "../../kit/inputs/fields";

/** DigiCert's descriptions of a duplicate certificate's fields (list-duplicate-certificates page). */
const DUPLICATE_CERTIFICATE_DESCRIPTIONS: Record<keyof z.infer<typeof DuplicateCertificateSchema>, string> = {
  id: "Certificate ID.",
  thumbprint: "Thumbprint of the certificate (issued certificates only).",
  serialNumber: "Serial number of the certificate (issued certificates only).",
  commonName: "Name secured by the certificate.",
  dnsNames: "Other names secured by the certificate.",
  status: "Status of the certificate: approved, issued, pending or rejected.",
  dateCreated: "When the certificate was requested (UTC, ISO 8601).",
  validFrom: "Date the certificate is valid from (yyyy-MM-dd; issued certificates only).",
  validTill: "Date the certificate expires (yyyy-MM-dd; issued certificates only).",
  daysRemaining: "Days until the certificate expires (issued certificates only).",
  csr: "Certificate signing request.",
  serverPlatform: "Server platform of the certificate: id, name, install_url, csr_url.",
  signatureHash: "Signature hash algorithm of the certificate.",
  keySize: "Key size of the certificate.",
  caCertId: "ID of the issuing intermediate CA certificate.",
  subId: "Sub-ID of the duplicate.",
  publicId: "Public ID of the certificate.",
  archived: 'Whether the certificate is archived: "1" yes, "0" no.',
  userId: "ID of the user who requested the duplicate.",
  firstname: "First name of the user who requested the duplicate.",
  lastname: "Last name of the user who requested the duplicate.",
};

OBJECT_TYPES.add(DuplicateCertificateSchema, {
  name: "DuplicateCertificate",
  description: "A duplicate certificate of an order.",
  fieldDescriptions: DUPLICATE_CERTIFICATE_DESCRIPTIONS,
});
OBJECT_TYPES.add(DuplicateCertificateSchema.shape.serverPlatform.unwrap(), {
  name: "ServerPlatform",
  description: "A server platform.",
  fieldDescriptions: { id: "Server platform ID.", name: "Server platform name.", installUrl: "Installation instructions URL.", csrUrl: "CSR instructions URL." },
});

export const getOrderDuplicates = defineFunction({
  name: "getOrderDuplicates",
  inputs: z
    .strictObject({
      orderId: positiveId("the order whose duplicates are listed").describe("ID of the order."),
    })
    .describe("Lists the duplicate certificates of an order."),
  result: z
    .object({
      certificates: z.array(DuplicateCertificateSchema).describe("The order's duplicate certificates."),
    })
    .describe("An order's duplicate certificates."),
});

export type GetOrderDuplicatesInputs = z.infer<typeof getOrderDuplicates.inputs>;
export type GetOrderDuplicatesResult = z.infer<typeof getOrderDuplicates.result>;
