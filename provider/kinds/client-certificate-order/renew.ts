// Renewal at update: places exactly one renewal of order `from`, with the inputs'
// details, and never revokes `from`: its certificate stays valid until it runs out.
// DigiCert is asked first, since state may be behind it: an order already renewed (by
// an interrupted run, or by hand) is not renewed again, and one no longer due or no
// longer renewable is not renewed at all. When to renew is renewal.ts's policy.
import type { OrderInfo } from "../../digicert";
import { compact } from "../../kit/inputs/equal";
import { readOrder } from "../../kit/orders/order-info";
import { HELD_ORDER_404_ADVICE, RenewalRefusedError } from "../../kit/runtime/errors";
import { findRenewals } from "../../exactly-once/orders/recovery";
import { orderIdentity, outputsFromInfo, subjectName } from "./mapping";
import { placeOrder } from "./place";
import { renewalWindow } from "./renewal";
import type { OrderRun } from "./run";
import { orderPem, settled } from "./settle";
import { daysFromToday, type ClientCertificateOrderInputs, type ClientCertificateOrderOutputs, type ClientCertificateOrderState } from "./schema";

/** Statuses of an order DigiCert still renews: one in use, or one that just ran out. */
const RENEWABLE_STATUSES: ReadonlySet<string> = new Set(["issued", "reissue_pending", "expired"]);

export async function renewOrder(
  run: OrderRun,
  inputs: ClientCertificateOrderInputs,
  old: ClientCertificateOrderState,
  from: number,
  reason: string,
): Promise<ClientCertificateOrderOutputs> {
  const current = await readOrder(run.ctx.client(), from);
  const due = `order ${from} (${subjectName(inputs)}) is due for renewal (${reason})`;
  if (current === undefined) {
    throw new RenewalRefusedError(
      from,
      `${due}, but DigiCert at ${run.ctx.client().baseUrl} answers 404 for it: nothing was ordered. ${HELD_ORDER_404_ADVICE}`,
    );
  }
  if (current.isRenewed === true) return takeRenewal(run, inputs, current, due);
  if (!RENEWABLE_STATUSES.has(current.status)) {
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
  // No journal record: a renewal interrupted after its POST is found by the next `up`
  // through DigiCert's own record, the renewed order's is_renewed (takeRenewal).
  const placed = await placeOrder(run, inputs, { startedAt: run.ctx.client().serverNow(), renewalOf: from });
  run.log.info(`order ${placed.orderId} renews order ${from}, which is not revoked: its certificate stays valid until ${validTill ?? old.validTill ?? "it runs out"}`);
  return settled(run, inputs, placed);
}

/** `from` is renewed already: take its one renewal with the inputs' details, or stop and say why. */
async function takeRenewal(run: OrderRun, inputs: ClientCertificateOrderInputs, current: OrderInfo, due: string): Promise<ClientCertificateOrderOutputs> {
  const from = current.id;
  const created = current.dateCreated === undefined ? NaN : Date.parse(current.dateCreated);
  const found = await findRenewals({ client: run.ctx.client(), inputs: orderIdentity(inputs), orderId: from, since: Number.isNaN(created) ? 0 : created, claims: run.claims });
  const [only] = found;
  if (found.length === 1 && only !== undefined && run.claims.claim(only.id)) {
    run.log.warn(
      `${due}, and DigiCert reports it renewed already, by order ${only.id} (placed by an earlier run that was interrupted, or outside the stack): ` +
        `the resource now holds order ${only.id}; nothing was ordered`,
    );
    return settled(run, inputs, { orderId: only.id, first: compact({ ...inputs, orderId: only.id, requests: [], status: only.status }), how: "adopted" });
  }
  const container = inputs.containerId === undefined ? "" : `, container ${inputs.containerId}`;
  throw new RenewalRefusedError(
    from,
    found.length === 0
      ? `${due}, but DigiCert reports it renewed already (is_renewed), and no order with this resource's details (${inputs.productId}, "${subjectName(inputs)}", ` +
          `its emails, organization ${inputs.organizationId}${container}) names it as the order it renews: nothing was ordered. ` +
          "Find its renewal in CertCentral. To take that order as this resource's, declare `adoptOrderId` with its id (the adopted order replaces this one, whose certificate is then revoked); " +
          "to stop renewing, set `renewBeforeDays` to a negative number."
      : `${due}, but DigiCert reports it renewed already, by ${found.length} orders with this resource's details: ${found.map((o) => o.id).join(", ")}. ` +
          "The provider cannot tell which one is this resource's, so it orders nothing. Cancel the ones not wanted in CertCentral, then run `pulumi up` again: it takes the one renewal left.",
  );
}
