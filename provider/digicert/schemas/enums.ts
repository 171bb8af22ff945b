// The enums DigiCert documents for its answers, read leniently.
import { type Lenient, lenientEnum } from "../lenient";

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
