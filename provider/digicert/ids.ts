import { z } from "zod";

// Brands keep an order id from being passed where a certificate or request id
// is expected; DigiCert's ids are all plain integers on the wire.
export const OrderIdSchema = z.number().int().brand<"OrderId">();
export const CertificateIdSchema = z.number().int().brand<"CertificateId">();
export const RequestIdSchema = z.number().int().brand<"RequestId">();

export type OrderId = z.infer<typeof OrderIdSchema>;
export type CertificateId = z.infer<typeof CertificateIdSchema>;
export type RequestId = z.infer<typeof RequestIdSchema>;

export { CLIENT_PRODUCT_IDS, isClientProductId, type ClientProductId } from "./products";

export const DOWNLOAD_FORMATS = ["pem_all", "pem_noroot", "cer", "p7b"] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];
