// Compares what DigiCert holds (the simulator's whole state, GET /__admin/state) with
// what the stack holds (`pulumi stack export`): orders placed twice, and resources
// lost on either side. An order counts as handled once its certificate is revoked or a
// revoke request waits for approval (an administrator must approve every revoke).
import type { TestSimulator } from "./simulator";
import type { EngineStack } from "./stack";

const ENDED = new Set(["revoked", "canceled", "rejected", "expired"]);
const TYPE = (kind: string) => `pulumi-nodejs:dynamic/digicert:${kind}`;

export interface Audit {
  /** Orders beyond one per declared certificate. */
  placedTwice: number;
  /** Each resource lost, described: in DigiCert but not in state, or the reverse. */
  lost: string[];
  ordersInDigiCert: number;
  ordersInState: number;
}

/**
 * Only this run's orders: their common names start with the run's tag.
 * - "faulted", after an operation under a fault: orders, the paid-for and irreversible
 *   part, must match both ways, and no order may carry two reissues. A CT-status step
 *   that failed may or may not have taken effect (its PUT is idempotent and the next
 *   operation repeats it), so CT settings are judged once the stack has settled.
 * - "settled", after an up without faults: everything matches both ways, CT settings and
 *   reissues included.
 * - "destroyed", after the final destroy: nothing in state, no order left active, no CT
 *   opt-out left behind. A deleted CertificateReissue rightly leaves its reissue in the
 *   order's history.
 */
export async function audit(sim: TestSimulator, es: EngineStack, tag: string, mode: "faulted" | "settled" | "destroyed"): Promise<Audit> {
  const state = await sim.state();
  const resources = await es.resources();
  const orders = state.orders.filter((o) => o.requested.commonName.startsWith(`${tag} `));
  const byName = new Map<string, number>();
  for (const o of orders) byName.set(o.requested.commonName, (byName.get(o.requested.commonName) ?? 0) + 1);
  const placedTwice = [...byName.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);

  const of = (kind: string) => resources.filter((r) => r.type === TYPE(kind));
  const stateOrderIds = of("ClientCertificateOrder").map((r) => Number(r.id));
  const ctIds = new Set(of("OrderCtStatus").map((r) => Number(r.id)));
  const reissueIds = new Set(of("CertificateReissue").map((r) => Number(r.id)));
  const lost: string[] = [];

  const inState = new Set<number>();
  for (const id of stateOrderIds) {
    if (inState.has(id)) lost.push(`order ${id} is in state twice`);
    inState.add(id);
    if (!state.orders.some((o) => o.id === id)) lost.push(`order ${id} is in state but not in DigiCert`);
  }
  const revokePending = (certificateId: number | undefined) =>
    state.requests.some((r) => r.type === "revoke" && r.certificateId === certificateId && (r.status === "pending" || r.status === "submitted"));
  for (const o of orders) {
    const reissues = state.requests.filter((r) => r.orderId === o.id && r.type === "reissue");
    if (reissues.length > 1) lost.push(`order ${o.id} has ${reissues.length} reissue requests`);
    if (!inState.has(o.id)) {
      if (!ENDED.has(o.status) && !revokePending(o.certificateId)) lost.push(`order ${o.id} (${o.requested.commonName}) is ${o.status} in DigiCert but not in state`);
      if (mode !== "faulted" && o.disableCt) lost.push(`order ${o.id} keeps CT logging off, with no OrderCtStatus in state`);
      continue;
    }
    if (mode !== "settled") continue;
    if (ctIds.has(o.id) !== o.disableCt) lost.push(`order ${o.id}: disable_ct is ${o.disableCt} in DigiCert, OrderCtStatus ${ctIds.has(o.id) ? "is" : "is not"} in state`);
    if (reissues.length === 1 && !reissueIds.has(o.id)) lost.push(`order ${o.id} was reissued, but no CertificateReissue is in state`);
  }
  if (mode === "settled") {
    for (const id of reissueIds) {
      if (!state.requests.some((r) => r.orderId === id && r.type === "reissue")) lost.push(`CertificateReissue of order ${id} is in state, DigiCert has no reissue`);
    }
  }
  if (mode === "destroyed" && resources.some((r) => r.type.startsWith("pulumi-nodejs:dynamic/digicert:"))) lost.push("resources are left in state after destroy");
  return { placedTwice, lost, ordersInDigiCert: orders.length, ordersInState: stateOrderIds.length };
}
