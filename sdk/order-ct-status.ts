import * as pulumi from "@pulumi/pulumi";
import type { OrderCtStatusInputs } from "../provider/resources/fields";
import { providerFor } from "../provider/resources/stub";
import { MODULE } from "../provider/resources/kinds";
import type { Args } from "./inputs";

export type OrderCtStatusArgs = Args<OrderCtStatusInputs>;

/** An order's CT-log status. Deleting it turns CT logging back on (disable_ct: false). */
export class OrderCtStatus extends pulumi.dynamic.Resource {
  declare readonly orderId: pulumi.Output<number>;
  declare readonly disableCt: pulumi.Output<boolean>;

  constructor(name: string, args: OrderCtStatusArgs, opts?: pulumi.CustomResourceOptions) {
    super(providerFor("OrderCtStatus"), name, { ...args }, opts, MODULE, "OrderCtStatus");
  }
}
