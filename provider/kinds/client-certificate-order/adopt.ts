// `adoptOrderId`: the program takes an existing order instead of placing one, when the
// order matches what it declares.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { sameValue } from "../../kit/inputs/equal";
import { AdoptionMismatchError } from "../../kit/runtime/errors";
import { outputsFromInfo, refreshedInputs } from "./mapping";
import type { OrderRun } from "./run";
import { pemAtCreate } from "./settle";
import type { ClientCertificateOrderInputs, ClientCertificateOrderOutputs } from "./schema";

/** What adopting an order compares between the program and DigiCert. */
const ADOPTION_KEYS = ["productId", "organizationId", "containerId", "certificate"] as const;

export async function adoptOrder(run: OrderRun, inputs: ClientCertificateOrderInputs, orderId: number): Promise<dynamic.CreateResult<ClientCertificateOrderOutputs>> {
  const info = await run.ctx.client().getOrder(orderId);
  const actual = refreshedInputs(inputs, info);
  const mismatched = ADOPTION_KEYS.filter((k) => !sameValue(inputs[k], actual[k]));
  if (mismatched.length > 0) {
    const detail = mismatched.map((k) => `${k}: DigiCert has ${JSON.stringify(actual[k])}, the program declares ${JSON.stringify(inputs[k])}`).join("; ");
    throw new AdoptionMismatchError(
      orderId,
      mismatched,
      `adoptOrderId ${orderId}: the order does not match the declared inputs (${detail}). Declare what DigiCert holds; no order was placed.`,
    );
  }
  run.claims.claim(orderId);
  run.log.info(`order ${orderId} adopted (status ${info.status}); no order was placed`);
  return { id: String(orderId), outs: outputsFromInfo(inputs, info, await pemAtCreate(run, info)) };
}
