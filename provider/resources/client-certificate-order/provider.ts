// ClientCertificateOrder: create places (or adopts) an order, read tracks it, delete
// revokes the order's current certificate. Only `create` ever POSTs an order, once.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { DigiCertApiError, DigiCertOrderMayExistError, isDocumented, ORDER_STATUSES, type OrderInfo } from "../../digicert";
import { certificatePems, type CertificatePem, type StoredPem } from "../certificate-pem";
import { ResourceProviderBase, type PropertyBag } from "../base";
import { sameValue, compact } from "../equal";
import type { ProviderContext } from "../context";
import { messageOf, type Logger } from "../log";
import { waitFor } from "../wait";
import { readOrder, IN_PROGRESS } from "../order-info";
import { lostWhy } from "../lookup";
import { AdoptionMismatchError, RevokeRefusedError } from "../errors";
import type { JournalEntry } from "../journal";
import { fingerprint, OrderClaims, recoverOrder } from "./recovery";
import { resumeOrder, pendingRevoke } from "./resume";
import { outputsFromInfo, pemTarget, refreshedInputs, toOrderRequest } from "./mapping";
import { clientCertificateOrder, type ClientCertificateOrderInputs, type ClientCertificateOrderOutputs, type ClientCertificateOrderState } from "./schema";

/** Order statuses after which the order will never carry a usable certificate again. */
export const ENDED_STATUSES: ReadonlySet<string> = new Set(["revoked", "rejected", "canceled", "expired"]);

/** The order POST's `certificate_chain`, when DigiCert issued at once: leaf, intermediate, root. */
interface PostedChain {
  readonly certificateId: number;
  readonly pems: readonly string[];
}

/** What adopting an order compares between the program and DigiCert. */
const ADOPTION_KEYS = ["productId", "organizationId", "containerId", "certificate"] as const;

export class ClientCertificateOrderProvider extends ResourceProviderBase<ClientCertificateOrderInputs, ClientCertificateOrderState> implements dynamic.ResourceProvider {
  private readonly claims = new OrderClaims();

  constructor(
    ctx: ProviderContext,
    log: Logger,
    /** When this run began; tests that play an earlier run in the same process set it. */
    private readonly runStartedAt?: number,
  ) {
    super(clientCertificateOrder, ctx, log);
  }

  // An order DigiCert ended (revoked, rejected, canceled or expired outside the stack)
  // no longer gives the program its certificate: plan a new order, visibly, at preview.
  protected override replacesBeyondInputs(old: ClientCertificateOrderState): string[] {
    return old.status !== undefined && ENDED_STATUSES.has(old.status) ? ["status"] : [];
  }

  // Every order the engine shows in state is held: no other resource may take it.
  override async diff(id: string, olds: PropertyBag, news: PropertyBag): Promise<dynamic.DiffResult> {
    this.hold(id, this.journalOwner(news));
    return super.diff(id, olds, news);
  }

  /** The order is in state: claimed, and its owner's journal record of it served its purpose. */
  private hold(id: string, owner: string | undefined): void {
    const orderId = Number(id);
    if (!Number.isSafeInteger(orderId)) return;
    this.claims.claim(orderId);
    if (owner !== undefined) this.ctx.journal().forget(owner, (e) => e.what === "order" && e.orderId === orderId);
  }

  async create(raw: PropertyBag): Promise<dynamic.CreateResult<ClientCertificateOrderOutputs>> {
    const inputs = this.validated(raw);
    const client = this.ctx.client();
    if (inputs.adoptOrderId !== undefined) return this.adopt(inputs, inputs.adoptOrderId);

    const owner = this.journalOwner(raw);
    const journal = owner !== undefined ? this.ctx.journal() : undefined;
    const body = toOrderRequest(inputs);
    const posted = JSON.stringify([inputs.productId, body]);
    if (owner !== undefined && journal !== undefined) {
      const entry = journal.read(owner);
      if (entry !== undefined && entry.what === "order" && entry.fingerprint === posted) {
        const found = await resumeOrder({
          client,
          inputs,
          entry,
          claims: this.claims,
          others: journal.all().filter((e) => e.owner !== owner),
          log: this.log,
          ...(this.runStartedAt !== undefined ? { runStartedAt: this.runStartedAt } : {}),
        });
        if (found !== undefined) {
          journal.write({ ...entry, state: "answered", orderId: found.orderId });
          const first: ClientCertificateOrderOutputs = compact({ ...inputs, orderId: found.orderId, requests: [], status: found.status });
          return this.created(inputs, found.orderId, first, "adopted");
        }
      }
    }

    const startedAt = Date.now();
    const record: JournalEntry | undefined = owner !== undefined ? { owner, what: "order", fingerprint: posted, startedAt, state: "posting" } : undefined;
    // On disk before the POST leaves: a kill from here on leaves a record to resume from.
    if (record !== undefined) journal?.write(record);
    let placed;
    try {
      placed = await this.claims.track(fingerprint(inputs), client.orderClientCertificate(inputs.productId, body));
    } catch (err) {
      if (!(err instanceof DigiCertOrderMayExistError)) {
        // A definite refusal placed nothing: nothing to resume.
        if (owner !== undefined) journal?.forget(owner, (e) => e.startedAt === startedAt);
        throw err;
      }
      const recovered = await this.recover(inputs, startedAt, err);
      if (record !== undefined) journal?.write({ ...record, state: "answered", orderId: Number(recovered.id) });
      return recovered;
    }
    if (record !== undefined) journal?.write({ ...record, state: "answered", orderId: placed.id });
    // The order exists and is paid for from here on.
    const first: ClientCertificateOrderOutputs = compact({
      ...inputs,
      orderId: placed.id,
      certificateId: placed.certificateId,
      requests: placed.requests.map((r) => ({ id: r.id, status: r.status })),
      status: placed.requests.some((r) => r.status === "approved") ? "pending" : "needs_approval",
    });
    this.log.info(`order ${placed.id} placed (${inputs.productId}, ${inputs.certificate.commonName}); request ${first.requests.map((r) => `${r.id} ${r.status}`).join(", ")}`);
    const chain =
      placed.certificateId !== undefined && placed.certificateChain !== undefined
        ? { certificateId: placed.certificateId, pems: placed.certificateChain.map((c) => c.pem) }
        : undefined;
    return this.created(inputs, placed.id, first, "placed", chain);
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
    chain?: PostedChain,
  ): Promise<dynamic.CreateResult<ClientCertificateOrderOutputs>> {
    let info: OrderInfo;
    try {
      info = await this.waitForIssuance(orderId);
    } catch (err) {
      this.log.warn(`order ${orderId} was ${how}, but reading it back failed (${messageOf(err)}); \`pulumi refresh\` will catch up`);
      return { id: String(orderId), outs: first };
    }
    return { id: String(orderId), outs: outputsFromInfo(inputs, info, await this.pemAtCreate(info, chain)) };
  }

  /** The certificate's PEM at create, if it is issued; a failure is logged, never thrown: the order exists. */
  private async pemAtCreate(info: OrderInfo, chain?: PostedChain): Promise<CertificatePem | undefined> {
    try {
      return await this.pem(info, undefined, chain);
    } catch (err) {
      this.log.warn(
        `order ${info.id}: the PEM of certificate ${info.certificate.id ?? "?"} was not stored (${messageOf(err)}); ` +
          "the order stands, and `pulumi refresh` will fetch the certificate",
      );
      return undefined;
    }
  }

  /** The PEM outputs of the order's current certificate: kept, from the order's answer, or downloaded once. */
  private async pem(info: OrderInfo, stored: StoredPem | undefined, chain?: PostedChain): Promise<CertificatePem | undefined> {
    const r = await certificatePems({ client: this.ctx.client(), target: pemTarget(info), stored, chain });
    const certificate = `certificate ${info.certificate.id ?? "?"} (serial ${info.certificate.serialNumber ?? "?"})`;
    if (r?.pem === undefined && r?.unavailable !== undefined) {
      this.log.warn(`order ${info.id} has status "${info.status}", which DigiCert does not document, and downloading ${certificate} failed (${r.unavailable}); no PEM stored`);
    } else if (r?.pem !== undefined && r.source !== "kept") {
      this.log.info(`order ${info.id}: ${certificate} stored as PEM, ${r.source === "order" ? "from the order's answer" : "downloaded"}`);
    }
    return r?.pem;
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
    const mismatched = ADOPTION_KEYS.filter((k) => !sameValue(inputs[k], actual[k]));
    if (mismatched.length > 0) {
      const detail = mismatched.map((k) => `${k}: DigiCert has ${JSON.stringify(actual[k])}, the program declares ${JSON.stringify(inputs[k])}`).join("; ");
      throw new AdoptionMismatchError(
        orderId,
        mismatched,
        `adoptOrderId ${orderId}: the order does not match the declared inputs (${detail}). Declare what DigiCert holds; no order was placed.`,
      );
    }
    this.claims.claim(orderId);
    this.log.info(`order ${orderId} adopted (status ${info.status}); no order was placed`);
    return { id: String(orderId), outs: outputsFromInfo(inputs, info, await this.pemAtCreate(info)) };
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

  async read(id: string, props?: PropertyBag): Promise<dynamic.ReadResult> {
    this.claims.claim(Number(id));
    const old = this.state(props);
    const info = await readOrder(this.ctx.client(), Number(id));
    if (info === undefined) {
      this.log.info(`order ${id} no longer exists in DigiCert; it leaves the stack`);
      return {};
    }
    const inputs = refreshedInputs(this.storedInputs(old), info);
    // The current certificate's PEM: kept while it is the same certificate, else fetched
    // once it is issued (after a reissue, the reissued one). A PEM that does not check fails the refresh.
    const pem = await this.pem(info, old);
    return { id, props: outputsFromInfo(inputs, info, pem), inputs };
  }

  async update(_id: string, olds: PropertyBag, news: PropertyBag): Promise<dynamic.UpdateResult<ClientCertificateOrderState>> {
    // Only revocationComments updates in place; it is used at delete time, so no API call.
    // The new inputs are validated first: values unknown at preview are checked before they reach the state.
    return { outs: this.carriedOver(this.validated(news), this.state(olds)) };
  }

  async delete(id: string, props: PropertyBag): Promise<void> {
    const old = this.state(props);
    const orderId = Number(id);
    const client = this.ctx.client();
    const journal = this.ctx.journal();
    for (const e of journal.all()) if (e.what === "order" && e.orderId === orderId) journal.forget(e.owner, (x) => x.orderId === orderId);
    const info = await readOrder(client, orderId);
    if (info === undefined) {
      this.log.info(`order ${orderId} no longer exists in DigiCert; nothing to revoke`);
      return;
    }
    if (!isDocumented(ORDER_STATUSES, info.status)) {
      // A status the provider cannot judge drives no revoke and no cancel: either could be
      // wrong, and a revoke cannot be undone. The order leaves the stack as it is.
      const cert = info.certificate.id === undefined ? "it has no certificate" : `its certificate ${info.certificate.id} is left unrevoked`;
      this.log.warn(
        `order ${orderId} has status "${info.status}", which DigiCert does not document: ${cert} and nothing was canceled. ` +
          "The order leaves the stack; revoke or cancel it in CertCentral if it is no longer needed.",
      );
      return;
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
    // An interrupted destroy may have requested it already: DigiCert's requests say so.
    const waiting = pendingRevoke(info);
    if (waiting !== undefined) {
      this.log.info(`certificate ${certificateId} of order ${orderId}: revoke request ${waiting.id} is already ${waiting.status}; not requested again`);
      return;
    }
    try {
      const revoke = await client.revokeCertificate(certificateId, old.revocationComments);
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
          throw new RevokeRefusedError(
            orderId,
            `cannot revoke order ${orderId}: DigiCert says "${err.errors[0]?.message ?? "a reissue is pending"}". ` +
              `Cancel the pending reissue (remove its CertificateReissue resource, or cancel it in CertCentral), ` +
              `or wait until it is issued, then run destroy again.`,
            { cause: err },
          );
        }
      }
      throw err;
    }
  }
}
