// What create does when this machine's journal says an earlier create of the same
// resource, with the same order body, posted an order and the engine never recorded the
// result (the engine was killed; `pulumi refresh --clear-pending-creates` dropped the
// pending create). It takes that order instead of ordering again when it is sure which
// one it is, orders again only when DigiCert shows none, and stops naming the
// candidates when it cannot tell.
import type { DigiCertClient } from "../../digicert";
import { ENDED_STATUSES, pendingRevoke, readOrder } from "../../kit/orders/order-info";
import { InterruptedCreateError } from "../../kit/runtime/errors";
import { recordedIds, type JournalEntry } from "../journal";
import type { Logger } from "../../kit/runtime/log";
import { CLOCK_SKEW_MS, PROCESS_STARTED_AT } from "../lookup";
import { candidates, fingerprint, type OrderClaims } from "./recovery";
import type { OrderIdentity } from "./identity";

/** How long after the POST was sent its order can have been created: one request's life, with room to spare. */
export const POST_WINDOW_MS = 10 * 60_000;

export interface Resumed {
  orderId: number;
  status: string;
}

export async function resumeOrder(opts: {
  client: DigiCertClient;
  inputs: OrderIdentity;
  entry: JournalEntry;
  claims: OrderClaims;
  /** Other resources' records: an order one of them recorded is theirs. */
  others: readonly JournalEntry[];
  log: Logger;
  /** When this run began, on this machine's clock (default: this process's start): see PROCESS_STARTED_AT. */
  runStartedAt?: number;
}): Promise<Resumed | undefined> {
  const { client, inputs, entry, claims, log } = opts;
  const what = `${inputs.productId} order for "${inputs.certificate.commonName}"`;
  const when = new Date(entry.startedAt).toISOString();

  if (entry.state === "answered" && entry.orderId !== undefined) {
    const id = entry.orderId;
    const info = await readOrder(client, id);
    if (info === undefined || ENDED_STATUSES.has(info.status) || pendingRevoke(info) !== undefined) {
      log.info(`the journal records order ${id} for this resource (${when}); it is ${info?.status ?? "gone"} now, so a new order is placed`);
      return undefined;
    }
    const placedAt = info.dateCreated !== undefined ? Date.parse(info.dateCreated) : Number.NaN;
    const same =
      (info.product?.nameId ?? inputs.productId) === inputs.productId &&
      info.certificate.commonName === inputs.certificate.commonName &&
      (info.organization?.id ?? inputs.organizationId) === inputs.organizationId &&
      (Number.isNaN(placedAt) || (placedAt >= entry.startedAt - CLOCK_SKEW_MS && placedAt <= entry.startedAt + POST_WINDOW_MS));
    if (!same) {
      log.info(`the journal records order ${id} for this resource (${when}), but DigiCert's order ${id} is not that order; a new order is placed`);
      return undefined;
    }
    if (!claims.claim(id)) {
      // Another resource in state holds it: this create is a new one, not a lost one.
      return undefined;
    }
    log.warn(`order ${id} (${what}) was placed at ${when} by an earlier run that was interrupted before the stack recorded it; taken instead of ordering again`);
    return { orderId: id, status: info.status };
  }

  // Posted, answer never recorded: the POST may or may not have reached DigiCert.
  const taken = recordedIds(opts.others, "order");
  // Identical resources of this run posting now: their orders are claimed once answered.
  await claims.settle(fingerprint(inputs));
  // The run's start is on this machine's clock; the record's, like date_created, on DigiCert's.
  const until = Math.min(entry.startedAt + POST_WINDOW_MS, client.serverTimeAt(opts.runStartedAt ?? PROCESS_STARTED_AT));
  const found = await candidates(client, inputs, entry.startedAt, claims, { statuses: ENDED_STATUSES, ids: taken, until });
  if (found.length === 0) {
    log.info(`an earlier run posted the ${what} at ${when} and was interrupted before the answer; DigiCert shows no such order, so it is placed now`);
    return undefined;
  }
  const only = found.length === 1 ? found[0] : undefined;
  if (only !== undefined && claims.claim(only.id)) {
    log.warn(`order ${only.id} (${what}) was placed at ${when} by an earlier run that was interrupted before DigiCert's answer; taken instead of ordering again`);
    return { orderId: only.id, status: only.status };
  }
  const ids = found.map((o) => o.id);
  throw new InterruptedCreateError(
    "order",
    ids,
    `an earlier run posted the ${what} at ${when} and was interrupted before DigiCert answered; DigiCert shows ${ids.length} matching orders placed since ` +
      `${new Date(entry.startedAt - CLOCK_SKEW_MS).toISOString()}: ${ids.join(", ")}. The provider cannot tell which one is this resource's, so it orders nothing. ` +
      "Declare `adoptOrderId` with the right one (cancel the others in CertCentral if they are not wanted), then run `pulumi up` again.",
  );
}
