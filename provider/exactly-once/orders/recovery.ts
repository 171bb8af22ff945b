// What create does when the order POST failed without a definite answer
// (DigiCertOrderMayExistError: timeout, reset or 5xx after the body was sent). It never
// posts again: it looks the order up in DigiCert's orders list and adopts it when
// exactly one order matches, or fails saying what it found and what to do.
import type { DigiCertClient, DigiCertOrderMayExistError, OrderInfo, OrderListItem } from "../../digicert";
import type { OrderIdentity } from "./identity";
import { ClaimSet, createdFromFilter, createdSince, lookFor, lostWhy, CLOCK_SKEW_MS } from "../lookup";
import { LostRequestError } from "../../kit/runtime/errors";

const PAGE = 100;
const MAX_PAGES = 10;

/** What identifies an order among others: what DigiCert shows of it in its list. */
export function fingerprint(i: OrderIdentity): string {
  return JSON.stringify([i.productId, i.certificate.commonName, [...i.certificate.emails].sort(), i.organizationId, i.containerId ?? null]);
}

/**
 * Orders this process placed or adopted, and its order POSTs still in flight. Two
 * resources declaring the same certificate must never end up on one order: a lookup
 * waits for in-flight POSTs of the same fingerprint and skips every claimed order.
 */
export class OrderClaims extends ClaimSet {
  private readonly inFlight = new Map<string, Set<Promise<unknown>>>();

  /** Tracks an order POST; the id it returns is claimed before anyone waiting sees it settle. */
  track<T extends { id: number }>(key: string, post: Promise<T>): Promise<T> {
    const tracked = post.then((r) => {
      this.claimed.add(r.id);
      return r;
    });
    const set = this.inFlight.get(key) ?? new Set<Promise<unknown>>();
    this.inFlight.set(key, set);
    const settled = tracked.catch(() => undefined);
    set.add(settled);
    void settled.then(() => set.delete(settled));
    return tracked;
  }

  async settle(key: string): Promise<void> {
    await Promise.allSettled([...(this.inFlight.get(key) ?? [])]);
  }
}

/** The same set of addresses, whatever their case and order. */
export function sameEmails(a: readonly string[], b: readonly string[]): boolean {
  const norm = (l: readonly string[]) => [...new Set(l.map((e) => e.toLowerCase()))].sort().join("\n");
  return norm(a) === norm(b);
}

/** What DigiCert shows of an order's certificate: emails only for S/MIME orders, the CSR when it was placed with one. */
export interface SeenCertificate {
  readonly emails?: readonly string[] | undefined;
  readonly csr?: string | undefined;
}

const normalCsr = (csr: string): string => csr.replace(/\s+/g, "");

/**
 * Whether an order DigiCert shows can be the one with the identity's certificate, beyond
 * product, common name, organization, container and date, which the callers compare.
 * DigiCert returns `emails` "only for S/MIME certificate orders" (Order info page): where
 * it shows them they must be the same set; where it shows none (client_authentication_plus),
 * the CSR tells, when both sides have one. What cannot be told apart stays a candidate:
 * the callers stop and name every candidate when there is more than one.
 */
export function sameCertificate(i: OrderIdentity, seen: SeenCertificate): boolean {
  if (seen.emails !== undefined && seen.emails.length > 0) return sameEmails(seen.emails, i.certificate.emails);
  const mine = i.certificate.csr;
  if (mine !== undefined && seen.csr !== undefined && seen.csr !== "") return normalCsr(mine) === normalCsr(seen.csr);
  return true;
}

/**
 * Whether DigiCert's own renewal link leaves `info` possibly a renewal of `renewalOf`:
 * only a hint. A captured renewal answers `renewed_order_id: 0`, so an absent or zero id
 * says nothing; only another order's id named there rules it out.
 */
export function mayRenew(info: OrderInfo, renewalOf: number): boolean {
  const named = info.renewedOrderId;
  return named === undefined || named <= 0 || named === renewalOf;
}

/** Orders that are no candidate for any resource: ended, or recorded as another resource's. */
export interface Excluded {
  readonly statuses?: ReadonlySet<string>;
  readonly ids?: ReadonlySet<number>;
  /** Placed no later than this (ms): a POST places its order while it is in flight. */
  readonly until?: number;
}

/**
 * Orders matching the inputs, placed since `startedAt`, claimed by no resource and not
 * excluded; with `renewalOf`, only renewals of that order (DigiCert's `renewed_order_id`).
 */
export async function candidates(
  client: DigiCertClient,
  i: OrderIdentity,
  startedAt: number,
  claims: OrderClaims,
  excluded: Excluded = {},
  renewalOf?: number,
): Promise<OrderListItem[]> {
  const found: OrderListItem[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const r = await client.listOrders({
      filters: {
        productNameId: i.productId,
        commonName: i.certificate.commonName,
        organizationId: i.organizationId,
        // Day-granular on DigiCert's side; the exact time is compared below.
        dateCreated: createdFromFilter(startedAt - CLOCK_SKEW_MS),
      },
      sort: "-date_created",
      offset: page * PAGE,
      limit: PAGE,
    });
    found.push(...r.orders);
    if (r.orders.length < PAGE || found.length >= r.page.total) break;
  }
  const matching: OrderListItem[] = [];
  for (const o of found) {
    if (claims.has(o.id) || excluded.ids?.has(o.id) === true || excluded.statuses?.has(o.status) === true) continue;
    if (excluded.until !== undefined && o.dateCreated !== undefined && Date.parse(o.dateCreated) > excluded.until) continue;
    if ((o.product?.nameId ?? o.productNameId) !== i.productId) continue;
    if (o.certificate?.commonName !== i.certificate.commonName) continue;
    if (o.organization?.id !== i.organizationId) continue;
    if (i.containerId !== undefined && o.container?.id !== i.containerId) continue;
    if (!createdSince(o.dateCreated, startedAt)) continue;
    // Lists need not carry emails (nor does an order that is not S/MIME), nor which
    // order an order renews; the order itself carries what it has.
    let info: OrderInfo | undefined;
    const read = async (): Promise<OrderInfo> => (info ??= await client.getOrder(o.id));
    const listed = o.certificate?.emails;
    const seen: SeenCertificate =
      listed !== undefined && listed.length > 0 ? { emails: listed } : await read().then((x) => ({ emails: x.certificate.emails, csr: x.certificate.csr }));
    if (!sameCertificate(i, seen)) continue;
    if (renewalOf !== undefined && !mayRenew(await read(), renewalOf)) continue;
    matching.push(o);
  }
  return matching;
}

/**
 * The renewals of `orderId` placed since `since` with the inputs' details and not claimed
 * by another resource: where a renewal placed by an earlier, interrupted run (or by hand)
 * is found instead of renewing the order twice. One look, no waiting.
 */
export function findRenewals(opts: {
  client: DigiCertClient;
  inputs: OrderIdentity;
  orderId: number;
  since: number;
  claims: OrderClaims;
}): Promise<OrderListItem[]> {
  return candidates(opts.client, opts.inputs, opts.since, opts.claims, {}, opts.orderId);
}

export interface Recovered {
  orderId: number;
  status: string;
}

/**
 * Finds the order the failed POST may have placed; throws a clear error unless exactly
 * one matches. With `renewalOf`, the POST was a renewal of that order, and only its
 * renewals are candidates.
 */
export async function recoverOrder(opts: {
  client: DigiCertClient;
  inputs: OrderIdentity;
  startedAt: number;
  error: DigiCertOrderMayExistError;
  claims: OrderClaims;
  seconds: number;
  renewalOf?: number;
}): Promise<Recovered> {
  const { client, inputs: i, startedAt, claims, renewalOf } = opts;
  const key = fingerprint(i);
  const outcome = await lookFor({
    seconds: opts.seconds,
    look: async () => {
      await claims.settle(key);
      const found = await candidates(client, i, startedAt, claims, {}, renewalOf);
      // Two identical resources recovering at once: the first to claim an order gets it.
      const only = found.length === 1 ? found[0] : undefined;
      if (only !== undefined && !claims.claim(only.id)) return [];
      return found;
    },
  });
  const details = `${i.productId} order for "${i.certificate.commonName}" (organization ${i.organizationId})`;
  const what = renewalOf === undefined ? `the ${details}` : `the renewal of order ${renewalOf} (a ${details})`;
  const lost = `DigiCert's answer to ${what} was lost (${lostWhy(opts.error)})`;
  const since = new Date(startedAt - CLOCK_SKEW_MS).toISOString();
  // A renewal placed after all is found by the next `up`: the renewed order then reports
  // is_renewed, and the provider looks for its renewal instead of renewing again.
  const adoptIt =
    renewalOf === undefined
      ? "declare `adoptOrderId` with its id instead, so that it is not ordered twice"
      : `run \`pulumi up\` again: order ${renewalOf} then reports is_renewed, and the provider takes that renewal instead of renewing again`;
  switch (outcome.kind) {
    case "one":
      return { orderId: outcome.found.id, status: outcome.found.status };
    case "several":
      throw new LostRequestError(
        "order",
        "several",
        `${lost}, and ${outcome.found.length} orders placed since ${since} match it: ${outcome.found.map((o) => o.id).join(", ")}. ` +
          "The provider cannot tell which one this request placed, so it orders nothing more. " +
          (renewalOf === undefined
            ? "Declare `adoptOrderId` with the right one (cancel the others in CertCentral if they are not wanted), then run `pulumi up` again."
            : "Cancel the ones not wanted in CertCentral, then run `pulumi up` again: it takes the one renewal left."),
        { cause: opts.error },
      );
    case "none":
      throw new LostRequestError(
        "order",
        "none",
        `${lost}, and no matching order (same product, common name, emails or CSR and organization, placed since ${since}${renewalOf === undefined ? "" : `, renewing order ${renewalOf}`}) ` +
          `appeared within ${opts.seconds}s: nothing was placed. Run \`pulumi up\` again to ${renewalOf === undefined ? "place it" : "renew"}. ` +
          `Should such an order show up in CertCentral after all, ${adoptIt}.`,
        { cause: opts.error },
      );
    case "failed":
      throw new LostRequestError(
        "order",
        "failed",
        `${lost}: the order may have been placed, and looking for it failed (${outcome.error.message}). Nothing more was ordered. ` +
          (renewalOf === undefined
            ? `Before running \`pulumi up\` again, look for it in CertCentral's orders list (or GET /order/certificate?filters[common_name]=${encodeURIComponent(i.certificate.commonName)}&sort=-date_created); ` +
              `if it is there, ${adoptIt}.`
            : `Run \`pulumi up\` again: should the renewal have been placed, order ${renewalOf} reports is_renewed and the provider takes that renewal instead of renewing again.`),
        { cause: outcome.error },
      );
  }
}
