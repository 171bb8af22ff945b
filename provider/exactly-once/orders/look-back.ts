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

/**
 * The shortest look-back, whatever `digicert:orderLookbackHours` says (0 included): a
 * create the journal does not settle always looks this far back on DigiCert's clock, for
 * the order a POST of the last minutes placed whose record is gone or was never written
 * (another machine, a lost journal). An order placed longer ago stops a create only
 * within the setting's window.
 */
export const MIN_LOOKBACK_MS = 15 * 60_000;

/** The look-back's length for a setting in hours: never less than MIN_LOOKBACK_MS. */
export function lookBackMs(hours: number): number {
  return Math.max(MIN_LOOKBACK_MS, hours * 3_600_000);
}

export class RecentOrders {
  readonly #lists = new Map<string, Promise<OrderListItem[]>>();
  #since: number | undefined;

  constructor(
    private readonly client: () => DigiCertClient,
    /** How far back the look-back reaches (ms), on DigiCert's clock from its first answer of this process. */
    private readonly windowMs: number,
  ) {}

  /** When the look-back starts on DigiCert's clock: fixed at the first look, so every create compares with the same list. */
  get since(): number {
    return (this.#since ??= this.client().serverNow() - this.windowMs);
  }

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
        // Day-granular, a day of slack each side (this machine's clock is good enough for it); the exact time is compared by the caller.
        filters: { productNameId: productId, organizationId, dateCreated: createdFromFilter(Date.now() - this.windowMs - Math.abs(this.client().clockOffsetMs() ?? 0)) },
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
   * before `before` (this process's start, on this machine's clock), that no resource of
   * this run claimed, that this machine's journal does not record as another resource's,
   * and that are neither ended nor waiting for a revoke.
   */
  async unheld(i: OrderIdentity, claims: OrderClaims, opts: { before: number; recordedElsewhere: ReadonlySet<number> }): Promise<OrderListItem[]> {
    const listed = await this.list(i.productId, i.organizationId);
    // Both on DigiCert's clock, read once its answer (the list's) has shown it.
    const since = this.since;
    const before = this.client().serverTimeAt(opts.before);
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
      if (!Number.isNaN(at) && (at < since || at > before + CLOCK_SKEW_MS)) continue;
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

/** "the last 24 h", or the shortest look-back when the setting is 0. */
export function lookBackSpan(hours: number): string {
  return hours * 3_600_000 > MIN_LOOKBACK_MS ? `the last ${hours} h` : `the last ${MIN_LOOKBACK_MS / 60_000} minutes`;
}

/**
 * The error that stops a create when unheld orders match it: names each, says first
 * that another stack or a person most likely placed it, and what adopting would mean.
 */
export function unheldOrdersError(i: OrderIdentity, found: readonly OrderListItem[], lookbackHours: number): InterruptedCreateError {
  const ids = found.map((o) => o.id);
  const one = ids.length === 1;
  const each = found.map((o) => `${o.id} (placed ${o.dateCreated}, ${o.status})`).join(", ");
  const what = `${i.productId} order for "${i.certificate.commonName}" (organization ${i.organizationId})`;
  const zero =
    lookbackHours * 3_600_000 > MIN_LOOKBACK_MS
      ? "run that `pulumi up` once with DIGICERT_ORDER_LOOKBACK_HOURS=0 (or `pulumi config set digicert:orderLookbackHours 0`, then back): " +
        `orders placed in the last ${MIN_LOOKBACK_MS / 60_000} minutes still stop a create, older ones no longer do`
      : `run \`pulumi up\` again once ${one ? "it is" : "they are"} more than ${MIN_LOOKBACK_MS / 60_000} minutes old (a create always looks that far back, for the order of a POST whose answer was lost)`;
  return new InterruptedCreateError(
    "order",
    ids,
    `DigiCert shows ${one ? "an order" : `${ids.length} orders`} placed in ${lookBackSpan(lookbackHours)} with this resource's certificate ` +
      `(the same ${what}, same emails, or same CSR where DigiCert shows no emails) that no resource of this run holds: ${each}. ` +
      `Most likely another stack or a person placed ${one ? "it" : "them"}; ${one ? "it" : "one"} may also be the order of an interrupted \`pulumi up\` on another machine ` +
      "(this machine's journal has no record of this resource). The provider cannot tell, so it orders nothing. " +
      `If ${one ? "it belongs" : "they belong"} to someone else, leave ${one ? "it" : "them"} alone and ${zero}. ` +
      `Only if ${one ? "it is" : "one is"} this resource's own, declare \`adoptOrderId: ${ids[0]}\`${one ? "" : " (or the right one)"} and run \`pulumi up\` again: ` +
      "adopting makes this resource the order's holder, so destroying or replacing it revokes that order's certificate, for whoever else uses it.",
  );
}
