// Reading DigiCert's order info in the terms the resources need.
import { DigiCertApiError, type DigiCertClient, type GetOrderOptions, type OrderInfo } from "../../digicert";
import type { OrderRequest } from "../inputs/fields";
import { HeldOrderNotFoundError } from "../runtime/errors";

/** Order statuses DigiCert documents as still in progress. */
export const IN_PROGRESS: ReadonlySet<string> = new Set(["needs_approval", "pending", "processing"]);

/** Order statuses after which an order gives no certificate any more, and is nobody's to take. */
export const ENDED_STATUSES: ReadonlySet<string> = new Set(["revoked", "rejected", "canceled", "expired"]);

export function isNotFound(err: unknown): boolean {
  return err instanceof DigiCertApiError && err.status === 404;
}

/**
 * How old an order's answer a `read` (refresh, import) accepts: in one refresh the
 * order, its CT status and its reissues each read the same order, and one answer
 * serves them all (the client drops it on any write). The engine does not read a
 * CT status right after its order (at N = 300 they came more than 5 s apart), so the
 * answer is kept for the length of one command: each `pulumi` command runs a provider
 * process of its own, so no answer outlives it.
 */
export const SHARED_READ_MS = 10 * 60_000;

/**
 * How old a read of an order its revoke may use: one read of this command, as a
 * refresh's (`SHARED_READ_MS`). A destroy deletes every CT status before the orders
 * (they depend on them); restoring one warms its order's read (`warmOrder`) while
 * CertCentral's budget has a slot free, so the orders' reads are spent while the
 * engine paces the CT phase instead of doubling the revoke phase. Once the budget is
 * spent, no read goes ahead of a CT restore the engine waits for: those orders'
 * deletes read them themselves.
 *
 * One command, not one minute: a destroy's CT phase lasts minutes at N = 1000, and a
 * read older than a minute was read again (docs/dev/benchmark-history.md, "Reads ahead that went
 * stale"). The read is for what changed since the state was written: a reissue, a
 * revoke, an order that ended. A write this process makes to the order drops the read;
 * a revoke or revoke request made in CertCentral during the command is met by
 * DigiCert's own answer to the revoke (already revoked, or a revoke pending), and a
 * pending reissue by its refusal (`reissue_pending`). A reissue both requested and
 * issued in CertCentral while the command runs is the one change the read cannot see,
 * as it could not within a minute either.
 */
export const REVOKE_READ_MS = SHARED_READ_MS;

/**
 * Reads the order in the background, for a delete soon after that accepts a shared
 * read, while CertCentral's budget has a slot free now; failures are left to that read.
 */
export function warmOrder(client: DigiCertClient, orderId: number): void {
  client.readAhead(orderId, REVOKE_READ_MS);
}

/** The order, or undefined when DigiCert says it no longer exists (404): a resource on it is gone. */
export async function readOrder(client: DigiCertClient, orderId: number, opts: GetOrderOptions = {}): Promise<OrderInfo | undefined> {
  try {
    return await client.getOrder(orderId, opts);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/**
 * The order a resource of the stack holds, for a refresh or a renewal: a 404 fails with
 * HeldOrderNotFoundError (a wrong key or region, never an order gone), where readOrder,
 * for an import or a delete, reads it as gone.
 */
export async function readHeldOrder(client: DigiCertClient, orderId: number, holder: string, opts: GetOrderOptions = {}): Promise<OrderInfo> {
  try {
    return await client.getOrder(orderId, opts);
  } catch (err) {
    if (isNotFound(err)) throw new HeldOrderNotFoundError(orderId, holder, client.baseUrl, { cause: err });
    throw err;
  }
}

/** The order's own request(s): the new-order request, not later revoke or reissue requests. */
export function orderRequests(info: OrderInfo): OrderRequest[] {
  const own = info.requests.filter((r) => r.type === undefined || r.type === "new_request");
  return own.map((r) => ({ id: r.id, status: r.status }));
}

/**
 * The order's organization: DigiCert's order-info example gives its id under
 * `certificate.organization.id`, and a top-level `organization` with name and address
 * only; older answers gave it at the top level. Taken from wherever it stands.
 */
export function organizationIdOf(info: OrderInfo): number | undefined {
  return info.certificate.organization?.id ?? info.organization?.id;
}

/**
 * The order's current certificate is revoked while the order itself may read `issued`
 * (a certificate revoked on a single-certificate order stays on an active order): only
 * `certificate.status` tells.
 */
export function certificateRevoked(info: Pick<OrderInfo, "status" | "certificate">): boolean {
  return info.certificate.status === "revoked";
}

/** The order has ended, or its current certificate was revoked: it gives no certificate any more. */
export function endedOrRevoked(info: Pick<OrderInfo, "status" | "certificate">): boolean {
  return ENDED_STATUSES.has(info.status) || certificateRevoked(info);
}

/** The order's own request that still waits for an administrator (of an order in `needs_approval`). */
export function waitingOrderRequest(info: OrderInfo): { id: number; status: string } | undefined {
  return orderRequests(info).find((r) => r.status === "pending" || r.status === "submitted");
}

/** A revoke request on the order's current certificate that DigiCert has not decided yet. */
export function pendingRevoke(info: OrderInfo): { id: number; status: string } | undefined {
  return info.requests.find((r) => r.type === "revoke" && (r.status === "pending" || r.status === "submitted"));
}
