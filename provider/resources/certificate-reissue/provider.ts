// CertificateReissue: create reissues the order's certificate, a change to the
// certificate details reissues again on the same order, delete cancels a reissue still
// pending (it would otherwise block the order's revoke) and never revokes anything.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { DigiCertOrderMayExistError, type OrderInfo, type ReissueRequest, type ReissueResponse } from "../../digicert";
import { certificateReissueInputs, type CertificateReissueInputs } from "../fields";
import { ResourceProviderBase } from "../base";
import { changedKeys, compact } from "../equal";
import type { ProviderContext } from "../context";
import type { Logger } from "../log";
import { waitFor } from "../wait";
import { isNotFound, type RequestSummary } from "../order-info";
import { recoverReissue } from "./recovery";
import { ClaimSet, lostWhy } from "../lookup";

export interface CertificateReissueOutputs extends CertificateReissueInputs {
  requests: RequestSummary[];
  certificateId?: number;
  /** The reissue request's status (`pending`, `approved`, `rejected`), or `issued` once its certificate is the order's. */
  status: string;
}

export const REISSUE_REPLACE_KEYS = ["orderId"] as const;
/** A change here performs a new reissue on the same order. */
export const REISSUE_REISSUE_KEYS = ["certificate"] as const;
/** Only used by the next reissue: updates in place with no API call. */
export const REISSUE_UPDATE_KEYS = ["comments", "skipApproval"] as const;

export function toReissueRequest(i: CertificateReissueInputs): ReissueRequest {
  const c = i.certificate;
  return compact({
    certificate: compact({
      commonName: c.commonName,
      dnsNames: c.dnsNames,
      csr: c.csr,
      serverPlatform: c.serverPlatformId === undefined ? undefined : { id: c.serverPlatformId },
      signatureHash: c.signatureHash,
    }),
    comments: i.comments,
    skipApproval: i.skipApproval,
  }) as ReissueRequest;
}

function inputsOf(bag: Record<string, unknown>): CertificateReissueInputs {
  const keys = Object.keys(certificateReissueInputs.shape);
  return Object.fromEntries(keys.filter((k) => bag[k] !== undefined).map((k) => [k, bag[k]])) as CertificateReissueInputs;
}

/** This reissue's state in the order: its request, and its certificate once issued. */
function describe(info: OrderInfo, requestId: number | undefined, knownCertificateId: number | undefined) {
  const request = requestId === undefined ? undefined : info.requests.find((r) => r.id === requestId);
  const pending = info.status === "reissue_pending";
  let certificateId = knownCertificateId;
  if (certificateId === undefined && !pending && request?.status === "approved") certificateId = info.certificate.id;
  const issued = certificateId !== undefined && certificateId === info.certificate.id && info.status === "issued";
  const status = issued ? "issued" : (request?.status ?? (pending ? "pending" : "approved"));
  return { request, pending, certificateId, status };
}

export class CertificateReissueProvider extends ResourceProviderBase<typeof certificateReissueInputs> implements dynamic.ResourceProvider {
  /** Reissue requests this process filed or recovered. */
  private readonly claims = new ClaimSet();

  constructor(ctx: ProviderContext, log: Logger) {
    super("CertificateReissue", certificateReissueInputs, REISSUE_REPLACE_KEYS, [...REISSUE_REISSUE_KEYS, ...REISSUE_UPDATE_KEYS], ctx, log);
  }

  async create(raw: Record<string, unknown>): Promise<dynamic.CreateResult<CertificateReissueOutputs>> {
    const inputs = this.validated(raw);
    return { id: String(inputs.orderId), outs: await this.reissue(inputs) };
  }

  async update(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.UpdateResult<CertificateReissueOutputs>> {
    const inputs = this.validated(news);
    if (changedKeys(olds, news, REISSUE_REISSUE_KEYS).length > 0) return { outs: await this.reissue(inputs) };
    const kept = { requests: olds["requests"], certificateId: olds["certificateId"], status: olds["status"] };
    return { outs: compact({ ...inputs, ...kept }) as CertificateReissueOutputs };
  }

  private async reissue(inputs: CertificateReissueInputs): Promise<CertificateReissueOutputs> {
    const client = this.ctx.client();
    const startedAt = Date.now();
    let r: ReissueResponse;
    try {
      r = await client.reissueCertificate(inputs.orderId, toReissueRequest(inputs));
    } catch (err) {
      if (!(err instanceof DigiCertOrderMayExistError)) throw err;
      const seconds = this.ctx.settings.orderLookupSeconds;
      this.log.warn(`the reissue request for order ${inputs.orderId} failed (${lostWhy(err)}) after it may have reached DigiCert; looking for it on the order for up to ${seconds}s instead of filing another`);
      r = await recoverReissue({ client, orderId: inputs.orderId, startedAt, error: err, claims: this.claims, seconds });
      this.log.warn(`order ${inputs.orderId}: reissue request ${r.requests?.[0]?.id} was filed although DigiCert's answer was lost; taken as this resource's`);
    }
    let requestId: number | undefined = r.requests?.[0]?.id;
    if (requestId !== undefined) this.claims.claim(requestId);
    const base: CertificateReissueOutputs = compact({
      ...inputs,
      requests: (r.requests ?? []).map((q) => ({ id: q.id, status: q.status ?? "pending" })),
      certificateId: r.certificateId,
      status: r.certificateId !== undefined ? "approved" : "pending",
    });
    this.log.info(
      `order ${inputs.orderId}: reissue ${requestId !== undefined ? `request ${requestId}` : `certificate ${r.certificateId}`} placed`,
    );
    // The reissue exists from here on: reading it back may fail, the create may not.
    try {
      const waited = await waitFor({
        what: `reissue of order ${inputs.orderId}`,
        timeoutSeconds: this.ctx.settings.waitForIssuanceSeconds,
        log: this.log,
        poll: async () => {
          const info = await client.getOrder(inputs.orderId);
          // With skip_approval DigiCert answers without the request id: it is the newest reissue request.
          requestId ??= [...info.requests].reverse().find((q) => q.type === "reissue")?.id;
          const d = describe(info, requestId, r.certificateId);
          const progress = d.pending ? `reissue request ${requestId ?? "?"} awaiting approval` : `status ${d.status}`;
          return { done: !d.pending, value: { info, d }, progress };
        },
      });
      const { d } = waited.value;
      return compact({
        ...inputs,
        requests: d.request ? [{ id: d.request.id, status: d.request.status }] : base.requests,
        certificateId: d.certificateId,
        status: d.status,
      });
    } catch (err) {
      this.log.warn(`reissue of order ${inputs.orderId} was placed, but reading it back failed (${(err as Error).message})`);
      return base;
    }
  }

  async read(id: string, props?: Record<string, unknown>): Promise<dynamic.ReadResult> {
    const old = props ?? {};
    const inputs = inputsOf(old);
    let info: OrderInfo;
    try {
      info = await this.ctx.client().getOrder(Number(id));
    } catch (err) {
      if (isNotFound(err)) return {};
      throw err;
    }
    const requests = (old["requests"] as RequestSummary[] | undefined) ?? [];
    const d = describe(info, requests[0]?.id, old["certificateId"] as number | undefined);
    const outs = compact({
      ...inputs,
      requests: d.request ? [{ id: d.request.id, status: d.request.status }] : requests,
      certificateId: d.certificateId,
      status: d.status,
    });
    return { id, props: outs, inputs };
  }

  async delete(id: string, props: Record<string, unknown>): Promise<void> {
    const orderId = Number(id);
    const client = this.ctx.client();
    let info: OrderInfo;
    try {
      info = await client.getOrder(orderId);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    const requests = (props["requests"] as RequestSummary[] | undefined) ?? [];
    const d = describe(info, requests[0]?.id, props["certificateId"] as number | undefined);
    if (d.pending && (d.request === undefined || d.request.status === "pending" || d.request.status === "submitted")) {
      await client.cancelOrder(orderId, "Canceled by Pulumi: the CertificateReissue resource was removed from the stack.");
      this.log.info(`order ${orderId}: pending reissue canceled; the order keeps its previous certificate`);
      return;
    }
    this.log.info(
      `order ${orderId}: reissue removed from the stack; certificate ${d.certificateId ?? info.certificate.id ?? "?"} stays the order's certificate ` +
        `(it is revoked when the order is deleted)`,
    );
  }
}
