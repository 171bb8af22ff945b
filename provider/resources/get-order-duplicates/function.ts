// getOrderDuplicates: dynamic providers implement no invoke, so the function runs in
// the program's own process, with a client built from the same `digicert:*` settings.
import type { DuplicateCertificate } from "../../digicert";
import { getOrderDuplicatesInputs, type GetOrderDuplicatesInputs } from "../fields";
import { validInputs } from "../check";
import type { ProviderContext } from "../context";

export interface GetOrderDuplicatesResult {
  certificates: DuplicateCertificate[];
}

export async function getOrderDuplicates(ctx: ProviderContext, raw: GetOrderDuplicatesInputs): Promise<GetOrderDuplicatesResult> {
  const { orderId } = validInputs("getOrderDuplicates", getOrderDuplicatesInputs, raw as unknown as Record<string, unknown>);
  const certificates = await ctx.client().listDuplicates(orderId);
  return { certificates };
}
