// Renewal at update: places exactly one renewal of order `from`, with the inputs'
// details, and never revokes `from`: its certificate stays valid until it runs out.
// DigiCert is asked first, since state may be behind it: an order no longer due or no
// longer renewable is not renewed at all. The renewal is found through what the provider
// itself placed: the journal's record of its renewal POST (exactly-once/paid-post.ts), and
// DigiCert's orders with the inputs' details placed since `from` (the renewal_of_order_id it
// sent). DigiCert's own links (is_renewed, renewed_order_id) are only hints: a captured
// renewal answers renewed_order_id 0 and is_renewed false. When to renew is renewal.ts's policy.
import type { OrderListItem } from "../../digicert";
import { compact } from "../../kit/inputs/equal";
import type { Call } from "../../kit/kind-provider";
import { ENDED_STATUSES, readOrder } from "../../kit/orders/order-info";
import { HELD_ORDER_404_ADVICE, LostRequestError, RenewalRefusedError } from "../../kit/runtime/errors";
import { journalFor } from "../../exactly-once/journal";
import { journaledPost } from "../../exactly-once/paid-post";
import { candidates } from "../../exactly-once/orders/recovery";
import { orderIdentity, outputsFromInfo, subjectName, toOrderRequest } from "./mapping";
import { placeOrder } from "./place";
import { renewalWindow } from "./renewal";
import type { OrderRun } from "./run";
import { orderPem, settled, type Placed } from "./settle";
import { daysFromToday, type ClientCertificateOrderInputs, type ClientCertificateOrderOutputs, type ClientCertificateOrderState } from "./schema";

/** Statuses of an order DigiCert still renews: one in use, or one that just ran out. */
const RENEWABLE_STATUSES: ReadonlySet<string> = new Set(["issued", "reissue_pending", "expired"]);

export async function renewOrder(
  run: OrderRun,
  inputs: ClientCertificateOrderInputs,
  old: ClientCertificateOrderState,
  from: number,
  reason: string,
  call?: Call,
): Promise<ClientCertificateOrderOutputs> {
  const current = await readOrder(run.ctx.client(), from);
  const due = `order ${from} (${subjectName(inputs)}) is due for renewal (${reason})`;
  if (current === undefined) {
    throw new RenewalRefusedError(
      from,
      `${due}, but DigiCert at ${run.ctx.client().baseUrl} answers 404 for it: nothing was ordered. ${HELD_ORDER_404_ADVICE}`,
    );
  }
  const renewable = RENEWABLE_STATUSES.has(current.status);
  if (!renewable && current.isRenewed !== true) {
    throw new RenewalRefusedError(
      from,
      `${due}, but DigiCert now reports it ${current.status}: nothing was ordered. Run \`pulumi refresh\` to see the order as DigiCert has it; ` +
        "the next `pulumi up` then plans what it calls for (a new order in place of a revoked, rejected or canceled one).",
    );
  }
  const validTill = current.certificate.validTill;
  const window = renewalWindow(inputs);
  const left = validTill === undefined ? undefined : daysFromToday(validTill, run.now());
  if (left !== undefined && window !== undefined && left > window) {
    run.log.info(`order ${from}: DigiCert reports it valid till ${validTill} (${left} days left, more than renewBeforeDays ${window}): no renewal needed, nothing ordered`);
    return outputsFromInfo(inputs, current, await orderPem(run, current, old));
  }
  const owner = call?.owner;
  const journal = owner !== undefined ? journalFor(run.ctx.settings) : undefined;
  let placed: Placed;
  try {
    ({ value: placed } = await journaledPost<Placed>({
      journal,
      owner,
      // renewal_of_order_id is in the body: a record of the first order is not this request's.
      request: { what: "order", fingerprint: JSON.stringify([inputs.productId, toOrderRequest({ ...inputs, renewalOfOrderId: from })]) },
      resume: async (entry) => {
        if (entry.state === "answered" && entry.orderId !== undefined) {
          const id = entry.orderId;
          const info = await readOrder(run.ctx.client(), id);
          if (info === undefined || ENDED_STATUSES.has(info.status) || !run.claims.claim(id)) return undefined;
          run.log.warn(`${due}; the journal records its renewal, order ${id}, placed by an earlier run that was interrupted: taken, nothing was ordered`);
          return { orderId: id, first: compact({ ...inputs, orderId: id, requests: [], status: info.status }), how: "adopted" };
        }
        // Posted, answer never recorded: DigiCert's orders placed since say what it placed.
        const found = await renewalsOf(run, inputs, from, entry.startedAt);
        return found.length === 0 ? undefined : takeOne(run, inputs, found, due, from, true);
      },
      // No record of this machine's: DigiCert's orders with these details placed since `from` are looked at.
      lookBack: async () => {
        const created = current.dateCreated === undefined ? NaN : Date.parse(current.dateCreated);
        const found = await renewalsOf(run, inputs, from, Number.isNaN(created) ? 0 : created);
        if (found.length > 0) throw new FoundRenewals(found);
        if (current.isRenewed === true) refuseRenewed(inputs, from, due);
        if (!renewable) throw new RenewalRefusedError(from, `${due}, but DigiCert now reports it ${current.status}: nothing was ordered.`);
      },
      post: (startedAt) =>
        renewable
          ? placeOrder(run, inputs, { startedAt, renewalOf: from })
          : Promise.reject(new RenewalRefusedError(from, `${due}, but DigiCert now reports it ${current.status} and shows no renewal of it: nothing was ordered.`)),
      answer: (p) => ({ orderId: p.orderId }),
      placedNothing: (err) => !(err instanceof LostRequestError),
      now: () => run.ctx.client().serverNow(),
      placed: (p) => `renewal order ${p.orderId} of order ${from} (${inputs.productId}, ${subjectName(inputs)})`,
      adoptHint: (p) => `declare \`adoptOrderId: ${p.orderId}\` on this resource`,
      warn: (m) => run.log.warn(m),
    }));
  } catch (err) {
    if (!(err instanceof FoundRenewals)) throw err;
    return settled(run, inputs, takeOne(run, inputs, err.found, due, from, false));
  }
  if (placed.how === "placed") {
    run.log.info(`order ${placed.orderId} renews order ${from}, which is not revoked: its certificate stays valid until ${validTill ?? old.validTill ?? "it runs out"}`);
  }
  return settled(run, inputs, placed);
}

/** What the look-back found: stops the POST, and the renewal is taken (or the renewal refused) instead. */
class FoundRenewals extends Error {
  constructor(readonly found: readonly OrderListItem[]) {
    super("renewals found");
  }
}

/** Orders with the inputs' details placed since `since`, held by no resource, not ended, and not `from` itself. */
function renewalsOf(run: OrderRun, inputs: ClientCertificateOrderInputs, from: number, since: number): Promise<OrderListItem[]> {
  return candidates(run.ctx.client(), orderIdentity(inputs), since, run.claims, { statuses: ENDED_STATUSES, ids: new Set([from]) }, from);
}

function refuseRenewed(inputs: ClientCertificateOrderInputs, from: number, due: string): never {
  const container = inputs.containerId === undefined ? "" : `, container ${inputs.containerId}`;
  throw new RenewalRefusedError(
    from,
    `${due}, but DigiCert reports it renewed already (is_renewed), and no order with this resource's details (${inputs.productId}, "${subjectName(inputs)}", ` +
      `its emails, organization ${inputs.organizationId}${container}) placed since it names it as the order it renews: nothing was ordered. ` +
      "Find its renewal in CertCentral. To take that order as this resource's, declare `adoptOrderId` with its id (the adopted order replaces this one, whose certificate is then revoked); " +
      "to stop renewing, set `renewBeforeDays` to a negative number.",
  );
}

/** The one renewal found is taken; several cannot be told apart: stop and name them. */
function takeOne(run: OrderRun, inputs: ClientCertificateOrderInputs, found: readonly OrderListItem[], due: string, from: number, journaled: boolean): Placed {
  const [only] = found;
  if (found.length === 1 && only !== undefined && run.claims.claim(only.id)) {
    run.log.warn(
      `${due}, and DigiCert shows its renewal already, order ${only.id} (placed by an earlier run that was interrupted${journaled ? ", as this machine's journal records" : ", or outside the stack"}): ` +
        `the resource now holds order ${only.id}; nothing was ordered`,
    );
    return { orderId: only.id, first: compact({ ...inputs, orderId: only.id, requests: [], status: only.status }), how: "adopted" };
  }
  throw new RenewalRefusedError(
    from,
    `${due}, but DigiCert shows ${found.length} orders with this resource's details placed since, that may renew it: ${found.map((o) => o.id).join(", ")}. ` +
      "The provider cannot tell which one is this resource's, so it orders nothing. Cancel the ones not wanted in CertCentral, then run `pulumi up` again: it takes the one renewal left.",
  );
}
