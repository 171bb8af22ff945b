// What each resource and the function return, as zod schemas with DigiCert's
// descriptions: the source schema.json's outputs are generated from.
import { z } from "zod";
import { DuplicateCertificateSchema } from "../digicert";
import { certificateReissueInputs, clientCertificateOrderInputs, getOrderDuplicatesInputs, orderCtStatusInputs } from "./fields";

export const orderRequest = z
  .object({
    id: z.number().int().describe("ID of the request."),
    status: z.string().describe("Status of the request: pending, submitted, approved or rejected."),
  })
  .describe("A request on an order (for an order: its new-order request).");

export const clientCertificateOrderOutputs = clientCertificateOrderInputs.extend({
  orderId: z.number().int().describe("ID of the order."),
  certificateId: z.number().int().optional().describe("ID of the order's current certificate; present once the request is approved."),
  requests: z.array(orderRequest).describe("The order's new-order request and its status."),
  status: z
    .string()
    .describe("Status of the order: needs_approval, pending, processing, waiting_pickup, issued, reissue_pending, rejected, revoked, canceled or expired."),
  validFrom: z.string().optional().describe("Date the certificate is valid from (yyyy-MM-dd), once issued."),
  validTill: z.string().optional().describe("Date the certificate expires (yyyy-MM-dd), once issued."),
  serialNumber: z.string().optional().describe("Serial number of the certificate, once issued."),
  thumbprint: z.string().optional().describe("Thumbprint of the certificate, once issued."),
});

export const certificateReissueOutputs = certificateReissueInputs.extend({
  requests: z.array(orderRequest).describe("The reissue request and its status."),
  certificateId: z.number().int().optional().describe("ID of the reissued certificate, once approved."),
  status: z.string().describe("pending, approved or rejected (the reissue request), or issued once the reissued certificate is the order's."),
});

export const orderCtStatusOutputs = orderCtStatusInputs;

/** DigiCert's descriptions of a duplicate certificate's fields (list-duplicate-certificates page). */
export const DUPLICATE_CERTIFICATE_DESCRIPTIONS: Record<keyof z.infer<typeof DuplicateCertificateSchema>, string> = {
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

export const getOrderDuplicatesResult = z
  .object({
    certificates: z.array(DuplicateCertificateSchema).describe("The order's duplicate certificates."),
  })
  .describe("An order's duplicate certificates.");

export { getOrderDuplicatesInputs };
