import * as pulumi from "@pulumi/pulumi";
import type { DuplicateCertificate } from "../provider/digicert";
import { getOrderDuplicates as run } from "../provider/kinds/get-order-duplicates/function";
import type { GetOrderDuplicatesInputs, GetOrderDuplicatesResult } from "../provider/kinds/get-order-duplicates/schema";
import { programProviderContext } from "./context";
import type { Args } from "./types";

export type { DuplicateCertificate, GetOrderDuplicatesResult };
export type GetOrderDuplicatesArgs = GetOrderDuplicatesInputs;
export type GetOrderDuplicatesOutputArgs = Args<GetOrderDuplicatesInputs>;

/** Lists an order's duplicate certificates (GET /order/certificate/{order_id}/duplicate). */
export function getOrderDuplicates(args: GetOrderDuplicatesArgs): Promise<GetOrderDuplicatesResult> {
  return run(programProviderContext(), args);
}

/** The Output-returning form of getOrderDuplicates, for inputs that are Outputs. */
export function getOrderDuplicatesOutput(args: GetOrderDuplicatesOutputArgs): pulumi.Output<GetOrderDuplicatesResult> {
  return pulumi.output(args).apply((a) => getOrderDuplicates({ orderId: a.orderId }));
}
