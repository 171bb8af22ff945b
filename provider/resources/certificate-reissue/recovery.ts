// What create and update do when the reissue POST failed without a definite answer: the
// order info lists its reissue requests with their dates, so the one this POST may have
// filed is found there rather than by filing another.
import type { DigiCertClient, DigiCertOrderMayExistError } from "../../digicert";
import { ClaimSet, createdSince, lookFor, lostWhy, CLOCK_SKEW_MS } from "../lookup";
import { LostRequestError } from "../errors";
import type { OrderRequest } from "../fields";

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
