import { z } from "zod";

// Brands keep an order id from being passed where a certificate or request id
// is expected; DigiCert's ids are all plain integers on the wire.
export const OrderIdSchema = z.number().int().brand<"OrderId">();
export const CertificateIdSchema = z.number().int().brand<"CertificateId">();
export const RequestIdSchema = z.number().int().brand<"RequestId">();

export type OrderId = z.infer<typeof OrderIdSchema>;
export type CertificateId = z.infer<typeof CertificateIdSchema>;
export type RequestId = z.infer<typeof RequestIdSchema>;

export const CLIENT_PRODUCT_IDS = [
  "client_premium_sha2",
  "client_email_security_plus",
  "client_authentication_plus",
  "client_digital_signature_plus_sha2",
] as const;
export type ClientProductId = (typeof CLIENT_PRODUCT_IDS)[number];

export function isClientProductId(v: unknown): v is ClientProductId {
  return typeof v === "string" && (CLIENT_PRODUCT_IDS as readonly string[]).includes(v);
}

export const DOWNLOAD_FORMATS = ["pem_all", "pem_noroot", "cer", "p7b"] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];
