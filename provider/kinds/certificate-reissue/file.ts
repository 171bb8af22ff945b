// The reissue POST through the journaled paid POST (exactly-once/paid-post.ts): when an
// earlier run posted this very reissue and was killed before the stack recorded it,
// what it filed is taken (or, unsure, nothing is filed) instead of reissuing twice.
import { DigiCertOrderMayExistError, type OrderInfo } from "../../digicert";
import type { OrderRequest } from "../../kit/inputs/fields";
import { readOrder } from "../../kit/orders/order-info";
import { LostRequestError, OrderLookBackError, isSettingsRefusal } from "../../kit/runtime/errors";
import { sentenceOf } from "../../kit/runtime/log";
import { journalFor, recordedIds } from "../../exactly-once/journal";
import { lostWhy, PROCESS_STARTED_AT } from "../../exactly-once/lookup";
import { journaledPost } from "../../exactly-once/paid-post";
import { unheldReissue, unheldReissueError } from "../../exactly-once/reissues/look-back";
import { lookBackMs } from "../../exactly-once/orders/look-back";
import { recoverReissue, resumeReissue } from "../../exactly-once/reissues/recovery";
import { toReissueRequest } from "./mapping";
import type { ReissueRun } from "./run";
import type { CertificateReissueInputs } from "./schema";

/** What a reissue POST filed: its request, and its certificate when approval was skipped. */
export interface Filed {
  readonly requests: OrderRequest[];
  readonly certificateId?: number;
}

export async function fileReissue(run: ReissueRun, inputs: CertificateReissueInputs, owner: string | undefined): Promise<Filed> {
  const journal = owner !== undefined ? journalFor(run.ctx.settings) : undefined;
  const { value } = await journaledPost<Filed>({
    journal,
    owner,
    request: { what: "reissue", fingerprint: JSON.stringify([inputs.orderId, toReissueRequest(inputs)]), orderId: inputs.orderId },
    resume: (entry) => resumeReissue({ client: run.ctx.client(), entry, claims: run.claims, log: run.log }),
    lookBack: () => lookBack(run, inputs, owner),
    post: (startedAt) => post(run, inputs, startedAt),
    now: () => run.ctx.client().serverNow(),
    placed: (f) => `reissue ${f.requests[0] !== undefined ? `request ${f.requests[0].id} ` : ""}of order ${inputs.orderId}`,
    adoptHint: (f) =>
      f.requests[0] !== undefined
        ? `import it (\`pulumi import digicert:index:CertificateReissue <name> ${inputs.orderId}/${f.requests[0].id}\`)`
        : `check order ${inputs.orderId} in CertCentral (its reissued certificate) before reissuing`,
    warn: (m) => run.log.warn(m),
    answer: (filed) => (filed.requests[0] !== undefined ? { requestId: filed.requests[0].id } : undefined),
    // A lost answer not looked for to the end may still have filed one: the record stays.
    placedNothing: (err) => !(err instanceof DigiCertOrderMayExistError) && !(err instanceof LostRequestError && err.outcome !== "none"),
  });
  return value;
}

/**
 * Refuses the reissue when the order's latest reissue may already be this resource's
 * (exactly-once/reissues/look-back.ts). Never skipped: with orderLookbackHours 0 it
 * still reaches MIN_LOOKBACK_MS back; the resource's own record hides nothing.
 */
async function lookBack(run: ReissueRun, inputs: CertificateReissueInputs, owner: string | undefined): Promise<void> {
  const hours = run.ctx.settings.orderLookbackHours;
  let info: OrderInfo | undefined;
  try {
    info = await readOrder(run.ctx.client(), inputs.orderId);
  } catch (err) {
    // A refused key or a base URL that is not the API is the cause to name, not the look-back.
    if (isSettingsRefusal(err)) throw err;
    throw new OrderLookBackError(
      `before reissuing order ${inputs.orderId}, reading it for a reissue an interrupted run may have requested failed: ${sentenceOf(err)} ` +
        "Nothing was requested. Run `pulumi up` again once DigiCert answers.",
      { cause: err },
    );
  }
  // An order that is gone: the POST itself says so.
  if (info === undefined) return;
  const recordedElsewhere = recordedIds(
    journalFor(run.ctx.settings)
      .all()
      .filter((e) => e.owner !== owner),
    "reissue",
  );
  const held = { requests: run.claims, certificates: run.heldCertificates, recordedElsewhere };
  // On DigiCert's clock, which the order's read has just shown.
  const client = run.ctx.client();
  const found = unheldReissue(info, held, { since: client.serverNow() - lookBackMs(hours), before: client.serverTimeAt(run.runStartedAt ?? PROCESS_STARTED_AT) });
  if (found !== undefined) throw unheldReissueError(inputs.orderId, found, hours);
}

/** The reissue POST, once; when its answer is lost, the request it may have filed is looked for instead. */
async function post(run: ReissueRun, inputs: CertificateReissueInputs, startedAt: number): Promise<Filed> {
  const client = run.ctx.client();
  try {
    const r = await client.reissueCertificate(inputs.orderId, toReissueRequest(inputs));
    return { requests: (r.requests ?? []).map((q) => ({ id: q.id, status: q.status ?? "pending" })), certificateId: r.certificateId };
  } catch (err) {
    if (!(err instanceof DigiCertOrderMayExistError)) throw err;
    const seconds = run.ctx.settings.orderLookupSeconds;
    run.log.warn(`the reissue request for order ${inputs.orderId} failed (${lostWhy(err)}) after it may have reached DigiCert; looking for it on the order for up to ${seconds}s instead of filing another`);
    const request = await recoverReissue({ client, orderId: inputs.orderId, startedAt, error: err, claims: run.claims, seconds });
    run.log.warn(`order ${inputs.orderId}: reissue request ${request.id} was filed although DigiCert's answer was lost; taken as this resource's`);
    return { requests: [request] };
  }
}
