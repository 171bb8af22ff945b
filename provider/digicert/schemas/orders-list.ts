// GET /order/certificate: one page of the account's orders.
import { z } from "zod";
import { CertificateIdSchema, OrderIdSchema } from "../ids";
import { OrderStatusSchema } from "./enums";
import { int } from "./scalars";

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
