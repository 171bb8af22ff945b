// The camelCase API schemas and types, derived in one step from the wire ones (codec.ts).
import { z } from "zod";
import { camelSchema } from "../codec";
import { WireOrderInfo } from "./order-info";
import { WireOrderListItem } from "./orders-list";
import { WireCancelOrderRequest, WireCtStatusRequest, WireListOrdersQuery, WireOrderClientCertificateRequest, WireReissueRequest, WireRevokeOrderRequest, WireRevokeRequest, WireUpdateRequestStatusRequest } from "./requests";
import { WireDuplicateCertificate, WireEmailValidationResponse, WireOrderClientCertificateResponse, WireReissueResponse, WireRevokeResponse } from "./responses";

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
