// Typed DigiCert CertCentral operations for client certificates. Each method
// validates its camelCase input, encodes it to the wire, sends it through the
// transport and decodes the answer; it knows nothing of Pulumi. The calls themselves
// live in order-calls.ts and certificate-calls.ts; this class holds what they share.
import * as certificates from "./certificate-calls";
import type { DigiCertClientOptions, GetOrderOptions } from "./client-options";
import { positiveId } from "./client-input";
import { ClientRequests } from "./client-requests";
import { DEFAULT_BASE_URL, validateApiKey, validateBaseUrl, validateRateLimitWait, validateTimeout } from "./config";
import { DigiCertConfigError } from "./errors";
import type { ClientProductId, DownloadFormat } from "./ids";
import * as orders from "./order-calls";
import { DEFAULT_RATE_LIMITS, validateRateWindows, type RateWindow } from "./rate-limiter";
import { makeRedactor } from "./redact";
import { resolveRetryPolicy } from "./retry";
import type {
  DuplicateCertificate,
  EmailValidationResponse,
  ListOrdersPage,
  ListOrdersQuery,
  OrderClientCertificateRequest,
  OrderClientCertificateResponse,
  OrderInfo,
  ReissueRequest,
  ReissueResponse,
  RevokeResponse,
} from "./schemas";
import { sharedServerClock, type ServerClock } from "./server-clock";
import { Transport } from "./transport";

export type { DigiCertClientOptions, GetOrderOptions } from "./client-options";

export class DigiCertClient {
  readonly baseUrl: string;
  readonly #requests: ClientRequests;
  readonly #clock: ServerClock;

  constructor(opts: DigiCertClientOptions) {
    if (opts === null || typeof opts !== "object") throw new DigiCertConfigError("DigiCertClient options are required");
    const apiKey = validateApiKey(opts.apiKey);
    this.baseUrl = validateBaseUrl(opts.baseUrl ?? DEFAULT_BASE_URL, {
      allowInsecureHttp: opts.allowInsecureHttp === true,
      allowNonDigicertHost: opts.allowNonDigicertHost === true,
    });
    this.#clock = sharedServerClock(this.baseUrl);
    const rateLimits: readonly RateWindow[] =
      opts.rateLimits === undefined ? DEFAULT_RATE_LIMITS : validateRateWindows(opts.rateLimits);
    const transport = new Transport({
      apiKey,
      baseUrl: this.baseUrl,
      timeoutMs: validateTimeout(opts.timeoutMs),
      retry: resolveRetryPolicy(opts.retry),
      rateLimits,
      rateLimitWaitMs: validateRateLimitWait(opts.rateLimitWaitMs),
      ...(opts.rateLimitWaitSetting !== undefined ? { rateLimitWaitSetting: opts.rateLimitWaitSetting } : {}),
      ...(opts.apiKeySetting !== undefined ? { apiKeySetting: opts.apiKeySetting } : {}),
      ...(opts.baseUrlSetting !== undefined ? { baseUrlSetting: opts.baseUrlSetting } : {}),
      ...(opts.rateLedgerDir !== undefined ? { rateLedgerDir: opts.rateLedgerDir } : {}),
      log: opts.log,
      clock: this.#clock,
      ...(opts.proxyUrl !== undefined ? { proxyUrl: opts.proxyUrl } : {}),
      ...(opts.env !== undefined ? { env: opts.env } : {}),
    });
    this.#requests = new ClientRequests(transport, opts.log, makeRedactor(apiKey));
  }

  /**
   * DigiCert's time now (ms): this machine's clock corrected by the offset DigiCert's last
   * answer showed (its Date header). Windows compared with DigiCert's timestamps use it.
   */
  serverNow(): number {
    return this.#clock.now();
  }

  /** DigiCert's time at a moment of this machine's clock (the start of this process, of a run). */
  serverTimeAt(localMs: number): number {
    return this.#clock.at(localMs);
  }

  /** How far DigiCert's clock was from this machine's at its last answer (ms, negative: behind); undefined before any answer. */
  clockOffsetMs(): number | undefined {
    return this.#clock.offsetMs();
  }

  /** POST /order/certificate/{client_certificate_id}. Never retried after an ambiguous failure. */
  async orderClientCertificate(
    productId: ClientProductId,
    req: OrderClientCertificateRequest,
  ): Promise<OrderClientCertificateResponse> {
    return orders.orderClientCertificate(this.#requests, productId, req);
  }

  /** POST /order/certificate/{order_id}/reissue. Never retried after an ambiguous failure. */
  async reissueCertificate(orderId: number, req: ReissueRequest): Promise<ReissueResponse> {
    return orders.reissueCertificate(this.#requests, orderId, req);
  }

  /** PUT /order/certificate/{order_id}/ct-status; `disableCt: true` keeps the certificate out of public CT logs. */
  async setCtStatus(orderId: number, disableCt: boolean): Promise<void> {
    return orders.setCtStatus(this.#requests, orderId, disableCt);
  }

  /** GET /order/certificate/{order_id}/email-validation: each email of an S/MIME order and whether its recipient validated it. */
  async getEmailValidation(orderId: number): Promise<EmailValidationResponse> {
    return orders.getEmailValidation(this.#requests, orderId);
  }

  /** GET /order/certificate/{order_id}/duplicate. */
  async listDuplicates(orderId: number): Promise<DuplicateCertificate[]> {
    return orders.listDuplicates(this.#requests, orderId);
  }

  /**
   * PUT /certificate/{certificate_id}/revoke: creates a revoke request an administrator
   * must approve. `ofOrder`, the order the certificate belongs to, keeps other orders'
   * shared reads; without it every shared read is dropped (a duplicate or an earlier
   * certificate of any order may be the one revoked).
   */
  async revokeCertificate(certificateId: number, comments?: string, opts: { readonly ofOrder?: number } = {}): Promise<RevokeResponse> {
    return certificates.revokeCertificate(this.#requests, certificateId, comments, opts);
  }

  /**
   * PUT /certificate/{certificate_id}/revoke with `skip_approval: true`: an administrator's
   * key revokes at once (204, empty; no request is kept). Should DigiCert file a request
   * all the same, that request is returned.
   */
  async revokeCertificateNow(certificateId: number, comments?: string, opts: { readonly ofOrder?: number } = {}): Promise<RevokeResponse | undefined> {
    return certificates.revokeCertificateNow(this.#requests, certificateId, comments, opts);
  }

  /**
   * PUT /order/certificate/{order_id}/revoke: every certificate of the order, duplicates
   * and reissues included, in one request. Without `skipApproval` DigiCert files a revoke
   * request an administrator approves (201, returned); with it, an administrator's key
   * revokes at once (204: undefined).
   */
  async revokeOrder(orderId: number, opts: { readonly comments?: string | undefined; readonly skipApproval?: boolean | undefined } = {}): Promise<RevokeResponse | undefined> {
    return orders.revokeOrder(this.#requests, orderId, opts);
  }

  /** GET /order/certificate/{order_id}. */
  async getOrder(orderId: number, opts: GetOrderOptions = {}): Promise<OrderInfo> {
    return orders.getOrder(this.#requests, orderId, opts);
  }

  /**
   * Reads the order ahead of a `getOrder` soon after that accepts an answer `maxAgeMs`
   * old, but only while a request can go without waiting for the rate limits: a read
   * ahead of need must not take the slot of a request that someone waits for (in a
   * destroy, the CT status the engine waits on). Returns whether the read was sent (or
   * one is already shared); when not, the later `getOrder` reads the order itself.
   * Its failures are left to that later read.
   */
  readAhead(orderId: number, maxAgeMs: number): boolean {
    const id = positiveId("orderId", orderId);
    if (this.#requests.orders.has(id, maxAgeMs)) return true;
    if (this.#requests.wouldWait()) return false;
    // The transport asks the limiter for its slot before its first await, so the slot
    // just seen free is the one this read takes.
    this.getOrder(id, { maxAgeMs }).catch(() => undefined);
    return true;
  }

  /**
   * GET /order/certificate: one page of the account's orders, as DigiCert filters and
   * sorts them (`filters[name]=value`, `sort`, `offset`, `limit`).
   */
  async listOrders(query: ListOrdersQuery = {}): Promise<ListOrdersPage> {
    return orders.listOrders(this.#requests, query);
  }

  /** PUT /request/{request_id}/status: approve or reject a pending request. */
  async updateRequestStatus(
    requestId: number,
    status: "approved" | "rejected",
    processorComment?: string,
  ): Promise<void> {
    return certificates.updateRequestStatus(this.#requests, requestId, status, processorComment);
  }

  /** PUT /order/certificate/{order_id}/status with status `canceled`; also cancels a pending reissue. */
  async cancelOrder(orderId: number, note: string): Promise<void> {
    return orders.cancelOrder(this.#requests, orderId, note);
  }

  /** GET /certificate/{certificate_id}/download/format/{format}; returns the body as text. */
  async downloadCertificate(certificateId: number, format: DownloadFormat = "pem_all"): Promise<string> {
    return certificates.downloadCertificate(this.#requests, certificateId, format);
  }
}
