// Delete: a reissue still pending is withdrawn (it would otherwise block the order's
// revoke): its request, waiting for an administrator, is rejected; a pending reissue whose
// request is not known is canceled. An issued one stays the order's certificate. Nothing
// is ever revoked here.
import { isDocumented, ORDER_STATUSES, REQUEST_STATUSES } from "../../digicert";
import { readOrder } from "../../kit/orders/order-info";
import { describeReissue } from "./mapping";
import type { ReissueRun } from "./run";
import type { CertificateReissueState } from "./schema";

export async function deleteReissue(run: ReissueRun, id: string, old: CertificateReissueState): Promise<void> {
  const orderId = Number(id);
  const client = run.ctx.client();
  const info = await readOrder(client, orderId);
  if (info === undefined) return;
  const d = describeReissue(info, old.requests?.[0]?.id, old.certificateId);
  const undocumented = !isDocumented(ORDER_STATUSES, info.status)
    ? `order ${orderId} has status "${info.status}"`
    : d.request !== undefined && !isDocumented(REQUEST_STATUSES, d.request.status)
      ? `reissue request ${d.request.id} of order ${orderId} has status "${d.request.status}"`
      : undefined;
  if (undocumented !== undefined) {
    // A status the provider cannot judge drives no cancel: the reissue is left as DigiCert has it.
    run.log.warn(
      `${undocumented}, which DigiCert does not document: nothing was canceled. ` +
        "The reissue leaves the stack; cancel it in CertCentral if it is still pending and no longer wanted.",
    );
    return;
  }
  const waiting = d.request !== undefined && (d.request.status === "pending" || d.request.status === "submitted");
  if (d.pending && waiting && d.request !== undefined) {
    // A request still waiting for an administrator is withdrawn by rejecting it (Update
    // request status page); the order goes back to its previous certificate.
    await client.updateRequestStatus(d.request.id, "rejected", "Rejected by Pulumi: the CertificateReissue resource was removed from the stack.");
    run.log.info(`order ${orderId}: reissue request ${d.request.id}, awaiting approval, rejected; the order keeps its previous certificate`);
    return;
  }
  if (d.pending && d.request === undefined) {
    // Which request is this reissue's is not known: the documented cancel of a pending
    // reissue (order status reissue_pending, Update order status page) withdraws it.
    await client.cancelOrder(orderId, "Canceled by Pulumi: the CertificateReissue resource was removed from the stack.");
    run.log.info(`order ${orderId}: pending reissue canceled; the order keeps its previous certificate`);
    return;
  }
  run.log.info(
    `order ${orderId}: reissue removed from the stack; certificate ${d.certificateId ?? info.certificate.id ?? "?"} stays the order's certificate ` +
      `(it is revoked when the order is deleted)`,
  );
}
