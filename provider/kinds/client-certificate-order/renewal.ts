// When an order is renewed, decided without an API call. `pulumi up` does not refresh
// by default, so the decision is made in `diff`, from the validTill stored at the last
// create, renewal or refresh and today's date; `update` then places the renewal order
// (provider.ts). Also the input rules that involve renewal and the inputs' other fields,
// which `check` applies beside the inputs schema.
import { UNKNOWN } from "../../kit/inputs/check";
import { sameValue } from "../../kit/inputs/equal";
import type { CheckFailure } from "../../kit/runtime/errors";
import type { PropertyBag } from "../../kit/kind-provider";
import { DEFAULT_RENEW_BEFORE_DAYS, daysFromToday, type ClientCertificateOrderState } from "./schema";

/**
 * Inputs whose change, once the order is due, the renewal carries out (the renewal's
 * term) instead of a new order that would revoke the old one.
 */
export const RENEWAL_TERMS: readonly string[] = ["validityYears", "customExpirationDate"];

export type RenewalPlan =
  | { readonly kind: "none" }
  /** Due: `update` places a renewal of `orderId`. */
  | { readonly kind: "renew"; readonly orderId: number; readonly reason: string }
  /** Due, but a renewal to the same customExpirationDate is impossible: a new date is needed. */
  | { readonly kind: "needs-new-date"; readonly orderId: number; readonly reason: string };

const NONE: RenewalPlan = { kind: "none" };

/** The order a resource holds now: `orderId` in state (a renewal's, after one), or the ID it was created with. */
export function currentOrderId(id: string, old: Pick<ClientCertificateOrderState, "orderId">): number {
  return old.orderId ?? Number(id);
}

/** The window a program's inputs give, or undefined when the provider does not renew (autoRenew, negative, unknown yet). */
export function renewalWindow(news: PropertyBag): number | undefined {
  const autoRenew = news["autoRenew"];
  const before = news["renewBeforeDays"];
  // Unknown at preview: the change to them plans an update or a replacement anyway, and
  // `update` decides with the values then known.
  if (autoRenew === UNKNOWN || before === UNKNOWN) return undefined;
  // DigiCert renews such an order itself: renewing it here too would pay twice.
  if (typeof autoRenew === "number" && autoRenew > 0) return undefined;
  const days = typeof before === "number" ? before : DEFAULT_RENEW_BEFORE_DAYS;
  return days < 0 ? undefined : days;
}

/** `valid till 2027-01-02, 25 days left, renewBeforeDays 30`: why a renewal is due. */
function dueReason(validTill: string, left: number, days: number, explicit: boolean): string {
  const remaining = left >= 0 ? `${left} day${left === 1 ? "" : "s"} left` : `expired ${-left} day${left === -1 ? "" : "s"} ago`;
  return `valid till ${validTill}, ${remaining}, renewBeforeDays ${days}${explicit ? "" : " (the default)"}`;
}

/**
 * Whether the order `old` holds is due for renewal under the program's inputs `news`
 * (as `check` returned them: values unknown at preview are possible), on `now`'s day.
 * Only an order stored as issued is renewed: other statuses either have no certificate
 * yet or are replaced (an ended order), and a status the provider does not know never
 * drives an order.
 */
export function renewalPlan(id: string, old: ClientCertificateOrderState, news: PropertyBag, now: Date): RenewalPlan {
  if (old.status !== "issued" || old.validTill === undefined) return NONE;
  const days = renewalWindow(news);
  if (days === undefined) return NONE;
  const left = daysFromToday(old.validTill, now);
  if (left === undefined || left > days) return NONE;
  const orderId = currentOrderId(id, old);
  const reason = dueReason(old.validTill, left, days, typeof news["renewBeforeDays"] === "number");
  if (old.customExpirationDate !== undefined && sameValue(news["customExpirationDate"], old.customExpirationDate)) {
    return { kind: "needs-new-date", orderId, reason };
  }
  return { kind: "renew", orderId, reason };
}

/**
 * Rules between fields that the inputs schema cannot state, for `check`: values unknown
 * at preview are not judged. `olds` are the inputs of the resource as it exists (empty
 * for a new one).
 */
export function renewalFailures(olds: PropertyBag, news: PropertyBag): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const autoRenew = news["autoRenew"];
  const before = news["renewBeforeDays"];
  if (typeof autoRenew === "number" && autoRenew > 0 && before !== undefined && before !== UNKNOWN) {
    failures.push({
      property: "renewBeforeDays",
      reason:
        `must not be set beside autoRenew (${autoRenew}): DigiCert renews this order itself, and a renewal by the provider as well would be paid twice. ` +
        "Remove renewBeforeDays, or set autoRenew to 0 to have the provider renew it",
    });
  }
  // A new date inside the window would be due for renewal as soon as it is issued. An
  // existing order's date is not judged again (time alone moves it into the window).
  const date = news["customExpirationDate"];
  const days = renewalWindow(news);
  if (typeof date === "string" && days !== undefined && !sameValue(date, olds["customExpirationDate"])) {
    const ahead = daysFromToday(date);
    if (ahead !== undefined && ahead > 0 && ahead <= days) {
      failures.push({
        property: "customExpirationDate",
        reason:
          `is ${ahead} days ahead, within renewBeforeDays ${days}: the certificate would be due for renewal as soon as it is issued. ` +
          `Choose a date more than ${days} days ahead, or lower renewBeforeDays`,
      });
    }
  }
  return failures;
}
