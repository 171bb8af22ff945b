// What the order's steps share within one provider process: its context and log, the
// orders this process holds, and the clock the renewal decision reads.
import type { ProviderContext } from "../../kit/runtime/context";
import type { Logger } from "../../kit/runtime/log";
import type { OrderClaims } from "../../exactly-once/orders/recovery";
import type { RecentOrders } from "../../exactly-once/orders/look-back";

export interface OrderRun {
  readonly ctx: ProviderContext;
  readonly log: Logger;
  readonly claims: OrderClaims;
  /** When this run began; tests that play an earlier run in the same process set it. */
  readonly runStartedAt: number | undefined;
  /** Today, for the renewal decision; tests give another day. */
  readonly now: () => Date;
  /** DigiCert's recent orders, read once by the first create that looks back. */
  recent: RecentOrders | undefined;
}
