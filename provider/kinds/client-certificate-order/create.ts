// Create: adopt the order the program names, or place one through the journaled paid
// POST (exactly-once/paid-post.ts): an earlier run's order of this very request is
// taken, an unheld recent one stops the create, and only then is the order POSTed.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { compact } from "../../kit/inputs/equal";
import type { Call } from "../../kit/kind-provider";
import { sentenceOf } from "../../kit/runtime/log";
import { OrderLookBackError, isSettingsRefusal } from "../../kit/runtime/errors";
import { PROCESS_STARTED_AT } from "../../exactly-once/lookup";
import { journalFor, recordedIds, type Journal } from "../../exactly-once/journal";
import { journaledPost } from "../../exactly-once/paid-post";
import { LostRequestError } from "../../kit/runtime/errors";
import { lookBackMs, RecentOrders, unheldOrdersError } from "../../exactly-once/orders/look-back";
import { resumeOrder } from "../../exactly-once/orders/resume";
import { adoptOrder } from "./adopt";
import { orderIdentity, subjectName, toOrderRequest } from "./mapping";
import { placeOrder } from "./place";
import type { OrderRun } from "./run";
import { settled, type Placed } from "./settle";
import type { ClientCertificateOrderInputs, ClientCertificateOrderOutputs } from "./schema";

export async function createOrder(run: OrderRun, inputs: ClientCertificateOrderInputs, call: Call): Promise<dynamic.CreateResult<ClientCertificateOrderOutputs>> {
  if (inputs.adoptOrderId !== undefined) return adoptOrder(run, inputs, inputs.adoptOrderId);
  const { owner } = call;
  const journal = owner !== undefined ? journalFor(run.ctx.settings) : undefined;
  const { value: placed } = await journaledPost<Placed>({
    journal,
    owner,
    request: { what: "order", fingerprint: JSON.stringify([inputs.productId, toOrderRequest(inputs)]) },
    resume: async (entry) => {
      const found = await resumeOrder({
        client: run.ctx.client(),
        inputs: orderIdentity(inputs),
        entry,
        claims: run.claims,
        others: (journal?.all() ?? []).filter((e) => e.owner !== owner),
        log: run.log,
        ...(run.runStartedAt !== undefined ? { runStartedAt: run.runStartedAt } : {}),
      });
      if (found === undefined) return undefined;
      const first: ClientCertificateOrderOutputs = compact({ ...inputs, orderId: found.orderId, requests: [], status: found.status });
      return { orderId: found.orderId, first, how: "adopted" };
    },
    lookBack: () => lookBack(run, inputs, journal, owner),
    post: (startedAt) => placeOrder(run, inputs, { startedAt }),
    now: () => run.ctx.client().serverNow(),
    placed: (p) => `order ${p.orderId} (${inputs.productId}, ${subjectName(inputs)})`,
    adoptHint: (p) => `declare \`adoptOrderId: ${p.orderId}\` on this resource`,
    warn: (m) => run.log.warn(m),
    answer: (p) => ({ orderId: p.orderId }),
    // A lost answer whose order was not found may still have placed one: the record stays.
    placedNothing: (err) => !(err instanceof LostRequestError),
  });
  return { id: String(placed.orderId), outs: await settled(run, inputs, placed) };
}

/**
 * Stops the create when DigiCert shows an order with this certificate that no resource
 * holds and that may already be this resource's (exactly-once/orders/look-back.ts): the
 * journal only knows what this machine did. Never skipped: with orderLookbackHours 0 it
 * still reaches MIN_LOOKBACK_MS back, for the order of a POST of the last minutes whose
 * record is gone. The resource's own record does not hide an order: only other
 * resources' records do.
 */
async function lookBack(run: OrderRun, inputs: ClientCertificateOrderInputs, journal: Journal | undefined, owner: string | undefined): Promise<void> {
  const hours = run.ctx.settings.orderLookbackHours;
  run.recent ??= new RecentOrders(() => run.ctx.client(), lookBackMs(hours));
  const recordedElsewhere = recordedIds((journal ?? journalFor(run.ctx.settings)).all().filter((e) => e.owner !== owner), "order");
  let found;
  try {
    found = await run.recent.unheld(orderIdentity(inputs), run.claims, { before: run.runStartedAt ?? PROCESS_STARTED_AT, recordedElsewhere });
  } catch (err) {
    // A refused key or a base URL that is not the API is the cause to name, not the look-back.
    if (isSettingsRefusal(err)) throw err;
    throw new OrderLookBackError(
      `before ordering the ${inputs.productId} order for "${subjectName(inputs)}", reading DigiCert's orders of the last ${hours > 0 ? `${hours} h` : "minutes"} ` +
        `(for one an interrupted run may have placed) failed: ${sentenceOf(err)} Nothing was ordered. Run \`pulumi up\` again once DigiCert answers.`,
      { cause: err },
    );
  }
  if (found.length > 0) throw unheldOrdersError(orderIdentity(inputs), found, hours);
}
