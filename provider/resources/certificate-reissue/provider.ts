// CertificateReissue: create reissues the order's certificate, a change to the
// certificate details reissues again on the same order, delete cancels a reissue still
// pending (it would otherwise block the order's revoke) and never revokes anything.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { DigiCertOrderMayExistError, isDocumented, ORDER_STATUSES, REQUEST_STATUSES, type OrderInfo } from "../../digicert";
import { certificatePems, type CertificatePem, type StoredPem } from "../certificate-pem";
import { isImport, ResourceProviderBase, type PropertyBag } from "../base";
import { changedKeys, compact } from "../equal";
import type { ProviderContext } from "../context";
import type { OrderRequest } from "../fields";
import { messageOf, type Logger } from "../log";
import { waitFor } from "../wait";
import { readOrder, SHARED_READ_MS } from "../order-info";
import { ClaimSet, lostWhy, PROCESS_STARTED_AT } from "../lookup";
import { ImportRefusedError, LostRequestError, OrderLookBackError } from "../errors";
import { unheldReissue, unheldReissueError } from "./unheld";
import { recoverReissue, resumeReissue } from "./recovery";
import { recordedIds, type JournalEntry } from "../journal";
import { describeReissue, importedInputs, parseImportId, pemTarget, toReissueRequest } from "./mapping";
import { certificateReissue, REISSUE_KEYS, type CertificateReissueInputs, type CertificateReissueOutputs, type CertificateReissueState } from "./schema";

/** What a reissue POST filed: its request, and its certificate when approval was skipped. */
interface Filed {
  readonly requests: OrderRequest[];
  readonly certificateId?: number;
}

export class CertificateReissueProvider extends ResourceProviderBase<CertificateReissueInputs, CertificateReissueState> implements dynamic.ResourceProvider {
  /** Reissue requests this process filed or recovered. */
  private readonly claims = new ClaimSet();
  /** Certificates the reissues in state hold (a reissue with approval skipped has no request id to claim). */
  private readonly heldCertificates = new Set<number>();

  constructor(
    ctx: ProviderContext,
    log: Logger,
    /** When this run began; tests that play an earlier run in the same process set it. */
    private readonly runStartedAt?: number,
  ) {
    super(certificateReissue, ctx, log);
  }

  // A reissue the engine shows in state: its journal record served its purpose.
  override async diff(id: string, olds: PropertyBag, news: PropertyBag): Promise<dynamic.DiffResult> {
    const owner = this.journalOwner(news);
    const old = this.state(olds);
    const held = old.requests?.[0]?.id;
    if (held !== undefined) this.claims.claim(held);
    if (old.certificateId !== undefined) this.heldCertificates.add(old.certificateId);
    if (owner !== undefined) {
      this.ctx.journal().forget(owner, (e) => e.what === "reissue" && e.orderId === Number(id) && e.requestId !== undefined && e.requestId === held);
    }
    return super.diff(id, olds, news);
  }

  async create(raw: PropertyBag): Promise<dynamic.CreateResult<CertificateReissueOutputs>> {
    const inputs = this.validated(raw);
    return { id: String(inputs.orderId), outs: await this.reissue(inputs, this.journalOwner(raw)) };
  }

  async update(_id: string, olds: PropertyBag, news: PropertyBag): Promise<dynamic.UpdateResult<CertificateReissueState>> {
    const old = this.state(olds);
    const inputs = this.validated(news);
    if (changedKeys(old, inputs, REISSUE_KEYS).length > 0) return { outs: await this.reissue(inputs, this.journalOwner(news)) };
    return { outs: this.carriedOver(inputs, old) };
  }

  /** Files the reissue; nothing after DigiCert accepted it can fail. */
  private async reissue(inputs: CertificateReissueInputs, owner: string | undefined): Promise<CertificateReissueOutputs> {
    const filed = await this.journaled(inputs, owner);
    let requestId: number | undefined = filed.requests[0]?.id;
    if (requestId !== undefined) this.claims.claim(requestId);
    if (filed.certificateId !== undefined) this.heldCertificates.add(filed.certificateId);
    const base: CertificateReissueOutputs = compact({
      ...inputs,
      requests: filed.requests,
      certificateId: filed.certificateId,
      status: filed.certificateId !== undefined ? "approved" : "pending",
    });
    this.log.info(
      `order ${inputs.orderId}: reissue ${requestId !== undefined ? `request ${requestId}` : `certificate ${filed.certificateId}`} placed`,
    );
    // The reissue exists from here on: reading it back may fail, the create may not.
    try {
      const client = this.ctx.client();
      const waited = await waitFor({
        what: `reissue of order ${inputs.orderId}`,
        timeoutSeconds: this.ctx.settings.waitForIssuanceSeconds,
        log: this.log,
        poll: async () => {
          const info = await client.getOrder(inputs.orderId);
          // With skip_approval DigiCert answers without the request id: it is the newest reissue request.
          requestId ??= [...info.requests].reverse().find((q) => q.type === "reissue")?.id;
          const d = describeReissue(info, requestId, filed.certificateId);
          const progress = d.pending ? `reissue request ${requestId ?? "?"} awaiting approval` : `status ${d.status}`;
          return { done: !d.pending, value: { info, d }, progress };
        },
      });
      const { info, d } = waited.value;
      let pem: CertificatePem | undefined;
      try {
        pem = await this.pem(info, d, undefined);
      } catch (err) {
        this.log.warn(
          `reissue of order ${inputs.orderId}: the PEM of certificate ${d.certificateId ?? "?"} was not stored (${messageOf(err)}); ` +
            "the reissue stands, and `pulumi refresh` will fetch the certificate",
        );
      }
      return compact({
        ...inputs,
        requests: d.request ? [{ id: d.request.id, status: d.request.status }] : base.requests,
        certificateId: d.certificateId,
        status: d.status,
        certificatePem: pem?.certificatePem,
        chainPem: pem?.chainPem,
      });
    } catch (err) {
      this.log.warn(`reissue of order ${inputs.orderId} was placed, but reading it back failed (${messageOf(err)})`);
      return base;
    }
  }

  /** The reissued certificate's PEM outputs: kept while it is the same certificate, else downloaded once issued. */
  private async pem(info: OrderInfo, d: ReturnType<typeof describeReissue>, stored: StoredPem | undefined): Promise<CertificatePem | undefined> {
    const target = pemTarget(info, d);
    const r = await certificatePems({ client: this.ctx.client(), target, stored });
    const certificate = `reissued certificate ${d.certificateId ?? "?"} (serial ${target.serialNumber ?? "?"})`;
    if (r?.pem === undefined && r?.unavailable !== undefined) {
      this.log.warn(`order ${info.id} has status "${info.status}", which DigiCert does not document, and downloading its ${certificate} failed (${r.unavailable}); no PEM stored`);
    } else if (r?.pem !== undefined && r.source !== "kept") {
      this.log.info(`order ${info.id}: ${certificate} stored as PEM, downloaded`);
    }
    return r?.pem;
  }

  /**
   * The reissue, recorded in the journal before and after its POST: when an earlier run
   * posted this very reissue and was killed before the stack recorded it, what it filed
   * is taken (or, unsure, nothing is filed) instead of reissuing twice.
   */
  private async journaled(inputs: CertificateReissueInputs, owner: string | undefined): Promise<Filed> {
    if (owner === undefined) {
      await this.lookBack(inputs);
      return this.file(inputs, Date.now());
    }
    const journal = this.ctx.journal();
    const posted = JSON.stringify([inputs.orderId, toReissueRequest(inputs)]);
    const entry = journal.read(owner);
    // As for orders: only a record of a POST that DigiCert shows filed nothing settles it.
    let settled = false;
    if (entry !== undefined && entry.what === "reissue" && entry.orderId === inputs.orderId && entry.fingerprint === posted) {
      settled = entry.state === "posting";
      const resumed = await resumeReissue({ client: this.ctx.client(), entry, claims: this.claims, log: this.log });
      if (resumed !== undefined) {
        if (resumed.requests[0] !== undefined) journal.write({ ...entry, state: "answered", requestId: resumed.requests[0].id });
        return resumed;
      }
    }
    if (!settled) await this.lookBack(inputs);
    const startedAt = Date.now();
    const record: JournalEntry = { owner, what: "reissue", fingerprint: posted, startedAt, state: "posting", orderId: inputs.orderId };
    journal.write(record);
    let filed: Filed;
    try {
      filed = await this.file(inputs, startedAt);
    } catch (err) {
      if (!(err instanceof DigiCertOrderMayExistError) && !(err instanceof LostRequestError && err.outcome !== "none")) journal.forget(owner, (e) => e.startedAt === startedAt);
      throw err;
    }
    const requestId = filed.requests[0]?.id;
    journal.write({ ...record, state: "answered", ...(requestId !== undefined ? { requestId } : {}) });
    return filed;
  }

  /** Refuses the reissue when the order's latest reissue may already be this resource's (unheld.ts). */
  private async lookBack(inputs: CertificateReissueInputs): Promise<void> {
    const hours = this.ctx.settings.orderLookbackHours;
    if (hours <= 0) return;
    let info: OrderInfo | undefined;
    try {
      info = await readOrder(this.ctx.client(), inputs.orderId);
    } catch (err) {
      throw new OrderLookBackError(
        `before reissuing order ${inputs.orderId}, reading it for a reissue an interrupted run may have requested failed: ${messageOf(err)}. ` +
          "Nothing was requested. Run `pulumi up` again; to reissue without looking, set digicert:orderLookbackHours (or DIGICERT_ORDER_LOOKBACK_HOURS) to 0 for that run.",
        { cause: err },
      );
    }
    // An order that is gone: the POST itself says so.
    if (info === undefined) return;
    const recordedElsewhere = recordedIds(this.ctx.journal().all(), "reissue");
    const held = { requests: this.claims, certificates: this.heldCertificates, recordedElsewhere };
    const found = unheldReissue(info, held, { since: Date.now() - hours * 3_600_000, before: this.runStartedAt ?? PROCESS_STARTED_AT });
    if (found !== undefined) throw unheldReissueError(inputs.orderId, found, hours);
  }

  /** The reissue POST, once; when its answer is lost, the request it may have filed is looked for instead. */
  private async file(inputs: CertificateReissueInputs, startedAt: number): Promise<Filed> {
    const client = this.ctx.client();
    try {
      const r = await client.reissueCertificate(inputs.orderId, toReissueRequest(inputs));
      return { requests: (r.requests ?? []).map((q) => ({ id: q.id, status: q.status ?? "pending" })), certificateId: r.certificateId };
    } catch (err) {
      if (!(err instanceof DigiCertOrderMayExistError)) throw err;
      const seconds = this.ctx.settings.orderLookupSeconds;
      this.log.warn(`the reissue request for order ${inputs.orderId} failed (${lostWhy(err)}) after it may have reached DigiCert; looking for it on the order for up to ${seconds}s instead of filing another`);
      const request = await recoverReissue({ client, orderId: inputs.orderId, startedAt, error: err, claims: this.claims, seconds });
      this.log.warn(`order ${inputs.orderId}: reissue request ${request.id} was filed although DigiCert's answer was lost; taken as this resource's`);
      return { requests: [request] };
    }
  }

  async read(id: string, props?: PropertyBag): Promise<dynamic.ReadResult> {
    if (isImport(props)) return this.imported(id);
    const old = this.state(props);
    const info = await readOrder(this.ctx.client(), Number(id), { maxAgeMs: SHARED_READ_MS });
    if (info === undefined) return {};
    const requests = old.requests ?? [];
    const d = describeReissue(info, requests[0]?.id, old.certificateId);
    const inputs = this.storedInputs(old);
    const pem = await this.pem(info, d, old);
    const outs = compact({
      ...inputs,
      requests: d.request ? [{ id: d.request.id, status: d.request.status }] : requests,
      certificateId: d.certificateId,
      status: d.status,
      certificatePem: pem?.certificatePem,
      chainPem: pem?.chainPem,
    });
    return { id, props: outs, inputs };
  }

  /**
   * `pulumi import ... ORDER_ID/REQUEST_ID`: the reissue request of the order, its inputs
   * built from DigiCert. Its id becomes the order's, as create gives it.
   */
  private async imported(importId: string): Promise<dynamic.ReadResult> {
    const ids = parseImportId(importId);
    if (ids === undefined) {
      throw new ImportRefusedError(certificateReissue.kind, importId, "the import id of a reissue is ORDER_ID/REQUEST_ID, its order and its reissue request");
    }
    const info = await readOrder(this.ctx.client(), ids.orderId);
    if (info === undefined) return {};
    const inputs = importedInputs(info, ids.requestId);
    if ("refused" in inputs) throw new ImportRefusedError(certificateReissue.kind, importId, inputs.refused);
    this.claims.claim(ids.requestId);
    const d = describeReissue(info, ids.requestId, undefined);
    const pem = await this.pem(info, d, undefined);
    const outs = compact({
      ...inputs,
      requests: d.request ? [{ id: d.request.id, status: d.request.status }] : [],
      certificateId: d.certificateId,
      status: d.status,
      certificatePem: pem?.certificatePem,
      chainPem: pem?.chainPem,
    });
    this.log.info(`order ${ids.orderId}: reissue request ${ids.requestId} imported (${d.status}); nothing was filed`);
    return { id: String(ids.orderId), props: outs, inputs };
  }

  async delete(id: string, props: PropertyBag): Promise<void> {
    const old = this.state(props);
    const orderId = Number(id);
    const client = this.ctx.client();
    const info = await readOrder(client, orderId);
    if (info === undefined) return;
    const d = describeReissue(info, old.requests?.[0]?.id, old.certificateId);
    const undocumented = !isDocumented(ORDER_STATUSES, info.status)
      ? `order ${orderId} has status "${info.status}"`
      : d.request !== undefined && !isDocumented(REQUEST_STATUSES, d.request.status)
        ? `reissue request ${d.request.id} of order ${orderId} has status "${d.request.status}"`
        : undefined;
    if (undocumented !== undefined) {
      // A status the provider cannot judge drives no cancel: the reissue is left as DigiCert has it.
      this.log.warn(
        `${undocumented}, which DigiCert does not document: nothing was canceled. ` +
          "The reissue leaves the stack; cancel it in CertCentral if it is still pending and no longer wanted.",
      );
      return;
    }
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
