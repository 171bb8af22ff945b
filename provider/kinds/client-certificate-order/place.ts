// The order POST, once (with `renewalOf`, a renewal of that order). When its answer is
// lost, the order it may have placed is looked for and adopted instead of posting again.
import { DigiCertOrderMayExistError } from "../../digicert";
import { compact } from "../../kit/inputs/equal";
import { lostWhy } from "../../exactly-once/lookup";
import { fingerprint, recoverOrder } from "../../exactly-once/orders/recovery";
import { orderIdentity, subjectName, toOrderRequest } from "./mapping";
import type { OrderRun } from "./run";
import type { Placed } from "./settle";
import type { ClientCertificateOrderInputs, ClientCertificateOrderOutputs } from "./schema";

export async function placeOrder(run: OrderRun, inputs: ClientCertificateOrderInputs, opts: { startedAt: number; renewalOf?: number }): Promise<Placed> {
  const { startedAt, renewalOf } = opts;
  const body = toOrderRequest(renewalOf === undefined ? inputs : { ...inputs, renewalOfOrderId: renewalOf });
  let placed;
  try {
    placed = await run.claims.track(fingerprint(orderIdentity(inputs)), run.ctx.client().orderClientCertificate(inputs.productId, body));
  } catch (err) {
    if (!(err instanceof DigiCertOrderMayExistError)) throw err;
    return recover(run, inputs, startedAt, err, renewalOf);
  }
  // The order exists and is paid for from here on.
  const first: ClientCertificateOrderOutputs = compact({
    ...inputs,
    orderId: placed.id,
    certificateId: placed.certificateId,
    requests: placed.requests.map((r) => ({ id: r.id, status: r.status })),
    status: placed.requests.some((r) => r.status === "approved") ? "pending" : "needs_approval",
  });
  const renewing = renewalOf === undefined ? "" : `, renewal of order ${renewalOf}`;
  run.log.info(
    `order ${placed.id} placed (${inputs.productId}, ${subjectName(inputs)}${renewing}); request ${first.requests.map((r) => `${r.id} ${r.status}`).join(", ")}`,
  );
  const chain =
    placed.certificateId !== undefined && placed.certificateChain !== undefined
      ? { certificateId: placed.certificateId, pems: placed.certificateChain.map((c) => c.pem) }
      : undefined;
  return { orderId: placed.id, first, how: "placed", ...(chain !== undefined ? { chain } : {}) };
}

/** The POST may or may not have placed the order: adopt it if DigiCert shows exactly one, never post again. */
async function recover(run: OrderRun, inputs: ClientCertificateOrderInputs, startedAt: number, error: DigiCertOrderMayExistError, renewalOf?: number): Promise<Placed> {
  const seconds = run.ctx.settings.orderLookupSeconds;
  const what = renewalOf === undefined ? `the order request for ${subjectName(inputs)}` : `the renewal of order ${renewalOf} (${subjectName(inputs)})`;
  run.log.warn(
    `${what} failed (${lostWhy(error)}) after it may have reached DigiCert; ` +
      `looking for the order in DigiCert's orders list for up to ${seconds}s instead of ordering again`,
  );
  const found = await recoverOrder({
    client: run.ctx.client(),
    inputs: orderIdentity(inputs),
    startedAt,
    error,
    claims: run.claims,
    seconds,
    ...(renewalOf !== undefined ? { renewalOf } : {}),
  });
  run.log.warn(
    `order ${found.orderId} (${inputs.productId}, ${subjectName(inputs)}${renewalOf === undefined ? "" : `, renewal of order ${renewalOf}`}) ` +
      "was placed although DigiCert's answer was lost; adopted it instead of ordering again",
  );
  const first: ClientCertificateOrderOutputs = compact({ ...inputs, orderId: found.orderId, requests: [], status: found.status });
  return { orderId: found.orderId, first, how: "adopted" };
}
