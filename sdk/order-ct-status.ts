import * as pulumi from "@pulumi/pulumi";
import { orderCtStatus, type OrderCtStatusInputs, type OrderCtStatusOutputs } from "../provider/kinds/order-ct-status/schema";
import { dynamicType, registeredProps } from "./resource";
import type { Args, ResourceOutputs } from "./types";

export type OrderCtStatusArgs = Args<OrderCtStatusInputs>;

// Its outputs: its inputs, as DigiCert holds them.
export interface OrderCtStatus extends ResourceOutputs<OrderCtStatusOutputs> {}

/** An order's CT-log status. Deleting it turns CT logging back on (disable_ct: false). */
export class OrderCtStatus extends pulumi.CustomResource {
  constructor(name: string, args: OrderCtStatusArgs, opts?: pulumi.CustomResourceOptions) {
    super(dynamicType(orderCtStatus), name, registeredProps(orderCtStatus, name, args), opts);
  }
}
