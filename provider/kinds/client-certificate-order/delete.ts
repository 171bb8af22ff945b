// Delete: what removing an order from the stack does at DigiCert, by the documented path
// for the status it has now (Update order status, Update request status, Revoke pages):
// - `needs_approval`: its request, still waiting for an administrator, is rejected
//   (PUT /request/{id}/status): DigiCert cancels only `pending` and `waiting_pickup` orders;
// - `pending`, `waiting_pickup`: the order is canceled, so it cannot be issued and billed later;
// - `issued` (or `reissue_pending`): revoked, by `revokeScope`: the current certificate
//   (PUT /certificate/{id}/revoke) or the whole order (PUT /order/certificate/{id}/revoke),
//   as a request an administrator approves unless `skipRevokeApproval`;
// - ended, its certificate already revoked, `processing` (nothing documented applies), or a
//   status DigiCert does not document: left alone.
// A renewed order is never revoked here: it runs out on its own.
import { DigiCertApiError, isDocumented, ORDER_STATUSES, type DigiCertClient, type OrderInfo } from "../../digicert";
import {
  certificateRevoked,
  ENDED_STATUSES,
  pendingRevoke,
  readOrder,
  REVOKE_READ_MS,
  waitingOrderRequest,
} from "../../kit/orders/order-info";
import { RevokeRefusedError } from "../../kit/runtime/errors";
import { journalFor } from "../../exactly-once/journal";
import { currentOrderId } from "./renewal";
import type { OrderRun } from "./run";
import type { ClientCertificateOrderState } from "./schema";

const CANCELABLE: ReadonlySet<string> = new Set(["pending", "waiting_pickup"]);

export async function deleteOrder(run: OrderRun, id: string, old: ClientCertificateOrderState): Promise<void> {
  // The order the resource holds now: after a renewal, the renewal.
  const orderId = currentOrderId(id, old);
  const client = run.ctx.client();
  const journal = journalFor(run.ctx.settings);
  for (const e of journal.all()) if (e.what === "order" && e.orderId === orderId) journal.forget(e.owner, (x) => x.orderId === orderId);
  // Order scope: one request, no read before it. DigiCert's refusal (an order not issued,
  // or one revoked or with a revoke pending already) is answered by reading the order.
  let refused: DigiCertApiError | undefined;
  if (old.revokeScope === "order") {
    try {
      await revokeWholeOrder(run, client, orderId, old);
      return;
    } catch (err) {
      if (!(err instanceof DigiCertApiError) || err.status !== 400) {
        if (err instanceof DigiCertApiError && err.status === 404) {
          run.log.info(`order ${orderId} no longer exists in DigiCert; nothing to revoke`);
          return;
        }
        throw err;
      }
      refused = err;
    }
  }
  const info = await readOrder(client, orderId, refused === undefined ? { maxAgeMs: REVOKE_READ_MS } : {});
  if (info === undefined) {
    run.log.info(`order ${orderId} no longer exists in DigiCert; nothing to revoke`);
    return;
  }
  if (!isDocumented(ORDER_STATUSES, info.status)) {
    // A status the provider cannot judge drives no revoke and no cancel: either could be
    // wrong, and a revoke cannot be undone. The order leaves the stack as it is.
    const cert = info.certificate.id === undefined ? "it has no certificate" : `its certificate ${info.certificate.id} is left unrevoked`;
    run.log.warn(
      `order ${orderId} has status "${info.status}", which DigiCert does not document: ${cert} and nothing was canceled. ` +
        "The order leaves the stack; revoke or cancel it in CertCentral if it is no longer needed.",
    );
    return;
  }
  if (ENDED_STATUSES.has(info.status)) {
    run.log.info(`order ${orderId} is already ${info.status}; nothing to revoke`);
    return;
  }
  if (info.status === "needs_approval") return rejectWaitingRequest(run, client, info);
  if (CANCELABLE.has(info.status)) {
    await client.cancelOrder(orderId, "Canceled by Pulumi: the order was removed from the stack before it was issued.");
    run.log.info(`order ${orderId} (${info.status}) canceled so that it cannot be issued and billed later`);
    return;
  }
  // The current certificate, read now: a reissue may have replaced the one seen at creation.
  const certificateId = info.certificate.id;
  const issued = info.status === "issued" || info.status === "reissue_pending";
  if (!issued || certificateId === undefined) {
    run.log.warn(
      `order ${orderId} has status ${info.status} and no issued certificate: DigiCert documents neither a cancel nor a revoke for it, so it is left as it is. ` +
        "The order leaves the stack; cancel it in CertCentral if it is no longer needed.",
    );
    return;
  }
  if (certificateRevoked(info)) {
    run.log.info(`certificate ${certificateId} of order ${orderId} is already revoked; nothing to revoke`);
    return;
  }
  // An interrupted destroy may have requested it already: DigiCert's requests say so.
  const waiting = pendingRevoke(info);
  if (waiting !== undefined) {
    run.log.info(`order ${orderId}: revoke request ${waiting.id} is already ${waiting.status}; not requested again`);
    return;
  }
  // The order revoke was refused while the order is issued: DigiCert's word stands.
  if (refused !== undefined) throw refused.hasCode("reissue_pending") ? reissuePending(orderId, refused.errors[0]?.message, refused) : refused;
  try {
    await revokeCertificate(run, client, orderId, certificateId, old);
  } catch (err) {
    if (err instanceof DigiCertApiError) {
      if (err.hasCode("certificate_already_revoked") || err.hasCode("revoke_request_pending")) {
        run.log.info(`certificate ${certificateId} of order ${orderId}: ${err.errors[0]?.message ?? "already revoked"}; nothing more to do`);
        return;
      }
      if (err.status === 404) {
        run.log.info(`certificate ${certificateId} of order ${orderId} no longer exists; nothing to revoke`);
        return;
      }
      if (err.hasCode("reissue_pending")) throw reissuePending(orderId, err.errors[0]?.message, err);
    }
    throw err;
  }
}

const APPROVAL = "a CertCentral administrator must approve it before DigiCert revokes";

async function revokeWholeOrder(run: OrderRun, client: DigiCertClient, orderId: number, old: ClientCertificateOrderState): Promise<void> {
  const request = await client.revokeOrder(orderId, { comments: old.revocationComments, skipApproval: old.skipRevokeApproval });
  run.log.info(
    request === undefined
      ? `order ${orderId}: every certificate revoked (approval skipped)`
      : `order ${orderId}: revoke request ${request.id} for every certificate of the order is ${request.status}; ${APPROVAL} them`,
  );
}

async function revokeCertificate(run: OrderRun, client: DigiCertClient, orderId: number, certificateId: number, old: ClientCertificateOrderState): Promise<void> {
  if (old.skipRevokeApproval === true) {
    const request = await client.revokeCertificateNow(certificateId, old.revocationComments, { ofOrder: orderId });
    run.log.info(
      request === undefined
        ? `certificate ${certificateId} of order ${orderId} revoked (approval skipped)`
        : `certificate ${certificateId} of order ${orderId}: DigiCert filed revoke request ${request.id} (${request.status}) although approval was to be skipped; ${APPROVAL} the certificate`,
    );
    return;
  }
  const revoke = await client.revokeCertificate(certificateId, old.revocationComments, { ofOrder: orderId });
  run.log.info(`certificate ${certificateId} of order ${orderId}: revoke request ${revoke.id} is ${revoke.status}; ${APPROVAL} the certificate`);
}

/** An order still waiting for an administrator is withdrawn by rejecting its request: DigiCert does not cancel it. */
async function rejectWaitingRequest(run: OrderRun, client: DigiCertClient, info: OrderInfo): Promise<void> {
  const request = waitingOrderRequest(info);
  if (request === undefined) {
    run.log.warn(
      `order ${info.id} awaits approval, but DigiCert lists no request of it still waiting: nothing was rejected. ` +
        "The order leaves the stack; reject its request in CertCentral if it is no longer wanted.",
    );
    return;
  }
  await client.updateRequestStatus(request.id, "rejected", "Rejected by Pulumi: the order was removed from the stack before it was approved.");
  run.log.info(`order ${info.id}: its request ${request.id}, awaiting approval, rejected so that it cannot be approved and billed later`);
}

function reissuePending(orderId: number, message: string | undefined, cause: unknown): RevokeRefusedError {
  return new RevokeRefusedError(
    orderId,
    `cannot revoke order ${orderId}: DigiCert says "${message ?? "a reissue is pending"}". ` +
      `Cancel the pending reissue (remove its CertificateReissue resource, or cancel it in CertCentral), ` +
      `or wait until it is issued, then run destroy again.`,
    { cause },
  );
}
