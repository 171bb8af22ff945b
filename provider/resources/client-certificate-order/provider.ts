// ClientCertificateOrder: create places (or adopts) an order, update renews it once it
// is due, read tracks it, delete revokes the order's current certificate. An order is
// POSTed once: by create, or by update as a renewal of the order the resource holds.
// After a renewal the resource's ID stays the order it was created with (an update
// cannot change it); read and delete follow `orderId` in state, the order it holds now.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { DigiCertApiError, DigiCertOrderMayExistError, isDocumented, ORDER_STATUSES, type OrderInfo } from "../../digicert";
import { certificatePems, type CertificatePem, type StoredPem } from "../certificate-pem";
import { isImport, ResourceProviderBase, type PropertyBag } from "../base";
import { changedKeys, sameValue, compact } from "../equal";
import type { ProviderContext } from "../context";
import type { CheckFailure } from "../errors";
import { messageOf, type Logger } from "../log";
import { waitFor } from "../wait";
import { readOrder, ENDED_STATUSES, IN_PROGRESS, REVOKE_READ_MS, SHARED_READ_MS } from "../order-info";
import { lostWhy, PROCESS_STARTED_AT } from "../lookup";
import { AdoptionMismatchError, ImportRefusedError, OrderLookBackError, RenewalRefusedError, RevokeRefusedError } from "../errors";
import { recordedIds, type Journal, type JournalEntry } from "../journal";
import { findRenewals, fingerprint, OrderClaims, recoverOrder } from "./recovery";
import { resumeOrder, pendingRevoke } from "./resume";
import { RecentOrders, unheldOrdersError } from "./unheld";
import { outputsFromAnswer } from "./issued-at-once";
import { importedInputs, outputsFromInfo, pemTarget, refreshedInputs, toOrderRequest } from "./mapping";
import { currentOrderId, renewalFailures, renewalPlan, renewalWindow, RENEWAL_TERMS } from "./renewal";
import {
  clientCertificateOrder,
  daysFromToday,
  existingOrderInputs,
  type ClientCertificateOrderInputs,
  type ClientCertificateOrderOutputs,
  type ClientCertificateOrderState,
} from "./schema";

/**
 * Inputs that only steer how an order is placed (approval, billing, account metadata)
 * and that DigiCert's order does not report: an import cannot record them.
 */
const ORDERING_ONLY = ["skipApproval", "customFields", "paymentMethod"] as const;


/** The order POST's `certificate_chain`, when DigiCert issued at once: leaf, intermediate, root. */
interface PostedChain {
  readonly certificateId: number;
  readonly pems: readonly string[];
}

/** What adopting an order compares between the program and DigiCert. */
const ADOPTION_KEYS = ["productId", "organizationId", "containerId", "certificate"] as const;

/** Statuses of an order DigiCert still renews: one in use, or one that just ran out. */
const RENEWABLE_STATUSES: ReadonlySet<string> = new Set(["issued", "reissue_pending", "expired"]);

/** An order POST's outcome: the order, and the outputs known before reading it back. */
interface Placed {
  readonly orderId: number;
  readonly first: ClientCertificateOrderOutputs;
  readonly how: "placed" | "adopted";
  /** The POST's certificate_chain, when DigiCert issued at once. */
  readonly chain?: PostedChain;
}

/** What create records in the journal around its POST; a renewal needs none (see renew). */
interface PostRecord {
  /** The POST got DigiCert's answer, or the lookup after a lost one found the order. */
  answered(orderId: number): void;
  /** DigiCert refused it: nothing was placed. */
  refused(): void;
}

export class ClientCertificateOrderProvider extends ResourceProviderBase<ClientCertificateOrderInputs, ClientCertificateOrderState> implements dynamic.ResourceProvider {
  private readonly claims = new OrderClaims();
  /** DigiCert's recent orders, read once by the first create that looks back. */
  private recent: RecentOrders | undefined;

  constructor(
    ctx: ProviderContext,
    log: Logger,
    /** When this run began; tests that play an earlier run in the same process set it. */
    private readonly runStartedAt?: number,
    /** Today, for the renewal decision; tests give another day. */
    private readonly now: () => Date = () => new Date(),
  ) {
    super(clientCertificateOrder, ctx, log);
  }

  /** An existing order's customExpirationDate, unchanged, is not judged by today's date again. */
  protected override inputsSchema(olds: PropertyBag, news: PropertyBag): typeof clientCertificateOrder.inputs {
    const date = olds["customExpirationDate"];
    return date !== undefined && date === news["customExpirationDate"] ? existingOrderInputs : clientCertificateOrder.inputs;
  }

  /** An order the program adopts is held, like one in state: no create's look-back may name it. */
  override async check(olds: PropertyBag, news: PropertyBag): Promise<dynamic.CheckResult> {
    const r = await super.check(olds, news);
    const adopt = (r.inputs as PropertyBag | undefined)?.["adoptOrderId"];
    if (typeof adopt === "number" && Number.isSafeInteger(adopt)) this.claims.claim(adopt);
    return r;
  }

  /** The rules between fields that involve renewal (renewal.ts). */
  protected override crossFieldFailures(olds: PropertyBag, inputs: PropertyBag): CheckFailure[] {
    return renewalFailures(olds, inputs);
  }

  // An order DigiCert ended (revoked, rejected, canceled or expired outside the stack)
  // no longer gives the program its certificate: plan a new order, visibly, at preview.
  protected override replacesBeyondInputs(old: ClientCertificateOrderState): string[] {
    return old.status !== undefined && ENDED_STATUSES.has(old.status) ? ["status"] : [];
  }

  /**
   * The base's diff, and the renewal: an order due for renewal plans an update (whose
   * term inputs may change with it), and the plan says why in the engine's output.
   * Every order the engine shows in state is held: no other resource may take it.
   */
  override async diff(id: string, olds: PropertyBag, news: PropertyBag): Promise<dynamic.DiffResult> {
    const old = this.state(olds);
    this.hold(currentOrderId(id, old), this.journalOwner(news));
    const plan = renewalPlan(id, old, news, this.now());
    // Settings that only steer the ordering itself and that DigiCert does not report
    // back: absent from state (an imported order), a declared value is taken as it is.
    const unrecorded = ORDERING_ONLY.filter((k) => old[k] === undefined && news[k] !== undefined);
    const allReplaces = [
      ...changedKeys(old, news, clientCertificateOrder.replaceKeys).filter((k) => !(unrecorded as readonly string[]).includes(k)),
      ...this.replacesBeyondInputs(old),
    ];
    if (unrecorded.length > 0) {
      this.log.info(`order ${currentOrderId(id, old)}: ${unrecorded.join(", ")} not recorded for this order (imported?); taken as declared, no new order`);
    }
    const replaces = plan.kind === "renew" ? allReplaces.filter((k) => !RENEWAL_TERMS.includes(k)) : allReplaces;
    const updates = changedKeys(old, news, clientCertificateOrder.updateKeys);
    const name = `order ${currentOrderId(id, old)} (${old.certificate.commonName})`;
    if (plan.kind === "renew" && replaces.length === 0) {
      this.log.info(`${name}: renewal planned: ${plan.reason}. The renewal order has the same details; order ${plan.orderId} is not revoked`);
    } else if (plan.kind === "renew") {
      this.log.info(`${name} is due for renewal (${plan.reason}), but ${replaces.join(", ")} changed: a new order replaces it instead`);
    } else if (plan.kind === "needs-new-date" && replaces.length === 0) {
      this.log.warn(
        `${name} is due for renewal (${plan.reason}), but a renewal cannot be to the same customExpirationDate (${old.customExpirationDate ?? "?"}): ` +
          "set a new customExpirationDate to renew it (or remove it to renew for validityYears); no renewal is planned",
      );
    }
    const renews = plan.kind === "renew" && replaces.length === 0;
    // Create the new resource before deleting the old: a certificate stays valid throughout.
    return { changes: renews || replaces.length + updates.length > 0, replaces, deleteBeforeReplace: false };
  }

  /** The order is in state: claimed, and its owner's journal record of it served its purpose. */
  private hold(orderId: number, owner: string | undefined): void {
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
    // This machine's record of the resource's last order POST, when there is one, says
    // what that POST placed. Only a record of a POST that DigiCert shows placed nothing
    // settles it; otherwise (no record, or its order taken by another resource of the
    // same name elsewhere in the stack, ended, or not that order) DigiCert's recent
    // orders are looked at too.
    let settled = false;
    if (owner !== undefined && journal !== undefined) {
      const entry = journal.read(owner);
      if (entry !== undefined && entry.what === "order" && entry.fingerprint === posted) {
        settled = entry.state === "posting";
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
          return { id: String(found.orderId), outs: await this.settled(inputs, { orderId: found.orderId, first, how: "adopted" }) };
        }
      }
    }

    if (!settled) await this.lookBack(inputs, journal);
    const startedAt = Date.now();
    const entry: JournalEntry | undefined = owner !== undefined ? { owner, what: "order", fingerprint: posted, startedAt, state: "posting" } : undefined;
    // On disk before the POST leaves: a kill from here on leaves a record to resume from.
    if (entry !== undefined) journal?.write(entry);
    const record: PostRecord | undefined =
      entry === undefined || journal === undefined || owner === undefined
        ? undefined
        : {
            answered: (orderId) => journal.write({ ...entry, state: "answered", orderId }),
            // A definite refusal placed nothing: nothing to resume.
            refused: () => journal.forget(owner, (e) => e.startedAt === startedAt),
          };
    const placed = await this.place(inputs, { startedAt, ...(record !== undefined ? { record } : {}) });
    return { id: String(placed.orderId), outs: await this.settled(inputs, placed) };
  }

  /**
   * Stops the create when DigiCert shows an order with this certificate that no resource
   * holds and that may already be this resource's (unheld.ts): the journal only knows
   * what this machine did.
   */
  private async lookBack(inputs: ClientCertificateOrderInputs, journal: Journal | undefined): Promise<void> {
    const hours = this.ctx.settings.orderLookbackHours;
    if (hours <= 0) return;
    this.recent ??= new RecentOrders(() => this.ctx.client(), Date.now() - hours * 3_600_000);
    const recordedElsewhere = recordedIds((journal ?? this.ctx.journal()).all(), "order");
    let found;
    try {
      found = await this.recent.unheld(inputs, this.claims, { before: this.runStartedAt ?? PROCESS_STARTED_AT, recordedElsewhere });
    } catch (err) {
      throw new OrderLookBackError(
        `before ordering the ${inputs.productId} order for "${inputs.certificate.commonName}", reading DigiCert's orders of the last ${hours} h ` +
          `(for one an interrupted run may have placed) failed: ${messageOf(err)}. Nothing was ordered. Run \`pulumi up\` again; ` +
          "to order without looking, set digicert:orderLookbackHours (or DIGICERT_ORDER_LOOKBACK_HOURS) to 0 for that run.",
        { cause: err },
      );
    }
    if (found.length > 0) throw unheldOrdersError(inputs, found, hours);
  }

  /**
   * The order POST, once (with `renewalOf`, a renewal of that order). When its answer is
   * lost, the order it may have placed is looked for instead of posting again.
   */
  private async place(inputs: ClientCertificateOrderInputs, opts: { startedAt: number; renewalOf?: number; record?: PostRecord }): Promise<Placed> {
    const { startedAt, renewalOf, record } = opts;
    const client = this.ctx.client();
    const body = toOrderRequest(renewalOf === undefined ? inputs : { ...inputs, renewalOfOrderId: renewalOf });
    let placed;
    try {
      placed = await this.claims.track(fingerprint(inputs), client.orderClientCertificate(inputs.productId, body));
    } catch (err) {
      if (!(err instanceof DigiCertOrderMayExistError)) {
        record?.refused();
        throw err;
      }
      const recovered = await this.recover(inputs, startedAt, err, renewalOf);
      record?.answered(recovered.orderId);
      return recovered;
    }
    record?.answered(placed.id);
    // The order exists and is paid for from here on.
    const first: ClientCertificateOrderOutputs = compact({
      ...inputs,
      orderId: placed.id,
      certificateId: placed.certificateId,
      requests: placed.requests.map((r) => ({ id: r.id, status: r.status })),
      status: placed.requests.some((r) => r.status === "approved") ? "pending" : "needs_approval",
    });
    const renewing = renewalOf === undefined ? "" : `, renewal of order ${renewalOf}`;
    this.log.info(
      `order ${placed.id} placed (${inputs.productId}, ${inputs.certificate.commonName}${renewing}); request ${first.requests.map((r) => `${r.id} ${r.status}`).join(", ")}`,
    );
    const chain =
      placed.certificateId !== undefined && placed.certificateChain !== undefined
        ? { certificateId: placed.certificateId, pems: placed.certificateChain.map((c) => c.pem) }
        : undefined;
    return { orderId: placed.id, first, how: "placed", ...(chain !== undefined ? { chain } : {}) };
  }

  /**
   * The outputs of an order that exists: read back from DigiCert, or as first known when
   * that read fails. It must not fail the create or renewal, or the stack would lose an
   * order already paid for and the next `up` would order again.
   */
  private async settled(inputs: ClientCertificateOrderInputs, placed: Placed): Promise<ClientCertificateOrderOutputs> {
    if (placed.how === "placed" && placed.chain !== undefined) {
      try {
        const outs = outputsFromAnswer(inputs, { orderId: placed.orderId, requests: placed.first.requests ?? [], ...placed.chain });
        this.log.info(`order ${placed.orderId}: issued at once; certificate ${placed.chain.certificateId} (serial ${outs.serialNumber ?? "?"}) stored as PEM, from the order's answer`);
        return outs;
      } catch (err) {
        this.log.warn(`order ${placed.orderId}: the certificate in the order's answer does not check (${messageOf(err)}); reading the order back instead`);
      }
    }
    let info: OrderInfo;
    try {
      info = await this.waitForIssuance(placed.orderId);
    } catch (err) {
      this.log.warn(`order ${placed.orderId} was ${placed.how}, but reading it back failed (${messageOf(err)}); \`pulumi refresh\` will catch up`);
      return placed.first;
    }
    return outputsFromInfo(inputs, info, await this.pemAtCreate(info, placed.chain));
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
  private async recover(inputs: ClientCertificateOrderInputs, startedAt: number, error: DigiCertOrderMayExistError, renewalOf?: number): Promise<Placed> {
    const seconds = this.ctx.settings.orderLookupSeconds;
    const what = renewalOf === undefined ? `the order request for ${inputs.certificate.commonName}` : `the renewal of order ${renewalOf} (${inputs.certificate.commonName})`;
    this.log.warn(
      `${what} failed (${lostWhy(error)}) after it may have reached DigiCert; ` +
        `looking for the order in DigiCert's orders list for up to ${seconds}s instead of ordering again`,
    );
    const found = await recoverOrder({
      client: this.ctx.client(),
      inputs,
      startedAt,
      error,
      claims: this.claims,
      seconds,
      ...(renewalOf !== undefined ? { renewalOf } : {}),
    });
    this.log.warn(
      `order ${found.orderId} (${inputs.productId}, ${inputs.certificate.commonName}${renewalOf === undefined ? "" : `, renewal of order ${renewalOf}`}) ` +
        "was placed although DigiCert's answer was lost; adopted it instead of ordering again",
    );
    const first: ClientCertificateOrderOutputs = compact({ ...inputs, orderId: found.orderId, requests: [], status: found.status });
    return { orderId: found.orderId, first, how: "adopted" };
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
    if (isImport(props)) return this.imported(id);
    const old = this.state(props);
    const orderId = currentOrderId(id, old);
    this.claims.claim(orderId);
    const info = await readOrder(this.ctx.client(), orderId, { maxAgeMs: SHARED_READ_MS });
    if (info === undefined) {
      this.log.info(`order ${orderId} no longer exists in DigiCert; it leaves the stack`);
      return {};
    }
    const inputs = refreshedInputs(this.storedInputs(old), info);
    // The current certificate's PEM: kept while it is the same certificate, else fetched
    // once it is issued (after a reissue, the reissued one). A PEM that does not check fails the refresh.
    const pem = await this.pem(info, old);
    return { id, props: outputsFromInfo(inputs, info, pem), inputs };
  }

  /** `pulumi import ... ORDER_ID`: the order as DigiCert holds it, its inputs built from DigiCert. */
  private async imported(id: string): Promise<dynamic.ReadResult> {
    const orderId = /^[1-9]\d*$/.test(id) ? Number(id) : undefined;
    if (orderId === undefined) throw new ImportRefusedError(clientCertificateOrder.kind, id, "the import id of an order is its order id, a positive integer");
    const info = await readOrder(this.ctx.client(), orderId);
    if (info === undefined) return {};
    const inputs = importedInputs(info);
    if ("refused" in inputs) throw new ImportRefusedError(clientCertificateOrder.kind, id, inputs.refused);
    this.claims.claim(orderId);
    this.log.info(`order ${orderId} (${inputs.certificate.commonName}) imported with status ${info.status}; nothing was ordered`);
    return { id, props: outputsFromInfo(inputs, info, await this.pem(info, undefined)), inputs };
  }

  /**
   * Renews the order when it is due (the same decision as diff's, on today's date);
   * otherwise only inputs used later changed (revocationComments, renewBeforeDays), and
   * no API is called.
   */
  async update(id: string, olds: PropertyBag, news: PropertyBag): Promise<dynamic.UpdateResult<ClientCertificateOrderState>> {
    const old = this.state(olds);
    const inputs = this.validated(news, old);
    const plan = renewalPlan(id, old, inputs, this.now());
    if (plan.kind !== "renew") return { outs: this.carriedOver(inputs, old) };
    return { outs: await this.renew(inputs, old, plan.orderId, plan.reason) };
  }

  /**
   * Places exactly one renewal of order `from`, with the inputs' details, and never
   * revokes `from`: its certificate stays valid until it runs out. DigiCert is asked
   * first, since state may be behind it: an order already renewed (by an interrupted
   * run, or by hand) is not renewed again, and one no longer due or no longer renewable
   * is not renewed at all.
   */
  private async renew(inputs: ClientCertificateOrderInputs, old: ClientCertificateOrderState, from: number, reason: string): Promise<ClientCertificateOrderOutputs> {
    const current = await readOrder(this.ctx.client(), from);
    const due = `order ${from} (${inputs.certificate.commonName}) is due for renewal (${reason})`;
    if (current === undefined) {
      throw new RenewalRefusedError(
        from,
        `${due}, but it no longer exists in DigiCert: nothing was ordered. Run \`pulumi refresh\` (the resource leaves the stack), then \`pulumi up\` to order anew.`,
      );
    }
    if (current.isRenewed === true) return this.takeRenewal(inputs, current, due);
    if (!RENEWABLE_STATUSES.has(current.status)) {
      throw new RenewalRefusedError(
        from,
        `${due}, but DigiCert now reports it ${current.status}: nothing was ordered. Run \`pulumi refresh\` to see the order as DigiCert has it; ` +
          "the next `pulumi up` then plans what it calls for (a new order in place of a revoked, rejected or canceled one).",
      );
    }
    const validTill = current.certificate.validTill;
    const window = renewalWindow(inputs);
    const left = validTill === undefined ? undefined : daysFromToday(validTill, this.now());
    if (left !== undefined && window !== undefined && left > window) {
      this.log.info(`order ${from}: DigiCert reports it valid till ${validTill} (${left} days left, more than renewBeforeDays ${window}): no renewal needed, nothing ordered`);
      return outputsFromInfo(inputs, current, await this.pem(current, old));
    }
    // No journal record: a renewal interrupted after its POST is found by the next `up`
    // through DigiCert's own record, the renewed order's is_renewed (takeRenewal).
    const placed = await this.place(inputs, { startedAt: Date.now(), renewalOf: from });
    this.log.info(
      `order ${placed.orderId} renews order ${from}, which is not revoked: its certificate stays valid until ${validTill ?? old.validTill ?? "it runs out"}`,
    );
    return this.settled(inputs, placed);
  }

  /** `from` is renewed already: take its one renewal with the inputs' details, or stop and say why. */
  private async takeRenewal(inputs: ClientCertificateOrderInputs, current: OrderInfo, due: string): Promise<ClientCertificateOrderOutputs> {
    const from = current.id;
    const created = current.dateCreated === undefined ? NaN : Date.parse(current.dateCreated);
    const found = await findRenewals({ client: this.ctx.client(), inputs, orderId: from, since: Number.isNaN(created) ? 0 : created, claims: this.claims });
    const [only] = found;
    if (found.length === 1 && only !== undefined && this.claims.claim(only.id)) {
      this.log.warn(
        `${due}, and DigiCert reports it renewed already, by order ${only.id} (placed by an earlier run that was interrupted, or outside the stack): ` +
          `the resource now holds order ${only.id}; nothing was ordered`,
      );
      return this.settled(inputs, { orderId: only.id, first: compact({ ...inputs, orderId: only.id, requests: [], status: only.status }), how: "adopted" });
    }
    const container = inputs.containerId === undefined ? "" : `, container ${inputs.containerId}`;
    throw new RenewalRefusedError(
      from,
      found.length === 0
        ? `${due}, but DigiCert reports it renewed already (is_renewed), and no order with this resource's details (${inputs.productId}, "${inputs.certificate.commonName}", ` +
            `its emails, organization ${inputs.organizationId}${container}) names it as the order it renews: nothing was ordered. ` +
            "Find its renewal in CertCentral. To take that order as this resource's, declare `adoptOrderId` with its id (the adopted order replaces this one, whose certificate is then revoked); " +
            "to stop renewing, set `renewBeforeDays` to a negative number."
        : `${due}, but DigiCert reports it renewed already, by ${found.length} orders with this resource's details: ${found.map((o) => o.id).join(", ")}. ` +
            "The provider cannot tell which one is this resource's, so it orders nothing. Cancel the ones not wanted in CertCentral, then run `pulumi up` again: it takes the one renewal left.",
    );
  }

  async delete(id: string, props: PropertyBag): Promise<void> {
    const old = this.state(props);
    // The order the resource holds now: after a renewal, the renewal. A renewed order is
    // never revoked here; it runs out on its own.
    const orderId = currentOrderId(id, old);
    const client = this.ctx.client();
    const journal = this.ctx.journal();
    for (const e of journal.all()) if (e.what === "order" && e.orderId === orderId) journal.forget(e.owner, (x) => x.orderId === orderId);
    const info = await readOrder(client, orderId, { maxAgeMs: REVOKE_READ_MS });
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
      const revoke = await client.revokeCertificate(certificateId, old.revocationComments, { ofOrder: orderId });
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
