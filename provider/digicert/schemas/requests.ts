// Request bodies and the list query, snake_case as on the wire. Strict: see index.ts.
import { z } from "zod";
import { PAYMENT_METHODS } from "./enums";
import { int, ymd } from "./scalars";

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
