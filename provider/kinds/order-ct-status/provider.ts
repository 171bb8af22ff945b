// OrderCtStatus: an order's CT-log setting. Delete turns CT logging back on, the
// account's default, so removing the resource leaves no hidden opt-out behind.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { DigiCertApiError, type OrderInfo } from "../../digicert";
import { KindProvider } from "../../kit/kind-provider";
import type { ProviderContext } from "../../kit/runtime/context";
import type { Logger } from "../../kit/runtime/log";
import { ImportRefusedError } from "../../kit/runtime/errors";
import { isNotFound, readHeldOrder, readOrder, SHARED_READ_MS, warmOrder } from "../../kit/orders/order-info";
import { orderCtStatus, type OrderCtStatusInputs, type OrderCtStatusOutputs, type OrderCtStatusState } from "./schema";

export class OrderCtStatusProvider extends KindProvider<OrderCtStatusInputs, OrderCtStatusState> {
  constructor(ctx: ProviderContext, log: Logger) {
    super(orderCtStatus, ctx, log);
  }

  protected async onCreate(i: OrderCtStatusInputs): Promise<dynamic.CreateResult<OrderCtStatusOutputs>> {
    await this.ctx.client().setCtStatus(i.orderId, i.disableCt);
    return { id: String(i.orderId), outs: { orderId: i.orderId, disableCt: i.disableCt, ...this.scopeOf(i.orderId, undefined) } };
  }

  protected async onUpdate(_id: string, old: OrderCtStatusState, i: OrderCtStatusInputs): Promise<dynamic.UpdateResult<OrderCtStatusOutputs>> {
    await this.ctx.client().setCtStatus(i.orderId, i.disableCt);
    return { outs: { orderId: i.orderId, disableCt: i.disableCt, ...this.scopeOf(i.orderId, old) } };
  }

  /** The order's revoke scope as this process saw it (its order comes first), else what state held. */
  private scopeOf(orderId: number, old: OrderCtStatusState | undefined): Pick<OrderCtStatusOutputs, "orderRevokeScope"> {
    const scope = this.ctx.revokeScopes.get(orderId) ?? old?.orderRevokeScope;
    return scope === undefined ? {} : { orderRevokeScope: scope };
  }

  // Everything this resource holds is read from DigiCert: the stored state is not needed.
  // Its import id is the order id (`pulumi import digicert:index:OrderCtStatus NAME ORDER_ID`).
  // A refresh fails on a 404 (a wrong key or region: DigiCert keeps every order); an import of an order that does not exist finds nothing.
  protected async onRead(id: string, old: OrderCtStatusState): Promise<dynamic.ReadResult> {
    return this.result(id, await readHeldOrder(this.ctx.client(), Number(id), "this OrderCtStatus", { maxAgeMs: SHARED_READ_MS }), old);
  }

  protected async onImport(id: string): Promise<dynamic.ReadResult> {
    if (!/^[1-9]\d*$/.test(id)) throw new ImportRefusedError(orderCtStatus.kind, id, "the id of an order's CT status is the order id, a positive integer");
    const info = await readOrder(this.ctx.client(), Number(id), { maxAgeMs: SHARED_READ_MS });
    return info === undefined ? {} : this.result(id, info);
  }

  private result(id: string, info: OrderInfo, old?: OrderCtStatusState): dynamic.ReadResult {
    const inputs = { orderId: info.id, disableCt: info.disableCt ?? false };
    return { id, props: { ...inputs, ...this.scopeOf(info.id, old) }, inputs };
  }

  protected async onDelete(id: string, old: OrderCtStatusState): Promise<void> {
    const orderId = Number(id);
    try {
      const client = this.ctx.client();
      await client.setCtStatus(orderId, false);
      this.log.info(`order ${orderId}: CT logging restored (disable_ct: false)`);
      // In a destroy the order's own delete comes next and reads it first (see REVOKE_READ_MS),
      // unless it revokes the whole order, which needs no read.
      if ((this.ctx.revokeScopes.get(orderId) ?? old.orderRevokeScope) !== "order") warmOrder(client, orderId);
    } catch (err) {
      if (isNotFound(err)) {
        this.log.info(`order ${orderId} no longer exists; no CT status to restore`);
        return;
      }
      if (err instanceof DigiCertApiError && (err.hasCode("invalid_order_status") || err.hasCode("cert_transparency_turned_off_for_account"))) {
        this.log.warn(`order ${orderId}: CT status not restored: ${err.errors[0]?.message ?? err.message}`);
        return;
      }
      throw err;
    }
  }
}
