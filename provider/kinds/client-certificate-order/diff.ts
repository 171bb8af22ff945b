// Diff: the inputs' changes by the kind's key lists, an order DigiCert ended (planned
// anew, visibly), and the renewal: an order due for renewal plans an update (whose term
// inputs may change with it), and the plan says why in the engine's output.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { currentProductId, isClientProductId } from "../../digicert";
import { ENDED_STATUSES } from "../../kit/orders/order-info";
import { changedKeys } from "../../kit/inputs/equal";
import type { PropertyBag } from "../../kit/kind-provider";
import { subjectName } from "./mapping";
import { currentOrderId, renewalPlan, RENEWAL_TERMS } from "./renewal";
import type { OrderRun } from "./run";
import { clientCertificateOrder, type ClientCertificateOrderState } from "./schema";

/**
 * Inputs that only steer how an order is placed (approval, billing, account metadata)
 * and that DigiCert's order does not report: an import cannot record them.
 */
const ORDERING_ONLY = ["skipApproval", "customFields", "paymentMethod"] as const;

/** Inputs read only when an order is placed (next-csr.ts): a new key's CSR at every run is no change. */
const PLACING_ONLY: readonly string[] = ["nextCsr", "keepCsrOnRenewal"];

/**
 * An order DigiCert ended (revoked, rejected, canceled or expired outside the stack) no
 * longer gives the program its certificate: plan a new order, visibly, at preview.
 */
export function endedReplaces(old: ClientCertificateOrderState): string[] {
  if (old.status !== undefined && ENDED_STATUSES.has(old.status)) return ["status"];
  // Revoked outside the stack while the order still reads `issued` (one certificate
  // revoked on an active order): refresh recorded it, and the program needs a certificate.
  return old.certificateStatus === "revoked" ? ["certificateStatus"] : [];
}

/** Why an ended order is replaced, for the plan's output. */
function endedReason(old: ClientCertificateOrderState, replaces: readonly string[]): string | undefined {
  if (replaces.includes("status")) return `DigiCert reports it ${old.status ?? "?"}`;
  if (replaces.includes("certificateStatus")) {
    return `its certificate ${old.certificateId ?? "?"} was revoked outside the stack (certificate.status revoked, order still ${old.status ?? "?"})`;
  }
  return undefined;
}

/** An older product id and its current equivalent are one product: no new order (products.ts). */
function sameProduct<T extends PropertyBag>(bag: T): T {
  const p = bag["productId"];
  return isClientProductId(p) ? { ...bag, productId: currentProductId(p) } : bag;
}

/**
 * An imported client_authentication_plus order has no emails in state (DigiCert returns them
 * only for S/MIME orders): emails declared later are taken as declared, not a new order.
 */
function withUnreportedEmails(old: ClientCertificateOrderState, news: PropertyBag): ClientCertificateOrderState {
  const declared = news["certificate"];
  if (old.certificate.emails !== undefined || typeof declared !== "object" || declared === null || !("emails" in declared)) return old;
  return { ...old, certificate: { ...old.certificate, emails: (declared as { emails?: string[] }).emails } };
}

export function diffOrder(run: OrderRun, id: string, old: ClientCertificateOrderState, news: PropertyBag): dynamic.DiffResult {
  const plan = renewalPlan(id, old, news, run.now());
  // Settings that only steer the ordering itself and that DigiCert does not report
  // back: absent from state (an imported order), a declared value is taken as it is.
  const unrecorded: string[] = ORDERING_ONLY.filter((k) => old[k] === undefined && news[k] !== undefined);
  const allReplaces = [...changedKeys(sameProduct(withUnreportedEmails(old, news)), sameProduct(news), clientCertificateOrder.replaceKeys).filter((k) => !unrecorded.includes(k)), ...endedReplaces(old)];
  if (unrecorded.length > 0) {
    run.log.info(`order ${currentOrderId(id, old)}: ${unrecorded.join(", ")} not recorded for this order (imported?); taken as declared, no new order`);
  }
  const replaces = plan.kind === "renew" ? allReplaces.filter((k) => !RENEWAL_TERMS.includes(k)) : allReplaces;
  const updates = changedKeys(old, news, clientCertificateOrder.updateKeys).filter((k) => !PLACING_ONLY.includes(k));
  const name = `order ${currentOrderId(id, old)} (${subjectName(old)})`;
  const ended = endedReason(old, allReplaces);
  if (ended !== undefined) run.log.warn(`${name}: ${ended}; a new order replaces it`);
  if (plan.kind === "renew" && replaces.length === 0) {
    run.log.info(`${name}: renewal planned: ${plan.reason}. The renewal order has the same details; order ${plan.orderId} is not revoked`);
  } else if (plan.kind === "renew") {
    run.log.info(`${name} is due for renewal (${plan.reason}), but ${replaces.join(", ")} changed: a new order replaces it instead`);
  } else if (plan.kind === "needs-new-date" && replaces.length === 0) {
    run.log.warn(
      `${name} is due for renewal (${plan.reason}), but a renewal cannot be to the same customExpirationDate (${old.customExpirationDate ?? "?"}): ` +
        "set a new customExpirationDate to renew it (or remove it to renew for validityYears); no renewal is planned",
    );
  }
  const renews = plan.kind === "renew" && replaces.length === 0;
  // Create the new resource before deleting the old: a certificate stays valid throughout.
  return { changes: renews || replaces.length + updates.length > 0, replaces, deleteBeforeReplace: false };
}
