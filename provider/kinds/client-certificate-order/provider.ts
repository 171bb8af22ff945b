// ClientCertificateOrder: create places (or adopts) an order, update renews it once it
// is due, read tracks it, delete revokes the order's current certificate. An order is
// POSTed once: by create, or by update as a renewal of the order the resource holds.
// After a renewal the resource's ID stays the order it was created with (an update
// cannot change it); read and delete follow `orderId` in state, the order it holds now.
// Each step is a file of its own; this class routes the engine's typed calls to them.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { KindProvider, type Call, type PropertyBag } from "../../kit/kind-provider";
import type { ProviderContext } from "../../kit/runtime/context";
import type { CheckFailure } from "../../kit/runtime/errors";
import type { Logger } from "../../kit/runtime/log";
import { journalFor } from "../../exactly-once/journal";
import { OrderClaims } from "../../exactly-once/orders/recovery";
import { currentProductId, isClientProductId, isOlderProductId } from "../../digicert";
import { createOrder } from "./create";
import { csrForOrder, csrForRenewal, keepOrderCsr, placedWith, storedAfterPlacing } from "./next-csr";
import { judgeProduct } from "./product-rules";
import { deleteOrder } from "./delete";
import { diffOrder, endedReplaces } from "./diff";
import { importOrder, readOrderResource } from "./read";
import { renewOrder } from "./renew";
import { currentOrderId, renewalFailures, renewalPlan } from "./renewal";
import type { OrderRun } from "./run";
import {
  clientCertificateOrder,
  existingOrderInputs,
  type ClientCertificateOrderInputs,
  type ClientCertificateOrderOutputs,
  type ClientCertificateOrderState,
} from "./schema";

export class ClientCertificateOrderProvider extends KindProvider<ClientCertificateOrderInputs, ClientCertificateOrderState> {
  private readonly run: OrderRun;

  constructor(ctx: ProviderContext, log: Logger, runStartedAt?: number, now: () => Date = () => new Date()) {
    super(clientCertificateOrder, ctx, log);
    this.run = { ctx, log, claims: new OrderClaims(), runStartedAt, now, recent: undefined };
  }

  /** An existing order's customExpirationDate, unchanged, is not judged by today's date again. */
  protected override inputsSchema(olds: PropertyBag, news: PropertyBag): typeof clientCertificateOrder.inputs {
    const date = olds["customExpirationDate"];
    return date !== undefined && date === news["customExpirationDate"] ? existingOrderInputs : clientCertificateOrder.inputs;
  }

  /**
   * An order the program adopts is held, like one in state: no create's look-back may name it.
   * An older product id, or a product rule DigiCert's pages state that an older order may
   * still lack, is warned about once per process (check runs at preview and again at up).
   */
  override async check(olds: PropertyBag, news: PropertyBag): Promise<dynamic.CheckResult> {
    const r = await super.check(olds, news);
    const inputs = (r.inputs ?? {}) as PropertyBag;
    const adopt = inputs["adoptOrderId"];
    if (typeof adopt === "number" && Number.isSafeInteger(adopt)) this.run.claims.claim(adopt);
    if ((r.failures ?? []).length === 0) {
      const productId = inputs["productId"];
      const warnings = judgeProduct(olds, inputs).warnings;
      if (typeof productId === "string" && isClientProductId(productId) && isOlderProductId(productId)) {
        warnings.unshift(
          `productId "${productId}" is the older id of the reference pages; DigiCert's current pages name this product "${currentProductId(productId)}". ` +
            `Changing productId to "${currentProductId(productId)}" is no change to the order (no new order)`,
        );
      }
      for (const w of warnings) {
        if (this.warned.has(w)) continue;
        this.warned.add(w);
        this.log.warn(w);
      }
    }
    return r;
  }

  private readonly warned = new Set<string>();

  /** The rules between fields: renewal's (renewal.ts) and each product's order body (product-rules.ts). */
  protected override crossFieldFailures(olds: PropertyBag, inputs: PropertyBag): CheckFailure[] {
    return [...renewalFailures(olds, inputs), ...judgeProduct(olds, inputs).failures];
  }

  protected override replacesBeyondInputs(old: ClientCertificateOrderState): string[] {
    return endedReplaces(old);
  }

  /** Every order the engine shows in state is held: no other resource may take it, and its owner's journal record served its purpose. */
  protected override async onDiff(id: string, old: ClientCertificateOrderState, news: PropertyBag, call: Call): Promise<dynamic.DiffResult> {
    const orderId = currentOrderId(id, old);
    if (Number.isSafeInteger(orderId)) {
      this.run.claims.claim(orderId);
      this.seenScope(orderId, news["revokeScope"]);
      if (call.owner !== undefined) journalFor(this.ctx.settings).forget(call.owner, (e) => e.what === "order" && e.orderId === orderId);
    }
    return diffOrder(this.run, id, old, news);
  }

  protected async onCreate(inputs: ClientCertificateOrderInputs, call: Call): Promise<dynamic.CreateResult<ClientCertificateOrderOutputs>> {
    const csr = csrForOrder(inputs);
    const r = await createOrder(this.run, placedWith(inputs, csr), call);
    this.seenScope(r.outs?.orderId, inputs.revokeScope);
    return { id: r.id, outs: storedAfterPlacing(inputs, r.outs ?? ({} as ClientCertificateOrderOutputs), csr) };
  }

  protected async onRead(id: string, old: ClientCertificateOrderState): Promise<dynamic.ReadResult> {
    this.seenScope(currentOrderId(id, old), old.revokeScope);
    return keepOrderCsr(await readOrderResource(this.run, id, old, this.storedInputs(old)), old);
  }

  protected onImport(id: string): Promise<dynamic.ReadResult> {
    return importOrder(this.run, id);
  }

  /**
   * Renews the order when it is due (the same decision as diff's, on today's date);
   * otherwise only inputs used later changed (revocationComments, renewBeforeDays), and
   * no API is called.
   */
  protected async onUpdate(id: string, old: ClientCertificateOrderState, inputs: ClientCertificateOrderInputs, call: Call): Promise<dynamic.UpdateResult<ClientCertificateOrderState>> {
    const plan = renewalPlan(id, old, inputs, this.run.now());
    this.seenScope(currentOrderId(id, old), inputs.revokeScope);
    if (plan.kind !== "renew") return { outs: this.carriedOver(inputs, old) };
    const csr = csrForRenewal(inputs, old);
    const outs = await renewOrder(this.run, placedWith(inputs, csr), old, plan.orderId, plan.reason, call);
    this.seenScope(outs.orderId, inputs.revokeScope);
    // A renewal DigiCert reports done already (found, not placed) was not placed here: its CSR is not known.
    return { outs: storedAfterPlacing(inputs, outs, outs.orderId === currentOrderId(id, old) ? old.orderCsr : csr) };
  }

  /** The order's revoke scope, for its OrderCtStatus in this process (ProviderContext.revokeScopes). */
  private seenScope(orderId: unknown, scope: unknown): void {
    if (typeof orderId === "number" && Number.isSafeInteger(orderId)) this.ctx.revokeScopes.set(orderId, scope === "order" ? "order" : "certificate");
  }

  protected onDelete(id: string, old: ClientCertificateOrderState): Promise<void> {
    return deleteOrder(this.run, id, old);
  }
}
