// The look-back for reissues (see ../client-certificate-order/unheld.ts for orders):
// before a reissue POST that this machine's journal does not settle, the order itself
// shows its reissue requests. Its latest one, filed within the look-back and before
// this run, that no resource of this run holds, may be the reissue an interrupted run
// on another machine requested for this resource; requesting again would reissue
// twice. It cannot be told from a reissue requested by hand, so it is never taken:
// the reissue is refused, naming it, with the two ways on.
import type { OrderInfo } from "../../digicert";
import { InterruptedCreateError } from "../../kit/runtime/errors";
import { CLOCK_SKEW_MS } from "../lookup";
import { lookBackSpan, MIN_LOOKBACK_MS } from "../orders/look-back";

type Request = OrderInfo["requests"][number];

/** The order's latest reissue request that DigiCert did not reject, if any. */
export function latestReissue(info: OrderInfo): Request | undefined {
  let latest: Request | undefined;
  for (const r of info.requests) {
    if (r.type !== "reissue" || r.status === "rejected") continue;
    if (latest === undefined || r.id > latest.id) latest = r;
  }
  return latest;
}

export interface Held {
  /** Reissue requests this run's resources hold (diff) or filed. */
  readonly requests: { has(id: number): boolean };
  /** Certificates this run's reissue resources hold: a reissue with approval skipped is answered with its certificate, not a request. */
  readonly certificates: ReadonlySet<number>;
  /** Reissue requests this machine's journal records as another resource's. */
  readonly recordedElsewhere: ReadonlySet<number>;
}

/** The latest reissue request when nothing says whose it is, else undefined. */
export function unheldReissue(info: OrderInfo, held: Held, window: { since: number; before: number }): Request | undefined {
  const latest = latestReissue(info);
  if (latest === undefined || held.requests.has(latest.id) || held.recordedElsewhere.has(latest.id)) return undefined;
  // The order's current certificate held by a reissue resource: that resource's reissue is the latest.
  if (info.certificate.id !== undefined && held.certificates.has(info.certificate.id)) return undefined;
  const at = latest.date === undefined ? Number.NaN : Date.parse(latest.date);
  if (!Number.isNaN(at) && (at < window.since || at > window.before + CLOCK_SKEW_MS)) return undefined;
  return latest;
}

export function unheldReissueError(orderId: number, r: Request, lookbackHours: number): InterruptedCreateError {
  return new InterruptedCreateError(
    "reissue",
    [r.id],
    `order ${orderId}'s latest reissue request ${r.id} (filed ${r.date ?? "at an unknown time"}, ${r.status}) is within ${lookBackSpan(lookbackHours)} and no resource of this run holds it. ` +
      "Most likely a person or another stack requested it; it may also be the reissue of an interrupted `pulumi up` on another machine (this machine's journal has no record of this resource): " +
      "the provider cannot tell, so it requests no reissue. " +
      `If it is this resource's, import it: \`pulumi import digicert:index:CertificateReissue <name> ${orderId}/${r.id}\` (dynamic resources: the \`import: "${orderId}/${r.id}"\` resource option). ` +
      (lookbackHours * 3_600_000 > MIN_LOOKBACK_MS
        ? `If it is not, run that \`pulumi up\` once with DIGICERT_ORDER_LOOKBACK_HOURS=0 (or \`pulumi config set digicert:orderLookbackHours 0\`, then back) to reissue: only a request of the last ${MIN_LOOKBACK_MS / 60_000} minutes still stops it.`
        : `If it is not, run \`pulumi up\` again once it is more than ${MIN_LOOKBACK_MS / 60_000} minutes old (a reissue always looks that far back, for the request of a POST whose answer was lost).`),
  );
}
