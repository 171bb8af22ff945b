import type * as pulumi from "@pulumi/pulumi";
import { orderCtStatus, type OrderCtStatusInputs, type OrderCtStatusOutputs } from "../provider/resources/order-ct-status/schema";
import { DigiCertResource } from "./resource";
import type { Args, ResourceOutputs } from "./types";

export type OrderCtStatusArgs = Args<OrderCtStatusInputs>;

// Its outputs: its inputs, as DigiCert holds them.
export interface OrderCtStatus extends ResourceOutputs<OrderCtStatusOutputs> {}

/** An order's CT-log status. Deleting it turns CT logging back on (disable_ct: false). */
export class OrderCtStatus extends DigiCertResource {
  constructor(name: string, args: OrderCtStatusArgs, opts?: pulumi.CustomResourceOptions) {
    super(orderCtStatus, name, args, opts);
  }
}
