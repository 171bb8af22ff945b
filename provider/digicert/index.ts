// Public surface of the DigiCert client. Nothing here knows about Pulumi.
export { DigiCertClient, type DigiCertClientOptions, type GetOrderOptions } from "./client";
export {
  DigiCertError,
  DigiCertApiError,
  DigiCertResponseError,
  DigiCertNetworkError,
  DigiCertOrderMayExistError,
  DigiCertRateLimitError,
  DigiCertConfigError,
  DigiCertInsecureUrlError,
  DigiCertInvalidInputError,
  type DigiCertErrorDetail,
  type FieldIssue,
  type BillableOperation,
} from "./errors";
export {
  CLIENT_PRODUCT_IDS,
  DOWNLOAD_FORMATS,
  OrderIdSchema,
  CertificateIdSchema,
  RequestIdSchema,
  isClientProductId,
  type ClientProductId,
  type DownloadFormat,
  type OrderId,
  type CertificateId,
  type RequestId,
} from "./ids";
export { isDocumented, type Lenient } from "./lenient";
export {
  ORDER_STATUSES,
  REQUEST_STATUSES,
  REQUEST_TYPES,
  CERTIFICATE_STATUSES,
  PAYMENT_METHODS,
  OrderStatusSchema,
  RequestStatusSchema,
  RequestTypeSchema,
  CertificateStatusSchema,
  PaymentMethodSchema,
  OrderClientCertificateRequestSchema,
  OrderClientCertificateResponseSchema,
  ReissueRequestSchema,
  ReissueResponseSchema,
  DuplicateCertificateSchema,
  RevokeResponseSchema,
  OrderInfoSchema,
  ListOrdersQuerySchema,
  OrderListItemSchema,
  type OrderStatus,
  type KnownOrderStatus,
  type RequestStatus,
  type KnownRequestStatus,
  type KnownCertificateStatus,
  type OrderClientCertificateRequest,
  type OrderClientCertificateResponse,
  type ReissueRequest,
  type ReissueResponse,
  type DuplicateCertificate,
  type RevokeResponse,
  type OrderInfo,
  type ListOrdersQuery,
  type ListOrdersPage,
  type OrderListItem,
} from "./schemas";
export { DEFAULT_RETRY_POLICY, type RetryPolicy, type RetryableMethod, type HttpMethod } from "./retry";
export { DEFAULT_RATE_LIMITS, RateLimiter, sharedRateLimiter, rateLimiterKey, type RateWindow } from "./rate-limiter";
export { RateLedger, sharedRateLedger, ledgerFileName } from "./rate-ledger";
export { DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS, validateBaseUrl } from "./config";
export type { LogFn, LogLevel } from "./transport";
