// Typed DigiCert CertCentral operations for client certificates. Each method
// validates its camelCase input, encodes it to the wire, sends it through the
// transport and decodes the answer; it knows nothing of Pulumi.
import type { z } from "zod";
import { encode, type CamelSchema } from "./codec";
import { DEFAULT_BASE_URL, validateApiKey, validateBaseUrl, validateRateLimitWait, validateTimeout } from "./config";
import { buildPath, ENDPOINTS, endpointName, type Endpoint } from "./endpoints";
import { DigiCertConfigError, DigiCertInvalidInputError, DigiCertOrderMayExistError, DigiCertResponseError } from "./errors";
import { CLIENT_PRODUCT_IDS, DOWNLOAD_FORMATS, isClientProductId, type ClientProductId, type DownloadFormat } from "./ids";
import { DEFAULT_RATE_LIMITS, validateRateWindows, type RateWindow } from "./rate-limiter";
import { RecentReads } from "./recent-reads";
import { describeUnknown, firstSeen, unknownValues } from "./lenient";
import { makeRedactor, type Redactor } from "./redact";
import { decodeResponse, parseJsonBody, zodIssues } from "./response";
import { resolveRetryPolicy, type RetryPolicy } from "./retry";
import { sharedServerClock, type ServerClock } from "./server-clock";
import {
  CancelOrderRequestSchema,
  CtStatusRequestSchema,
  ListOrdersQuerySchema,
  RevokeOrderRequestSchema,
  RevokeRequestSchema,
  UpdateRequestStatusRequestSchema,
  WireCancelOrderRequest,
  WireCtStatusRequest,
  WireEmailValidationResponse,
  WireListDuplicatesResponse,
  WireListOrdersQuery,
  WireListOrdersResponse,
  WireOrderClientCertificateRequest,
  WireOrderClientCertificateResponse,
  WireOrderInfo,
  WireReissueRequest,
  WireReissueResponse,
  WireRevokeOrderRequest,
  WireRevokeRequest,
  WireRevokeResponse,
  WireUpdateRequestStatusRequest,
  type DuplicateCertificate,
  type EmailValidationResponse,
  type ListOrdersPage,
  type ListOrdersQuery,
  type OrderClientCertificateRequest,
  type OrderClientCertificateResponse,
  type OrderInfo,
  type ReissueRequest,
  type ReissueResponse,
  type RevokeResponse,
} from "./schemas";
import { Transport, type LogFn, type SendSpec } from "./transport";

export interface DigiCertClientOptions {
  apiKey: string;
  /** Default https://www.digicert.com/services/v2 (EU: https://certcentral.digicert.eu/services/v2). */
  baseUrl?: string;
  /** Per request (each attempt), default 30000. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Default CertCentral's: 1000 per 180 s and 100 per 5 s. Shared per base URL and key across the process. */
  rateLimits?: { limit: number; windowMs: number }[];
  /**
   * How long, in all, a request refused with 429 (the key's rate limit is spent, perhaps by
   * other users of the key) waits and is sent again; 0: fail at once. Default 300000, more
   * than CertCentral's 3-minute window.
   */
  rateLimitWaitMs?: number;
  /** How the user changes rateLimitWaitMs, as the error says when the wait runs out. */
  rateLimitWaitSetting?: string;
  /**
   * A folder where every process of this machine using the same key and base URL keeps
   * one ledger of its requests, so that together they stay within the key's limits.
   * Unset: this process only.
   */
  rateLedgerDir?: string;
  /** http:// is accepted only for loopback hosts unless this is true. */
  allowInsecureHttp?: boolean;
  /** Never receives the API key. */
  log?: LogFn;
}

function positiveId(what: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v <= 0) {
    throw new DigiCertInvalidInputError(what, [{ path: "", message: "must be a positive integer" }]);
  }
  return v;
}

/** Validates camelCase input against the derived schema, then encodes it to the wire shape. */
function toWire<T extends z.ZodType>(what: string, camel: CamelSchema<T> & z.ZodType, wire: T, input: unknown): z.input<T> {
  const result = camel.safeParse(input);
  if (!result.success) throw new DigiCertInvalidInputError(what, zodIssues(result.error));
  return encode(wire, result.data as z.output<CamelSchema<T>>);
}

/** An answer about another order than the one asked for: an error naming both, before anything acts on it. */
function mustName(what: "order" | "reissue", endpoint: string, asked: number, answered: number): void {
  if (answered === asked) return;
  throw new DigiCertResponseError(endpoint, 200, [
    { path: "id", message: `names order ${answered}, but the ${what === "order" ? "request asked for" : "reissue was of"} order ${asked}: the answer is not used, nothing is done on either order` },
  ]);
}

export interface GetOrderOptions {
  /**
   * Accept an answer this process read (or is reading) at most this many ms ago: for
   * reads that only report what DigiCert holds, such as a refresh. A write through this
   * client drops the answers it may change. Never for a wait that polls for a change.
   */
  readonly maxAgeMs?: number;
}

/** What a write may change among the shared order reads. */
const ALL_ORDERS = "all orders";
type Changes = typeof ALL_ORDERS | { readonly orderId: number };

export class DigiCertClient {
  readonly baseUrl: string;
  readonly #transport: Transport;
  readonly #orders = new RecentReads<OrderInfo>();
  readonly #log: LogFn | undefined;
  readonly #redact: Redactor;
  readonly #clock: ServerClock;

  constructor(opts: DigiCertClientOptions) {
    if (opts === null || typeof opts !== "object") throw new DigiCertConfigError("DigiCertClient options are required");
    const apiKey = validateApiKey(opts.apiKey);
    this.baseUrl = validateBaseUrl(opts.baseUrl ?? DEFAULT_BASE_URL, opts.allowInsecureHttp === true);
    this.#clock = sharedServerClock(this.baseUrl);
    const rateLimits: readonly RateWindow[] =
      opts.rateLimits === undefined ? DEFAULT_RATE_LIMITS : validateRateWindows(opts.rateLimits);
    this.#transport = new Transport({
      apiKey,
      baseUrl: this.baseUrl,
      timeoutMs: validateTimeout(opts.timeoutMs),
      retry: resolveRetryPolicy(opts.retry),
      rateLimits,
      rateLimitWaitMs: validateRateLimitWait(opts.rateLimitWaitMs),
      ...(opts.rateLimitWaitSetting !== undefined ? { rateLimitWaitSetting: opts.rateLimitWaitSetting } : {}),
      ...(opts.rateLedgerDir !== undefined ? { rateLedgerDir: opts.rateLedgerDir } : {}),
      log: opts.log,
      clock: this.#clock,
    });
    this.#log = opts.log;
    this.#redact = makeRedactor(apiKey);
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

  /** Decodes an answer; a value outside an enum's documented list is read as it is and said once per process. */
  #decode<T extends z.ZodType>(name: string, status: number, json: unknown, wire: T): z.output<CamelSchema<T>> {
    const value = decodeResponse(name, status, json, wire);
    const log = this.#log;
    if (log !== undefined) {
      for (const u of firstSeen(unknownValues(wire, json))) {
        try {
          // The value is DigiCert's text: redacted like every line the transport logs.
          log("warn", this.#redact(describeUnknown(name, u)));
        } catch {
          // A failing logger must not turn a good answer into a failure.
        }
      }
    }
    return value;
  }

  /** Every request goes through here: a write drops the shared reads it may change, before and after it. */
  async #send(spec: SendSpec, changes: Changes = ALL_ORDERS): ReturnType<Transport["send"]> {
    if (spec.endpoint.method === "GET") return this.#transport.send(spec);
    this.#forget(changes);
    try {
      return await this.#transport.send(spec);
    } finally {
      this.#forget(changes);
    }
  }

  #forget(changes: Changes): void {
    if (changes === ALL_ORDERS) this.#orders.clear();
    else this.#orders.forget(changes.orderId);
  }

  async #json<T extends z.ZodType>(spec: SendSpec, wire: T, changes?: Changes): Promise<z.output<CamelSchema<T>>> {
    const res = await this.#send(spec, changes);
    const name = endpointName(spec.endpoint);
    return this.#decode(name, res.status, parseJsonBody(name, res.status, res.body), wire);
  }

  /**
   * A paid POST's answer. A 2xx whose body cannot be read (an HTML page from a proxy or
   * CDN, an id beyond 2^53) says DigiCert took the request and not what it placed: that
   * is "may exist" (recovered like a lost answer), never "refused".
   */
  async #paidJson<T extends z.ZodType>(
    spec: SendSpec & { billable: NonNullable<SendSpec["billable"]> },
    wire: T,
    opts: { changes?: Changes; check?: (value: z.output<CamelSchema<T>>) => void } = {},
  ): Promise<z.output<CamelSchema<T>>> {
    const res = await this.#send(spec, opts.changes);
    const name = endpointName(spec.endpoint);
    try {
      const value = this.#decode(name, res.status, parseJsonBody(name, res.status, res.body), wire);
      opts.check?.(value);
      return value;
    } catch (err) {
      if (!(err instanceof DigiCertResponseError)) throw err;
      throw new DigiCertOrderMayExistError(
        {
          method: spec.endpoint.method,
          path: buildPath(spec.endpoint, spec.params),
          endpoint: name,
          code: `HTTP_${res.status}_UNREADABLE`,
          ambiguous: true,
          attempts: 1,
          cause: err,
        },
        spec.billable,
      );
    }
  }

  async #noContent(endpoint: Endpoint, params: Record<string, number>, body: unknown, changes?: Changes): Promise<void> {
    // DigiCert answers 204 or an empty 200 here; a body, if any, carries nothing we use.
    await this.#send({ endpoint, params, body }, changes);
  }

  /** POST /order/certificate/{client_certificate_id}. Never retried after an ambiguous failure. */
  async orderClientCertificate(
    productId: ClientProductId,
    req: OrderClientCertificateRequest,
  ): Promise<OrderClientCertificateResponse> {
    if (!isClientProductId(productId)) {
      throw new DigiCertInvalidInputError("productId", [
        { path: "", message: `must be one of ${CLIENT_PRODUCT_IDS.join(", ")}` },
      ]);
    }
    // The body was validated once, by the resource's inputs schema, on its way here:
    // the client encodes it to the wire, it does not judge it again.
    const body = encode(WireOrderClientCertificateRequest, req);
    return this.#paidJson(
      {
        endpoint: ENDPOINTS.orderClientCertificate,
        params: { client_certificate_id: productId },
        body,
        billable: { operation: "order", productId, commonName: body.certificate.common_name ?? body.certificate.emails[0] ?? "" },
      },
      WireOrderClientCertificateResponse,
    );
  }

  /** POST /order/certificate/{order_id}/reissue. Never retried after an ambiguous failure. */
  async reissueCertificate(orderId: number, req: ReissueRequest): Promise<ReissueResponse> {
    const id = positiveId("orderId", orderId);
    const body = encode(WireReissueRequest, req);
    return this.#paidJson(
      {
        endpoint: ENDPOINTS.reissueCertificate,
        params: { order_id: id },
        body,
        billable: { operation: "reissue", orderId: id },
      },
      WireReissueResponse,
      // An answer naming another order does not say what was filed on this one: "may exist".
      { changes: { orderId: id }, check: (r) => mustName("reissue", endpointName(ENDPOINTS.reissueCertificate), id, r.id) },
    );
  }

  /** PUT /order/certificate/{order_id}/ct-status; `disableCt: true` keeps the certificate out of public CT logs. */
  async setCtStatus(orderId: number, disableCt: boolean): Promise<void> {
    const id = positiveId("orderId", orderId);
    const body = toWire("CT status", CtStatusRequestSchema, WireCtStatusRequest, { disableCt });
    await this.#noContent(ENDPOINTS.setCtStatus, { order_id: id }, body, { orderId: id });
  }

  /** GET /order/certificate/{order_id}/email-validation: each email of an S/MIME order and whether its recipient validated it. */
  async getEmailValidation(orderId: number): Promise<EmailValidationResponse> {
    const id = positiveId("orderId", orderId);
    return this.#json({ endpoint: ENDPOINTS.getEmailValidation, params: { order_id: id } }, WireEmailValidationResponse);
  }

  /** GET /order/certificate/{order_id}/duplicate. */
  async listDuplicates(orderId: number): Promise<DuplicateCertificate[]> {
    const id = positiveId("orderId", orderId);
    const spec: SendSpec = { endpoint: ENDPOINTS.listDuplicates, params: { order_id: id } };
    const res = await this.#send(spec);
    const name = endpointName(spec.endpoint);
    const json = parseJsonBody(name, res.status, res.body);
    // Public clients report CertCentral sending `[]` for an empty list where an object is documented.
    if (Array.isArray(json) && json.length === 0) return [];
    return this.#decode(name, res.status, json, WireListDuplicatesResponse).certificates;
  }

  /**
   * PUT /certificate/{certificate_id}/revoke: creates a revoke request an administrator
   * must approve. `ofOrder`, the order the certificate belongs to, keeps other orders'
   * shared reads; without it every shared read is dropped (a duplicate or an earlier
   * certificate of any order may be the one revoked).
   */
  async revokeCertificate(certificateId: number, comments?: string, opts: { readonly ofOrder?: number } = {}): Promise<RevokeResponse> {
    const id = positiveId("certificateId", certificateId);
    const ofOrder = opts.ofOrder === undefined ? undefined : positiveId("ofOrder", opts.ofOrder);
    const body = toWire("revoke request", RevokeRequestSchema, WireRevokeRequest, { comments });
    const changes: Changes = ofOrder === undefined ? ALL_ORDERS : { orderId: ofOrder };
    return this.#json({ endpoint: ENDPOINTS.revokeCertificate, params: { certificate_id: id }, body }, WireRevokeResponse, changes);
  }

  /**
   * PUT /certificate/{certificate_id}/revoke with `skip_approval: true`: an administrator's
   * key revokes at once (204, empty; no request is kept). Should DigiCert file a request
   * all the same, that request is returned.
   */
  async revokeCertificateNow(certificateId: number, comments?: string, opts: { readonly ofOrder?: number } = {}): Promise<RevokeResponse | undefined> {
    const id = positiveId("certificateId", certificateId);
    const ofOrder = opts.ofOrder === undefined ? undefined : positiveId("ofOrder", opts.ofOrder);
    const body = toWire("revoke request", RevokeRequestSchema, WireRevokeRequest, { comments, skipApproval: true });
    const changes: Changes = ofOrder === undefined ? ALL_ORDERS : { orderId: ofOrder };
    return this.#maybeRequest({ endpoint: ENDPOINTS.revokeCertificate, params: { certificate_id: id }, body }, changes);
  }

  /**
   * PUT /order/certificate/{order_id}/revoke: every certificate of the order, duplicates
   * and reissues included, in one request. Without `skipApproval` DigiCert files a revoke
   * request an administrator approves (201, returned); with it, an administrator's key
   * revokes at once (204: undefined).
   */
  async revokeOrder(orderId: number, opts: { readonly comments?: string | undefined; readonly skipApproval?: boolean | undefined } = {}): Promise<RevokeResponse | undefined> {
    const id = positiveId("orderId", orderId);
    const body = toWire("revoke order request", RevokeOrderRequestSchema, WireRevokeOrderRequest, {
      comments: opts.comments,
      skipApproval: opts.skipApproval === true ? true : undefined,
    });
    return this.#maybeRequest({ endpoint: ENDPOINTS.revokeOrder, params: { order_id: id }, body }, { orderId: id });
  }

  /** A revoke's answer: 204 empty when revoked at once, else the revoke request. */
  async #maybeRequest(spec: SendSpec, changes: Changes): Promise<RevokeResponse | undefined> {
    const res = await this.#send(spec, changes);
    if (res.body.trim() === "") return undefined;
    const name = endpointName(spec.endpoint);
    return this.#decode(name, res.status, parseJsonBody(name, res.status, res.body), WireRevokeResponse);
  }

  /** GET /order/certificate/{order_id}. */
  async getOrder(orderId: number, opts: GetOrderOptions = {}): Promise<OrderInfo> {
    const id = positiveId("orderId", orderId);
    const read = async (): Promise<OrderInfo> => {
      const info = await this.#json({ endpoint: ENDPOINTS.getOrder, params: { order_id: id } }, WireOrderInfo);
      // A cache or proxy answering with another order's body must not make delete revoke that order.
      mustName("order", endpointName(ENDPOINTS.getOrder), id, info.id);
      return info;
    };
    const maxAgeMs = opts.maxAgeMs ?? 0;
    // Each caller gets its own copy of a shared answer.
    return maxAgeMs > 0 ? this.#orders.get(id, maxAgeMs, read).then((info) => structuredClone(info)) : read();
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
    if (this.#orders.has(id, maxAgeMs)) return true;
    if (this.#transport.wouldWait()) return false;
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
    const wire = toWire("list orders query", ListOrdersQuerySchema, WireListOrdersQuery, query);
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(wire.filters ?? {})) if (v !== undefined) params[`filters[${k}]`] = String(v);
    if (wire.sort !== undefined) params["sort"] = wire.sort;
    if (wire.offset !== undefined) params["offset"] = String(wire.offset);
    if (wire.limit !== undefined) params["limit"] = String(wire.limit);
    const spec: SendSpec = { endpoint: ENDPOINTS.listOrders, params: {}, query: params };
    const res = await this.#send(spec);
    const name = endpointName(spec.endpoint);
    const json = parseJsonBody(name, res.status, res.body);
    const offset = wire.offset ?? 0;
    // As for duplicates: an empty list may arrive as `[]` where an object is documented.
    if (Array.isArray(json) && json.length === 0) return { orders: [], page: { total: 0, limit: wire.limit ?? 0, offset } };
    const r = this.#decode(name, res.status, json, WireListOrdersResponse);
    const orders = r.orders ?? [];
    return { orders, page: r.page ?? { total: offset + orders.length, limit: wire.limit ?? orders.length, offset } };
  }

  /** PUT /request/{request_id}/status: approve or reject a pending request. */
  async updateRequestStatus(
    requestId: number,
    status: "approved" | "rejected",
    processorComment?: string,
  ): Promise<void> {
    const id = positiveId("requestId", requestId);
    const body = toWire("request status", UpdateRequestStatusRequestSchema, WireUpdateRequestStatusRequest, {
      status,
      processorComment,
    });
    await this.#noContent(ENDPOINTS.updateRequestStatus, { request_id: id }, body);
  }

  /** PUT /order/certificate/{order_id}/status with status `canceled`; also cancels a pending reissue. */
  async cancelOrder(orderId: number, note: string): Promise<void> {
    const id = positiveId("orderId", orderId);
    const body = toWire("cancel request", CancelOrderRequestSchema, WireCancelOrderRequest, { status: "canceled", note });
    await this.#noContent(ENDPOINTS.cancelOrder, { order_id: id }, body, { orderId: id });
  }

  /** GET /certificate/{certificate_id}/download/format/{format}; returns the body as text. */
  async downloadCertificate(certificateId: number, format: DownloadFormat = "pem_all"): Promise<string> {
    const id = positiveId("certificateId", certificateId);
    if (!(DOWNLOAD_FORMATS as readonly string[]).includes(format)) {
      throw new DigiCertInvalidInputError("format", [{ path: "", message: `must be one of ${DOWNLOAD_FORMATS.join(", ")}` }]);
    }
    const res = await this.#send({
      endpoint: ENDPOINTS.downloadCertificate,
      params: { certificate_id: id, format },
      accept: "any",
    });
    return res.body;
  }
}
