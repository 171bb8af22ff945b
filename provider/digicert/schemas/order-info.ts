// GET /order/certificate/{order_id}: the order as DigiCert holds it.
import { z } from "zod";
import { CertificateIdSchema, OrderIdSchema, RequestIdSchema } from "../ids";
import { OrderStatusSchema, PaymentMethodSchema, RequestStatusSchema, RequestTypeSchema } from "./enums";
import { int, WireServerPlatform } from "./scalars";

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
