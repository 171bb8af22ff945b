// Delete: what removing an order from the stack does at DigiCert, by the status it has
// now. An issued certificate is revoked (a revoke request an administrator approves);
// an order never issued is canceled so that its request cannot be approved and billed
// later; an ended order, or one whose status DigiCert does not document, is left alone.
// A renewed order is never revoked here: it runs out on its own.
import { DigiCertApiError, isDocumented, ORDER_STATUSES } from "../../digicert";
import { ENDED_STATUSES, IN_PROGRESS, pendingRevoke, readOrder, REVOKE_READ_MS } from "../../kit/orders/order-info";
import { RevokeRefusedError } from "../../kit/runtime/errors";
import { journalFor } from "../../exactly-once/journal";
import { currentOrderId } from "./renewal";
import type { OrderRun } from "./run";
import type { ClientCertificateOrderState } from "./schema";

export async function deleteOrder(run: OrderRun, id: string, old: ClientCertificateOrderState): Promise<void> {
  // The order the resource holds now: after a renewal, the renewal.
  const orderId = currentOrderId(id, old);
  const client = run.ctx.client();
  const journal = journalFor(run.ctx.settings);
  for (const e of journal.all()) if (e.what === "order" && e.orderId === orderId) journal.forget(e.owner, (x) => x.orderId === orderId);
  const info = await readOrder(client, orderId, { maxAgeMs: REVOKE_READ_MS });
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
  // The current certificate, read now: a reissue may have replaced the one seen at creation.
  const certificateId = info.certificate.id;
  const issued = info.status === "issued" || info.status === "reissue_pending";
  if (!issued || certificateId === undefined) {
    run.log.info(`order ${orderId} never got a certificate (status ${info.status}); no revoke needed`);
    if (IN_PROGRESS.has(info.status) || info.status === "waiting_pickup") {
      // Left alone, a waiting request could still be approved and billed outside the stack.
      await client.cancelOrder(orderId, "Canceled by Pulumi: the order was removed from the stack before it was issued.");
      run.log.info(`order ${orderId} canceled so its pending request cannot be approved later`);
    }
    return;
  }
  // An interrupted destroy may have requested it already: DigiCert's requests say so.
  const waiting = pendingRevoke(info);
  if (waiting !== undefined) {
    run.log.info(`certificate ${certificateId} of order ${orderId}: revoke request ${waiting.id} is already ${waiting.status}; not requested again`);
    return;
  }
  try {
    const revoke = await client.revokeCertificate(certificateId, old.revocationComments, { ofOrder: orderId });
    run.log.info(
      `certificate ${certificateId} of order ${orderId}: revoke request ${revoke.id} is ${revoke.status}; ` +
        `a CertCentral administrator must approve it before DigiCert revokes the certificate`,
    );
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
      if (err.hasCode("reissue_pending")) {
        throw new RevokeRefusedError(
          orderId,
          `cannot revoke order ${orderId}: DigiCert says "${err.errors[0]?.message ?? "a reissue is pending"}". ` +
            `Cancel the pending reissue (remove its CertificateReissue resource, or cancel it in CertCentral), ` +
            `or wait until it is issued, then run destroy again.`,
          { cause: err },
        );
      }
    }
    throw err;
  }
}
