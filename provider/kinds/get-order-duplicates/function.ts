// getOrderDuplicates: dynamic providers implement no invoke, so the function runs in
// the program's own process, with a client built from the same `digicert:*` settings.
import { validInputs } from "../../kit/inputs/check";
import type { ProviderContext } from "../../kit/runtime/context";
import { getOrderDuplicates as definition, type GetOrderDuplicatesInputs, type GetOrderDuplicatesResult } from "./schema";

export async function getOrderDuplicates(ctx: ProviderContext, raw: GetOrderDuplicatesInputs): Promise<GetOrderDuplicatesResult> {
  const { orderId } = validInputs(definition.name, definition.inputs, raw);
  const certificates = await ctx.client().listDuplicates(orderId);
  return { certificates };
}
