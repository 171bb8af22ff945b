// What create and update do when the reissue POST failed without a definite answer: the
// order info lists its reissue requests with their dates, so the one this POST may have
// filed is found there rather than by filing another.
import type { DigiCertClient, DigiCertOrderMayExistError } from "../../digicert";
import { ClaimSet, createdSince, lookFor, lostWhy, CLOCK_SKEW_MS } from "../lookup";
import { InterruptedCreateError, LostRequestError } from "../../kit/runtime/errors";
import type { JournalEntry } from "../journal";
import type { Logger } from "../../kit/runtime/log";
import type { OrderRequest } from "../../kit/inputs/fields";

/** Finds the reissue request the failed POST may have filed; throws a clear error unless exactly one shows. */
export async function recoverReissue(opts: {
  client: DigiCertClient;
  orderId: number;
  startedAt: number;
  error: DigiCertOrderMayExistError;
  claims: ClaimSet;
  seconds: number;
}): Promise<OrderRequest> {
  const { client, orderId, startedAt, claims } = opts;
  const outcome = await lookFor({
    seconds: opts.seconds,
    look: async () => {
      const info = await client.getOrder(orderId);
      const found = info.requests.filter((r) => r.type === "reissue" && !claims.has(r.id) && r.date !== undefined && createdSince(r.date, startedAt));
      const only = found.length === 1 ? found[0] : undefined;
      if (only !== undefined && !claims.claim(only.id)) return [];
      return found;
    },
  });
  const why = lostWhy(opts.error);
  const lost = `DigiCert's answer to the reissue request for order ${orderId} was lost (${why})`;
  const since = new Date(startedAt - CLOCK_SKEW_MS).toISOString();
  switch (outcome.kind) {
    case "one":
      return { id: outcome.found.id, status: outcome.found.status };
    case "several":
      throw new LostRequestError(
        "reissue",
        "several",
        `${lost}, and the order shows ${outcome.found.length} reissue requests since ${since} (${outcome.found.map((r) => r.id).join(", ")}): ` +
          "the provider cannot tell which one is this resource's and files no other. Check the order in CertCentral, then run `pulumi up` again.",
        { cause: opts.error },
      );
    case "none":
      throw new LostRequestError(
        "reissue",
        "none",
        `${lost}, and no reissue request appeared on the order within ${opts.seconds}s: nothing was requested. Run \`pulumi up\` again to reissue.`,
        { cause: opts.error },
      );
    case "failed":
      throw new LostRequestError(
        "reissue",
        "failed",
        `${lost}: a reissue may have been requested, and reading the order failed (${outcome.error.message}). No other reissue was filed. ` +
          `Check order ${orderId} in CertCentral (status reissue_pending, or a recent reissue request) before running \`pulumi up\` again.`,
        { cause: outcome.error },
      );
  }
}

/** How long after the POST was sent its request can have been filed. */
const POST_WINDOW_MS = 10 * 60_000;

/**
 * The journal says an earlier, interrupted run posted this very reissue (same order,
 * same body): the request it filed, when DigiCert shows exactly one; undefined when it
 * shows none (reissue now); an error naming them when it shows several.
 */
export async function resumeReissue(opts: {
  client: DigiCertClient;
  entry: JournalEntry;
  claims: ClaimSet;
  log: Logger;
}): Promise<{ requests: OrderRequest[] } | undefined> {
  const { client, entry, claims, log } = opts;
  const orderId = entry.orderId;
  if (orderId === undefined) return undefined;
  const when = new Date(entry.startedAt).toISOString();
  const info = await client.getOrder(orderId);
  const reissues = info.requests.filter((r) => r.type === "reissue" && !claims.has(r.id));
  // Answered with a request id: that one. Answered without (approval skipped) or never
  // answered: the order's reissue requests filed while the POST was in flight.
  if (entry.state === "answered" && entry.requestId !== undefined) {
    const r = reissues.find((q) => q.id === entry.requestId);
    if (r === undefined || !claims.claim(r.id)) return undefined;
    log.warn(`order ${orderId}: reissue request ${r.id} was filed at ${when} by an earlier run that was interrupted before the stack recorded it; taken instead of reissuing again`);
    return { requests: [{ id: r.id, status: r.status }] };
  }
  const until = entry.startedAt + POST_WINDOW_MS;
  const found = reissues.filter((r) => r.date !== undefined && createdSince(r.date, entry.startedAt) && Date.parse(r.date) <= until);
  if (found.length === 0) {
    log.info(`order ${orderId}: an earlier run posted this reissue at ${when} and was interrupted before the answer; DigiCert shows none, so it is requested now`);
    return undefined;
  }
  const only = found.length === 1 ? found[0] : undefined;
  if (only !== undefined && claims.claim(only.id)) {
    log.warn(`order ${orderId}: reissue request ${only.id} was filed at ${when} by an earlier run that was interrupted before DigiCert's answer; taken instead of reissuing again`);
    return { requests: [{ id: only.id, status: only.status }] };
  }
  const ids = found.map((r) => r.id);
  throw new InterruptedCreateError(
    "reissue",
    ids,
    `order ${orderId}: an earlier run posted this reissue at ${when} and was interrupted before DigiCert answered; the order shows ${ids.length} reissue requests since then (${ids.join(", ")}). ` +
      "The provider cannot tell which one is this resource's and files no other. Check the order in CertCentral (cancel the unwanted requests), then run `pulumi up` again.",
  );
}
