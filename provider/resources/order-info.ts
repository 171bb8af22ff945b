// Reading DigiCert's order info in the terms the resources need.
import { DigiCertApiError, type DigiCertClient, type OrderInfo } from "../digicert";
import type { OrderRequest } from "./fields";

/** Order statuses DigiCert documents as still in progress. */
export const IN_PROGRESS: ReadonlySet<string> = new Set(["needs_approval", "pending", "processing"]);

export function isNotFound(err: unknown): boolean {
  return err instanceof DigiCertApiError && err.status === 404;
}

/** The order, or undefined when DigiCert says it no longer exists (404): a resource on it is gone. */
export async function readOrder(client: DigiCertClient, orderId: number): Promise<OrderInfo | undefined> {
  try {
    return await client.getOrder(orderId);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** The order's own request(s): the new-order request, not later revoke or reissue requests. */
export function orderRequests(info: OrderInfo): OrderRequest[] {
  const own = info.requests.filter((r) => r.type === undefined || r.type === "new_request");
  return own.map((r) => ({ id: r.id, status: r.status }));
}
