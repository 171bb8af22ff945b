// OrderCtStatus: an order's CT-log setting. Delete turns CT logging back on, the
// account's default, so removing the resource leaves no hidden opt-out behind.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { DigiCertApiError } from "../../digicert";
import { orderCtStatusInputs, type OrderCtStatusInputs } from "../fields";
import { ResourceProviderBase } from "../base";
import type { ProviderContext } from "../context";
import type { Logger } from "../log";
import { isNotFound } from "../order-info";

export type OrderCtStatusOutputs = OrderCtStatusInputs;

export const CT_REPLACE_KEYS = ["orderId"] as const;
export const CT_UPDATE_KEYS = ["disableCt"] as const;

export class OrderCtStatusProvider extends ResourceProviderBase<typeof orderCtStatusInputs> implements dynamic.ResourceProvider {
  constructor(ctx: ProviderContext, log: Logger) {
    super("OrderCtStatus", orderCtStatusInputs, CT_REPLACE_KEYS, CT_UPDATE_KEYS, ctx, log);
  }

  async create(raw: Record<string, unknown>): Promise<dynamic.CreateResult<OrderCtStatusOutputs>> {
    const i = this.validated(raw);
    await this.ctx.client().setCtStatus(i.orderId, i.disableCt);
    return { id: String(i.orderId), outs: { orderId: i.orderId, disableCt: i.disableCt } };
  }

  async update(_id: string, _olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.UpdateResult<OrderCtStatusOutputs>> {
    const i = this.validated(news);
    await this.ctx.client().setCtStatus(i.orderId, i.disableCt);
    return { outs: { orderId: i.orderId, disableCt: i.disableCt } };
  }

  async read(id: string): Promise<dynamic.ReadResult<OrderCtStatusOutputs>> {
    try {
      const info = await this.ctx.client().getOrder(Number(id));
      const state = { orderId: info.id as number, disableCt: info.disableCt ?? false };
      return { id, props: state, inputs: state };
    } catch (err) {
      if (isNotFound(err)) return {};
      throw err;
    }
  }

  async delete(id: string): Promise<void> {
    const orderId = Number(id);
    try {
      await this.ctx.client().setCtStatus(orderId, false);
      this.log.info(`order ${orderId}: CT logging restored (disable_ct: false)`);
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
