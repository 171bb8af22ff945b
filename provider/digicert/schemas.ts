// One zod schema per DigiCert wire object, snake_case exactly as on the wire.
// The camelCase API schemas and types are derived in one step (codec.ts).
//
// Requests are strict: an order costs money, and a misspelt optional field
// silently dropped (say `skipApproval` typed as `skip_approval`) would place a
// different order from the one asked for. Responses are lenient about extra
// fields (DigiCert adds fields over time) but strict about the ones we use.
import { z } from "zod";
import { camelSchema } from "./codec";
import { CertificateIdSchema, OrderIdSchema, RequestIdSchema } from "./ids";
import { lenientEnum, type Lenient } from "./lenient";

const int = () => z.number().int();
const ymd = () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date formatted yyyy-MM-dd");

// What DigiCert documents for each enum it answers. Answers are read leniently
// (lenient.ts): another value is read as it is and reported once by the client.
export const ORDER_STATUSES = [
  "needs_approval",
  "pending",
  "processing",
  "waiting_pickup",
  "issued",
  "reissue_pending",
  "rejected",
  "revoked",
  "canceled",
  "expired",
] as const;
export type KnownOrderStatus = (typeof ORDER_STATUSES)[number];
export type OrderStatus = Lenient<KnownOrderStatus>;
export const OrderStatusSchema = lenientEnum("order status", ORDER_STATUSES);

export const REQUEST_STATUSES = ["pending", "submitted", "approved", "rejected"] as const;
export type KnownRequestStatus = (typeof REQUEST_STATUSES)[number];
export type RequestStatus = Lenient<KnownRequestStatus>;
export const RequestStatusSchema = lenientEnum("request status", REQUEST_STATUSES);

export const REQUEST_TYPES = ["new_request", "revoke", "duplicate", "reissue"] as const;
export const RequestTypeSchema = lenientEnum("request type", REQUEST_TYPES);

export const PAYMENT_METHODS = ["balance", "card", "profile"] as const;
export const PaymentMethodSchema = lenientEnum("payment method", PAYMENT_METHODS);

/** An email address's validation status on an S/MIME order ("Email validation status"). */
export const EMAIL_VALIDATION_STATUSES = ["validated", "unvalidated"] as const;

/** A certificate's status as the duplicates list documents it. */
export const CERTIFICATE_STATUSES = ["approved", "issued", "pending", "rejected"] as const;
export type KnownCertificateStatus = (typeof CERTIFICATE_STATUSES)[number];
export const CertificateStatusSchema = lenientEnum("certificate status", CERTIFICATE_STATUSES);

// ---------------------------------------------------------------- requests

export const WireOrderClientCertificateRequest = z.strictObject({
  certificate: z.strictObject({
    // Absent for the products DigiCert names after the first email (class1_smime, Secure Email).
    common_name: z.string().min(1).optional(),
    emails: z.array(z.string().min(1)).min(1),
    signature_hash: z.literal("sha256"),
    organization_units: z.array(z.string()).optional(),
    csr: z.string().min(1).optional(),
    // S/MIME subject, inside `certificate` as DigiCert's pages place them (2025-07-10 changes).
    common_name_indicator: z.string().min(1).optional(),
    individual: z
      .strictObject({ first_name: z.string().min(1).optional(), last_name: z.string().min(1).optional(), pseudonym: z.string().min(1).optional() })
      .optional(),
    // Secure Email only.
    usage_designation: z.strictObject({ primary_usage: z.string().min(1), additional_usages: z.array(z.string().min(1)).optional() }).optional(),
    profile_type: z.string().min(1).optional(),
  }),
  auto_renew: int().nonnegative().optional(),
  renewal_of_order_id: int().positive().optional(),
  skip_approval: z.boolean().optional(),
  organization: z.strictObject({ id: int() }),
  container: z.strictObject({ id: int() }).optional(),
  validity_years: z.union([z.literal(1), z.literal(2)]),
  custom_expiration_date: ymd().optional(),
  custom_fields: z.array(z.strictObject({ metadata_id: int(), value: z.string() })).optional(),
  payment_method: z.enum(PAYMENT_METHODS).optional(),
});

export const WireReissueRequest = z.strictObject({
  certificate: z.strictObject({
    common_name: z.string().min(1),
    dns_names: z.array(z.string().min(1)).optional(),
    csr: z.string().min(1),
    server_platform: z.strictObject({ id: int() }).optional(),
    signature_hash: z.string().min(1),
  }),
  comments: z.string().optional(),
  skip_approval: z.boolean().optional(),
});

export const WireCtStatusRequest = z.strictObject({ disable_ct: z.boolean() });

// skip_approval: only an administrator's key may send it (Revoke certificate page); answered 204, empty.
export const WireRevokeRequest = z.strictObject({ comments: z.string().optional(), skip_approval: z.boolean().optional() });

// PUT /order/certificate/{order_id}/revoke. The page's table names `comment`, its
// examples send `comments`: sent as the examples do. `revocation_reason` is for TLS
// certificates only ("ignored for other certificate types"), so it is not sent.
export const WireRevokeOrderRequest = z.strictObject({ comments: z.string().optional(), skip_approval: z.boolean().optional() });

export const WireUpdateRequestStatusRequest = z.strictObject({
  status: z.enum(["approved", "rejected"]),
  processor_comment: z.string().optional(),
});

export const WireCancelOrderRequest = z.strictObject({
  status: z.literal("canceled"),
  note: z.string().min(1),
});

// A list query, wire-named; the client sends `filters` as `filters[name]=value`.
// Date filters take the two operators DigiCert's pages and public clients show: a range
// `from...to` (Status change list page; clients on List orders) and `>from` (Keyfactor's
// production client). `>=`, `<` and `<=` are documented nowhere and are not sent.
const DATE = "\\d{4}-\\d{2}-\\d{2}(?: \\d{2}:\\d{2}:\\d{2})?";
const dayFilter = () =>
  z
    .string()
    .regex(
      new RegExp(`^(?:>${DATE}|${DATE}\\.\\.\\.${DATE})$`),
      "must be a range yyyy-MM-dd...yyyy-MM-dd or >yyyy-MM-dd (times yyyy-MM-dd hh:mm:ss allowed), the operators DigiCert documents",
    );

export const WireListOrdersQuery = z.strictObject({
  filters: z
    .strictObject({
      status: z.string().min(1).optional(),
      product_name_id: z.string().min(1).optional(),
      common_name: z.string().min(1).optional(),
      email: z.string().min(1).optional(),
      search: z.string().min(1).optional(),
      organization_id: int().positive().optional(),
      container_id: int().positive().optional(),
      date_created: dayFilter().optional(),
      valid_till: dayFilter().optional(),
    })
    .optional(),
  sort: z.string().regex(/^[-+]?[a-z_]+$/, "must be a field name, with - for descending").optional(),
  offset: int().nonnegative().optional(),
  limit: int().min(1).max(1000).optional(),
});

// --------------------------------------------------------------- responses

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

const WireServerPlatform = z.object({
  id: int(),
  name: z.string().optional(),
  install_url: z.string().optional(),
  csr_url: z.string().optional(),
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

export const WireOrderInfo = z.object({
  id: OrderIdSchema,
  status: OrderStatusSchema,
  is_renewal: z.boolean().optional(),
  is_renewed: z.boolean().optional(),
  renewed_order_id: int().optional(),
  date_created: z.string().optional(),
  disable_ct: z.boolean().optional(),
  allow_duplicates: z.boolean().optional(),
  public_id: z.string().optional(),
  receipt_id: int().optional(),
  payment_method: PaymentMethodSchema.optional(),
  // DigiCert's example has the top-level organization with name and address and no id:
  // the id stands under certificate.organization.id (organizationIdOf).
  organization: z.object({ id: int().optional(), name: z.string().optional() }).optional(),
  container: z.object({ id: int(), name: z.string().optional() }).optional(),
  product: z
    .object({
      name_id: z.string(),
      name: z.string().optional(),
      type: z.string().optional(),
      validation_type: z.string().optional(),
    })
    .optional(),
  requests: z.array(
    z.object({
      id: RequestIdSchema,
      date: z.string().optional(),
      type: RequestTypeSchema.optional(),
      status: RequestStatusSchema,
      comments: z.string().optional(),
    }),
  ),
  certificate: z.object({
    id: CertificateIdSchema.optional(),
    // This certificate's own status: `revoked` while the order may stay `issued` (a
    // certificate revoked on a single-certificate order). Not in the reachable part of
    // the page's table; public clients read it first (Keyfactor). Any text is taken.
    status: z.string().optional(),
    thumbprint: z.string().optional(),
    serial_number: z.string().optional(),
    common_name: z.string().optional(),
    // "Returned only for S/MIME certificate orders" (Order info page).
    emails: z.array(z.string()).optional(),
    organization: z.object({ id: int().optional() }).optional(),
    dns_names: z.array(z.string()).optional(),
    organization_units: z.array(z.string()).optional(),
    date_created: z.string().optional(),
    date_issued: z.string().optional(),
    valid_from: z.string().optional(),
    valid_till: z.string().optional(),
    days_remaining: int().optional(),
    csr: z.string().optional(),
    signature_hash: z.string().optional(),
    key_size: int().optional(),
    server_platform: WireServerPlatform.optional(),
    ca_cert: z.object({ id: z.union([z.string(), z.number()]).optional(), name: z.string().optional() }).optional(),
    cert_validity: z
      .object({ years: int().optional(), days: int().optional(), custom_expiration_date: z.string().optional() })
      .optional(),
  }),
  certificate_chain: z.array(z.object({ subject_common_name: z.string().optional(), pem: z.string() })).optional(),
});

export const WireOrderListItem = z.object({
  id: OrderIdSchema,
  // Lenient like every answered enum: one unexpected status on some unrelated order must not make the whole list unreadable.
  status: OrderStatusSchema,
  date_created: z.string(),
  is_renewed: z.boolean().optional(),
  validity_years: int().optional(),
  organization: z.object({ id: int(), name: z.string().optional() }).optional(),
  container: z.object({ id: int(), name: z.string().optional() }).optional(),
  product: z.object({ name_id: z.string(), name: z.string().optional(), type: z.string().optional() }).optional(),
  product_name_id: z.string().optional(),
  has_duplicates: z.boolean().optional(),
  certificate: z
    .object({
      id: CertificateIdSchema.optional(),
      common_name: z.string().optional(),
      dns_names: z.array(z.string()).optional(),
      emails: z.array(z.string()).optional(),
      valid_till: z.string().optional(),
      days_remaining: int().optional(),
      signature_hash: z.string().optional(),
    })
    .optional(),
});

export const WireListOrdersResponse = z.object({
  // Absent on an empty page in some answers.
  orders: z.array(WireOrderListItem).optional(),
  page: z.object({ total: int(), limit: int(), offset: int() }).optional(),
});

// ----------------------------------------------------- camelCase API types

export const OrderClientCertificateRequestSchema = camelSchema(WireOrderClientCertificateRequest);
export type OrderClientCertificateRequest = z.infer<typeof OrderClientCertificateRequestSchema>;

export const ReissueRequestSchema = camelSchema(WireReissueRequest);
export type ReissueRequest = z.infer<typeof ReissueRequestSchema>;

export const CtStatusRequestSchema = camelSchema(WireCtStatusRequest);
export const RevokeRequestSchema = camelSchema(WireRevokeRequest);
export const RevokeOrderRequestSchema = camelSchema(WireRevokeOrderRequest);
export const UpdateRequestStatusRequestSchema = camelSchema(WireUpdateRequestStatusRequest);
export const CancelOrderRequestSchema = camelSchema(WireCancelOrderRequest);

export const OrderClientCertificateResponseSchema = camelSchema(WireOrderClientCertificateResponse);
export type OrderClientCertificateResponse = z.infer<typeof OrderClientCertificateResponseSchema>;

export const ReissueResponseSchema = camelSchema(WireReissueResponse);
export const EmailValidationResponseSchema = camelSchema(WireEmailValidationResponse);
export type EmailValidationResponse = z.infer<typeof EmailValidationResponseSchema>;
export type ReissueResponse = z.infer<typeof ReissueResponseSchema>;

export const DuplicateCertificateSchema = camelSchema(WireDuplicateCertificate);
export type DuplicateCertificate = z.infer<typeof DuplicateCertificateSchema>;

export const RevokeResponseSchema = camelSchema(WireRevokeResponse);
export type RevokeResponse = z.infer<typeof RevokeResponseSchema>;

export const OrderInfoSchema = camelSchema(WireOrderInfo);
export type OrderInfo = z.infer<typeof OrderInfoSchema>;

export const ListOrdersQuerySchema = camelSchema(WireListOrdersQuery);
export type ListOrdersQuery = z.infer<typeof ListOrdersQuerySchema>;

export const OrderListItemSchema = camelSchema(WireOrderListItem);
export type OrderListItem = z.infer<typeof OrderListItemSchema>;

export interface ListOrdersPage {
  orders: OrderListItem[];
  page: { total: number; limit: number; offset: number };
}
