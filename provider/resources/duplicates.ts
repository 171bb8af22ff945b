// getOrderDuplicates: dynamic providers implement no invoke, so the function runs in
// the program's own process, with a client built from the same `digicert:*` settings.
import type { DuplicateCertificate } from "../digicert";
import { getOrderDuplicatesInputs, type GetOrderDuplicatesInputs } from "./inputs";
import { checkInputs, describeFailures } from "./check";
import type { ProviderContext } from "./config";

export interface GetOrderDuplicatesResult {
  certificates: DuplicateCertificate[];
}

export async function getOrderDuplicates(ctx: ProviderContext, raw: GetOrderDuplicatesInputs): Promise<GetOrderDuplicatesResult> {
  const checked = checkInputs(getOrderDuplicatesInputs, raw as unknown as Record<string, unknown>);
  if (checked.ok !== true) throw new Error(describeFailures("getOrderDuplicates", checked.failures));
  const certificates = await ctx.client().listDuplicates(checked.value.orderId);
  return { certificates };
}
