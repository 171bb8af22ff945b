// Before an order POST that this machine's journal knows nothing about, DigiCert's own
// orders list is asked for orders with the same certificate, placed lately, that no
// resource holds. After a killed `pulumi up` on another machine (a CI runner), the
// journal that would name the interrupted create's order is gone, and ordering again
// would pay twice. Such an order cannot be told from one placed by hand, by another
// stack, or by an identical resource of this stack not yet seen, so it is never taken
// silently: create orders nothing and names it, with the two ways on.
//
// The list is read once per process, per product and organization, from the start of
// the look-back: whatever an interrupted run placed exists before this process began,
// and what this process places, it claims. One request serves a thousand creates.
import type { DigiCertClient, OrderListItem } from "../../digicert";
import { ENDED_STATUSES, endedOrRevoked, pendingRevoke, readOrder } from "../../kit/orders/order-info";
import { createdFromFilter, CLOCK_SKEW_MS } from "../lookup";
import { InterruptedCreateError } from "../../kit/runtime/errors";
import { sameCertificate, type OrderClaims } from "./recovery";
import type { OrderIdentity } from "./identity";

const PAGE = 1000;
const MAX_PAGES = 10;

export class RecentOrders {
  readonly #lists = new Map<string, Promise<OrderListItem[]>>();

  constructor(
    private readonly client: () => DigiCertClient,
    /** When the look-back starts (ms); fixed at the first look, so every create compares with the same list. */
    private readonly since: number,
  ) {}

  /** Every order of the product and organization created since the look-back's start (at most 10,000, newest first). */
  list(productId: string, organizationId: number): Promise<OrderListItem[]> {
    const key = `${this.client().baseUrl} ${productId} ${organizationId}`;
    let list = this.#lists.get(key);
    if (list === undefined) {
      list = this.#read(productId, organizationId);
      this.#lists.set(key, list);
      // A failed read is read again by the next create, not remembered.
      list.catch(() => {
        if (this.#lists.get(key) === list) this.#lists.delete(key);
      });
    }
    return list;
  }

  async #read(productId: string, organizationId: number): Promise<OrderListItem[]> {
    const found: OrderListItem[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const r = await this.client().listOrders({
        // Day-granular on DigiCert's side; the exact time is compared by the caller.
        filters: { productNameId: productId, organizationId, dateCreated: createdFromFilter(this.since - CLOCK_SKEW_MS) },
        sort: "-date_created",
        offset: page * PAGE,
        limit: PAGE,
      });
      found.push(...r.orders);
      if (r.orders.length < PAGE || found.length >= r.page.total) break;
    }
    return found;
  }

  /**
   * The orders matching the inputs' certificate, placed since the look-back's start and
   * before `before` (this process's start), that no resource of this run claimed, that
   * this machine's journal does not record as another resource's, and that are neither
   * ended nor waiting for a revoke.
   */
  async unheld(i: OrderIdentity, claims: OrderClaims, opts: { before: number; recordedElsewhere: ReadonlySet<number> }): Promise<OrderListItem[]> {
    const listed = await this.list(i.productId, i.organizationId);
    const out: OrderListItem[] = [];
    for (const o of listed) {
      // Judged after the list came back: by then the engine has shown this process the
      // stack's other resources the program declared first (diff claims their orders).
      if (claims.has(o.id) || opts.recordedElsewhere.has(o.id) || ENDED_STATUSES.has(o.status)) continue;
      if ((o.product?.nameId ?? o.productNameId ?? i.productId) !== i.productId) continue;
      if ((o.organization?.id ?? i.organizationId) !== i.organizationId) continue;
      if (o.certificate?.commonName !== i.certificate.commonName) continue;
      if (i.containerId !== undefined && o.container !== undefined && o.container.id !== i.containerId) continue;
      const at = Date.parse(o.dateCreated);
      if (!Number.isNaN(at) && (at < this.since || at > opts.before + CLOCK_SKEW_MS)) continue;
      // The order itself: its emails (lists need not carry them), and whether a revoke
      // (a destroy's, or one by hand) already waits on it.
      const info = await readOrder(this.client(), o.id);
      // A certificate revoked on an order that still reads `issued` has ended as well.
      if (info === undefined || endedOrRevoked(info) || pendingRevoke(info) !== undefined) continue;
      if (!sameCertificate(i, { emails: info.certificate.emails ?? o.certificate?.emails, csr: info.certificate.csr })) continue;
      // Asked again: another create may have claimed it while its order was read.
      if (claims.has(o.id)) continue;
      out.push(o);
    }
    return out;
  }
}

/** The error that stops a create when unheld orders match it: names each, and both ways on. */
export function unheldOrdersError(i: OrderIdentity, found: readonly OrderListItem[], lookbackHours: number): InterruptedCreateError {
  const ids = found.map((o) => o.id);
  const each = found.map((o) => `${o.id} (placed ${o.dateCreated}, ${o.status})`).join(", ");
  const what = `${i.productId} order for "${i.certificate.commonName}" (organization ${i.organizationId})`;
  return new InterruptedCreateError(
    "order",
    ids,
    `DigiCert shows ${ids.length === 1 ? "an order" : `${ids.length} orders`} placed in the last ${lookbackHours} h with this resource's certificate ` +
      `(the same ${what}, same emails, or same CSR where DigiCert shows no emails) that no resource of this run holds: ${each}. ` +
      "It may be the order of an interrupted `pulumi up` on another machine (this machine's journal has no record of this resource), " +
      "or one placed by hand or by another stack: the provider cannot tell, so it orders nothing. " +
      `If ${ids.length === 1 ? "it is" : "one is"} this resource's, declare \`adoptOrderId: ${ids[0]}\`${ids.length === 1 ? "" : " (or the right one)"} and run \`pulumi up\` again. ` +
      "If none is, run that `pulumi up` once with DIGICERT_ORDER_LOOKBACK_HOURS=0 (or `pulumi config set digicert:orderLookbackHours 0`, then back) to place a new order.",
  );
}
