// Answers to a placed order, a reissue, a revoke, the email validation and duplicates reads.
// Lenient about extra fields: see index.ts.
import { z } from "zod";
import { CertificateIdSchema, OrderIdSchema, RequestIdSchema } from "../ids";
import { lenientEnum } from "../lenient";
import { CertificateStatusSchema, EMAIL_VALIDATION_STATUSES, RequestStatusSchema, RequestTypeSchema } from "./enums";
import { int, WireServerPlatform } from "./scalars";

export const WireOrderClientCertificateResponse = z.object({
  id: OrderIdSchema,
  // Only present when a new organization was created with the order.
  organization: z.object({ id: int() }).optional(),
  requests: z.array(z.object({ id: RequestIdSchema, status: RequestStatusSchema })),
  // Only present when the request status is `approved`.
  certificate_id: CertificateIdSchema.optional(),
  // Present when the certificate issued at once.
  certificate_chain: z.array(z.object({ subject_common_name: z.string().optional(), pem: z.string() })).optional(),
});

/** GET /order/certificate/{order_id}/email-validation ("Email validation status"). */
export const WireEmailValidationResponse = z.object({
  delivery_options: z.array(z.string()).optional(),
  // Absent or empty for an order with nothing to validate.
  emails: z
    .array(z.object({ email: z.string(), status: lenientEnum("email validation status", EMAIL_VALIDATION_STATUSES), date_emailed: z.string().optional() }))
    .optional(),
});

export const WireReissueResponse = z.object({
  id: OrderIdSchema,
  requests: z.array(z.object({ id: RequestIdSchema, status: RequestStatusSchema.optional() })).optional(),
  // Only present with skip_approval.
  certificate_id: CertificateIdSchema.optional(),
});

export const WireDuplicateCertificate = z.object({
  id: CertificateIdSchema,
  // Items that are not issued lack thumbprint, serial_number, valid_from, valid_till, days_remaining.
  thumbprint: z.string().optional(),
  serial_number: z.string().optional(),
  common_name: z.string(),
  dns_names: z.array(z.string()).optional(),
  status: CertificateStatusSchema,
  date_created: z.string(),
  valid_from: z.string().optional(),
  valid_till: z.string().optional(),
  days_remaining: int().optional(),
  csr: z.string().optional(),
  server_platform: WireServerPlatform.optional(),
  signature_hash: z.string().optional(),
  key_size: int().optional(),
  ca_cert_id: z.string().optional(),
  sub_id: z.string().optional(),
  public_id: z.string().optional(),
  archived: z.string().optional(),
  user_id: int().optional(),
  firstname: z.string().optional(),
  lastname: z.string().optional(),
});

export const WireListDuplicatesResponse = z.object({
  certificates: z.array(WireDuplicateCertificate),
});

export const WireRevokeResponse = z.object({
  id: RequestIdSchema,
  date: z.string(),
  type: RequestTypeSchema,
  status: RequestStatusSchema,
  requester: z
    .object({
      id: int(),
      first_name: z.string().optional(),
      last_name: z.string().optional(),
      email: z.string().optional(),
    })
    .optional(),
  comments: z.string().optional(),
});
