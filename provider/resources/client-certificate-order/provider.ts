// ClientCertificateOrder: create places (or adopts) an order, read tracks it, delete
// revokes the order's current certificate. Only `create` ever POSTs an order, once.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { DigiCertApiError, DigiCertOrderMayExistError, type OrderClientCertificateRequest, type OrderInfo } from "../../digicert";
import { CLIENT_PRODUCT_IDS, clientCertificateOrderInputs, type ClientCertificateOrderInputs } from "../fields";
import { ResourceProviderBase } from "../base";
import { changedKeys, compact, sameValue } from "../equal";
import type { ProviderContext } from "../context";
import type { Logger } from "../log";
import { waitFor } from "../wait";
import { isNotFound, orderRequests, IN_PROGRESS, type RequestSummary } from "../order-info";
import { fingerprint, OrderClaims, recoverOrder } from "./recovery";
import { lostWhy } from "../lookup";

export interface ClientCertificateOrderOutputs extends ClientCertificateOrderInputs {
  orderId: number;
  certificateId?: number;
  requests: RequestSummary[];
  status: string;
  validFrom?: string;
  validTill?: string;
  serialNumber?: string;
  thumbprint?: string;
}

/** Everything DigiCert fixed when the order was placed: a change means a new order. */
export const ORDER_REPLACE_KEYS = [
  "productId",
  "certificate",
  "organizationId",
  "containerId",
  "validityYears",
  "customExpirationDate",
  "autoRenew",
  "renewalOfOrderId",
  "skipApproval",
  "customFields",
  "paymentMethod",
  "adoptOrderId",
] as const satisfies readonly (keyof ClientCertificateOrderInputs)[];
/** Used only when the order is deleted: changes in place without an API call. */
export const ORDER_UPDATE_KEYS = ["revocationComments"] as const satisfies readonly (keyof ClientCertificateOrderInputs)[];

/** Order statuses after which the order will never carry a usable certificate again. */
export const ENDED_STATUSES: ReadonlySet<string> = new Set(["revoked", "rejected", "canceled", "expired"]);

const OUTPUT_KEYS = ["orderId", "certificateId", "requests", "status", "validFrom", "validTill", "serialNumber", "thumbprint"] as const;
const INPUT_KEYS = Object.keys(clientCertificateOrderInputs.shape) as (keyof ClientCertificateOrderInputs)[];

function inputsOf(bag: Record<string, unknown>): ClientCertificateOrderInputs {
  const picked: Record<string, unknown> = {};
  for (const k of INPUT_KEYS) if (bag[k] !== undefined) picked[k] = bag[k];
  return picked as ClientCertificateOrderInputs;
}

/** The documented order body, in the client's camelCase. */
export function toOrderRequest(i: ClientCertificateOrderInputs): OrderClientCertificateRequest {
  return compact({
    certificate: compact({ ...i.certificate }),
    organization: { id: i.organizationId },
    container: i.containerId === undefined ? undefined : { id: i.containerId },
    // DigiCert requires validity_years even when a custom expiration date overrides it.
    validityYears: i.validityYears ?? 1,
    customExpirationDate: i.customExpirationDate,
    autoRenew: i.autoRenew,
    renewalOfOrderId: i.renewalOfOrderId,
    skipApproval: i.skipApproval,
    customFields: i.customFields,
    paymentMethod: i.paymentMethod,
  }) as OrderClientCertificateRequest;
}

function outputsFromInfo(inputs: ClientCertificateOrderInputs, info: OrderInfo): ClientCertificateOrderOutputs {
  const c = info.certificate;
  return compact({
    ...inputs,
    orderId: info.id,
    certificateId: c.id,
    requests: orderRequests(info),
    status: info.status,
    validFrom: c.validFrom,
    validTill: c.validTill,
    serialNumber: c.serialNumber,
    thumbprint: c.thumbprint,
  });
}

/**
 * What DigiCert holds, in the program's terms, so that later diffs compare against it.
 * Optional fields DigiCert always reports (a default container, empty units) are only
 * taken when the program declares them; certificate details are only taken while the
 * order was never reissued, since a reissue legitimately changes them.
 */
function refreshedInputs(old: ClientCertificateOrderInputs, info: OrderInfo): ClientCertificateOrderInputs {
  const next: ClientCertificateOrderInputs = { ...old };
  const productId = info.product?.nameId;
  if (productId && (CLIENT_PRODUCT_IDS as readonly string[]).includes(productId)) {
    next.productId = productId as ClientCertificateOrderInputs["productId"];
  }
  if (info.organization?.id !== undefined) next.organizationId = info.organization.id;
  if (old.containerId !== undefined && info.container?.id !== undefined) next.containerId = info.container.id;
  const reissued = info.requests.some((r) => r.type === "reissue" && r.status === "approved");
  const c = info.certificate;
  if (!reissued) {
    const cert = { ...old.certificate };
    if (c.commonName !== undefined) cert.commonName = c.commonName;
    if (c.emails !== undefined && !sameValue([...c.emails].sort(), [...old.certificate.emails].sort())) cert.emails = [...c.emails];
    if (old.certificate.organizationUnits !== undefined && c.organizationUnits !== undefined) {
      cert.organizationUnits = [...c.organizationUnits];
    }
    next.certificate = cert;
  }
  return next;
}

export class ClientCertificateOrderProvider extends ResourceProviderBase<typeof clientCertificateOrderInputs> implements dynamic.ResourceProvider {
  private readonly claims = new OrderClaims();

  constructor(ctx: ProviderContext, log: Logger) {
    super("ClientCertificateOrder", clientCertificateOrderInputs, ORDER_REPLACE_KEYS, ORDER_UPDATE_KEYS, ctx, log);
  }

  // An order DigiCert ended (revoked, rejected, canceled or expired outside the stack)
  // no longer gives the program its certificate: plan a new order, visibly, at preview.
  protected override replacesBeyondInputs(olds: Record<string, unknown>): string[] {
    return typeof olds["status"] === "string" && ENDED_STATUSES.has(olds["status"]) ? ["status"] : [];
  }

  async create(raw: Record<string, unknown>): Promise<dynamic.CreateResult<ClientCertificateOrderOutputs>> {
    const inputs = this.validated(raw);
    const client = this.ctx.client();
    if (inputs.adoptOrderId !== undefined) return this.adopt(inputs, inputs.adoptOrderId);

    const startedAt = Date.now();
    let placed;
    try {
      placed = await this.claims.track(fingerprint(inputs), client.orderClientCertificate(inputs.productId, toOrderRequest(inputs)));
    } catch (err) {
      if (!(err instanceof DigiCertOrderMayExistError)) throw err;
      return this.recover(inputs, startedAt, err);
    }
    // The order exists and is paid for from here on.
    const first: ClientCertificateOrderOutputs = compact({
      ...inputs,
      orderId: placed.id,
      certificateId: placed.certificateId,
      requests: placed.requests.map((r) => ({ id: r.id, status: r.status })),
      status: placed.requests.some((r) => r.status === "approved") ? "pending" : "needs_approval",
    });
    this.log.info(`order ${placed.id} placed (${inputs.productId}, ${inputs.certificate.commonName}); request ${first.requests.map((r) => `${r.id} ${r.status}`).join(", ")}`);
    return this.created(inputs, placed.id, first, "placed");
  }

  /**
   * The create's result for an order that exists: read back from DigiCert, or as first
   * known when that read fails. It must not fail the create, or the stack would lose an
   * order already paid for and the next `up` would order again.
   */
  private async created(
    inputs: ClientCertificateOrderInputs,
    orderId: number,
    first: ClientCertificateOrderOutputs,
    how: "placed" | "adopted",
  ): Promise<dynamic.CreateResult<ClientCertificateOrderOutputs>> {
    try {
      const info = await this.waitForIssuance(orderId);
      return { id: String(orderId), outs: outputsFromInfo(inputs, info) };
    } catch (err) {
      this.log.warn(`order ${orderId} was ${how}, but reading it back failed (${(err as Error).message}); \`pulumi refresh\` will catch up`);
      return { id: String(orderId), outs: first };
    }
  }

  /** The POST may or may not have placed the order: adopt it if DigiCert shows exactly one, never post again. */
  private async recover(
    inputs: ClientCertificateOrderInputs,
    startedAt: number,
    error: DigiCertOrderMayExistError,
  ): Promise<dynamic.CreateResult<ClientCertificateOrderOutputs>> {
    const seconds = this.ctx.settings.orderLookupSeconds;
    this.log.warn(
      `the order request for ${inputs.certificate.commonName} failed (${lostWhy(error)}) after it may have reached DigiCert; ` +
        `looking for the order in DigiCert's orders list for up to ${seconds}s instead of ordering again`,
    );
    const found = await recoverOrder({ client: this.ctx.client(), inputs, startedAt, error, claims: this.claims, seconds });
    this.log.warn(
      `order ${found.orderId} (${inputs.productId}, ${inputs.certificate.commonName}) was placed although DigiCert's answer was lost; ` +
        "adopted it instead of ordering again",
    );
    const first: ClientCertificateOrderOutputs = compact({ ...inputs, orderId: found.orderId, requests: [], status: found.status });
    return this.created(inputs, found.orderId, first, "adopted");
  }

  private async adopt(inputs: ClientCertificateOrderInputs, orderId: number): Promise<dynamic.CreateResult<ClientCertificateOrderOutputs>> {
    const info = await this.ctx.client().getOrder(orderId);
    const actual = refreshedInputs(inputs, info);
    const mismatched = changedKeys(
      inputs as unknown as Record<string, unknown>,
      actual as unknown as Record<string, unknown>,
      ["productId", "organizationId", "containerId", "certificate"],
    );
    if (mismatched.length > 0) {
      const detail = mismatched
        .map((k) => `${k}: DigiCert has ${JSON.stringify((actual as Record<string, unknown>)[k])}, the program declares ${JSON.stringify((inputs as Record<string, unknown>)[k])}`)
        .join("; ");
      throw new Error(`adoptOrderId ${orderId}: the order does not match the declared inputs (${detail}). Declare what DigiCert holds; no order was placed.`);
    }
    this.claims.claim(orderId);
    this.log.info(`order ${orderId} adopted (status ${info.status}); no order was placed`);
    return { id: String(orderId), outs: outputsFromInfo(inputs, info) };
  }

  private async waitForIssuance(orderId: number): Promise<OrderInfo> {
    const client = this.ctx.client();
    const r = await waitFor({
      what: `order ${orderId}`,
      timeoutSeconds: this.ctx.settings.waitForIssuanceSeconds,
      log: this.log,
      poll: async () => {
        const info = await client.getOrder(orderId);
        const pending = info.requests.filter((q) => q.status === "pending" || q.status === "submitted");
        const progress =
          info.status === "needs_approval"
            ? `awaiting approval by a CertCentral administrator (request ${pending.map((q) => q.id).join(", ") || "?"} ${pending[0]?.status ?? "pending"})`
            : `status ${info.status}, awaiting issuance`;
        return { done: !IN_PROGRESS.has(info.status), value: info, progress };
      },
    });
    return r.value;
  }

  async read(id: string, props?: Record<string, unknown>): Promise<dynamic.ReadResult> {
    const old = inputsOf(props ?? {});
    let info: OrderInfo;
    try {
      info = await this.ctx.client().getOrder(Number(id));
    } catch (err) {
      if (isNotFound(err)) {
        this.log.info(`order ${id} no longer exists in DigiCert; it leaves the stack`);
        return {};
      }
      throw err;
    }
    const inputs = refreshedInputs(old, info);
    return { id, props: outputsFromInfo(inputs, info), inputs };
  }

  async update(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.UpdateResult<ClientCertificateOrderOutputs>> {
    // Only revocationComments updates in place; it is used at delete time, so no API call.
    const outs: Record<string, unknown> = { ...inputsOf(news) };
    for (const k of OUTPUT_KEYS) if (olds[k] !== undefined) outs[k] = olds[k];
    return { outs: outs as unknown as ClientCertificateOrderOutputs };
  }

  async delete(id: string, props: Record<string, unknown>): Promise<void> {
    const orderId = Number(id);
    const client = this.ctx.client();
    let info: OrderInfo;
    try {
      info = await client.getOrder(orderId);
    } catch (err) {
      if (isNotFound(err)) {
        this.log.info(`order ${orderId} no longer exists in DigiCert; nothing to revoke`);
        return;
      }
      throw err;
    }
    if (ENDED_STATUSES.has(info.status)) {
      this.log.info(`order ${orderId} is already ${info.status}; nothing to revoke`);
      return;
    }
    // The current certificate, read now: a reissue may have replaced the one seen at creation.
    const certificateId = info.certificate.id;
    const issued = info.status === "issued" || info.status === "reissue_pending";
    if (!issued || certificateId === undefined) {
      this.log.info(`order ${orderId} never got a certificate (status ${info.status}); no revoke needed`);
      if (IN_PROGRESS.has(info.status) || info.status === "waiting_pickup") {
        // Left alone, a waiting request could still be approved and billed outside the stack.
        await client.cancelOrder(orderId, "Canceled by Pulumi: the order was removed from the stack before it was issued.");
        this.log.info(`order ${orderId} canceled so its pending request cannot be approved later`);
      }
      return;
    }
    const comments = typeof props["revocationComments"] === "string" ? (props["revocationComments"] as string) : undefined;
    try {
      const revoke = await client.revokeCertificate(certificateId, comments);
      this.log.info(
        `certificate ${certificateId} of order ${orderId}: revoke request ${revoke.id} is ${revoke.status}; ` +
          `a CertCentral administrator must approve it before DigiCert revokes the certificate`,
      );
    } catch (err) {
      if (err instanceof DigiCertApiError) {
        if (err.hasCode("certificate_already_revoked") || err.hasCode("revoke_request_pending")) {
          this.log.info(`certificate ${certificateId} of order ${orderId}: ${err.errors[0]?.message ?? "already revoked"}; nothing more to do`);
          return;
        }
        if (err.status === 404) {
          this.log.info(`certificate ${certificateId} of order ${orderId} no longer exists; nothing to revoke`);
          return;
        }
        if (err.hasCode("reissue_pending")) {
          throw new Error(
            `cannot revoke order ${orderId}: DigiCert says "${err.errors[0]?.message ?? "a reissue is pending"}". ` +
              `Cancel the pending reissue (remove its CertificateReissue resource, or cancel it in CertCentral), ` +
              `or wait until it is issued, then run destroy again.`,
          );
        }
      }
      throw err;
    }
  }
}
