// OrderCtStatus, defined once: its outputs are its inputs, as DigiCert holds them.
import { z } from "zod";
import { defineResource, type InputsOf, type OutputsOf, type StateOf } from "../../kit/inputs/definition";
import { bool, positiveId } from "../../kit/inputs/fields";

export const orderCtStatus = defineResource({
  kind: "OrderCtStatus",
  inputs: z
    .strictObject({
      orderId: positiveId("the order whose CT logging is set").describe("ID of the order."),
      disableCt: bool("true keeps the certificate out of public CT logs, false logs it").describe(
        "true: CT logging off (certificate kept out of public CT logs); false: CT logging on.",
      ),
    })
    .describe("Sets an order's certificate transparency (CT) log status. Deleting it turns CT logging back on."),
  computed: {
    orderRevokeScope: z
      .enum(["certificate", "order"])
      .optional()
      .describe(
        "The order's revokeScope as the provider last saw it beside this resource. A destroy deletes the CT status first and, for `certificate`, reads the order ahead for its revoke; for `order` it does not (that revoke needs no read). Unknown: read ahead.",
      ),
  },
  replaceKeys: ["orderId"],
  updateKeys: ["disableCt"],
});

export type OrderCtStatusInputs = InputsOf<typeof orderCtStatus>;
export type OrderCtStatusOutputs = OutputsOf<typeof orderCtStatus>;
export type OrderCtStatusState = StateOf<typeof orderCtStatus>;
