// Reading DigiCert's order info in the terms the resources need.
import { DigiCertApiError, type OrderInfo } from "../digicert";

export interface RequestSummary {
  id: number;
  status: string;
}

/** Order statuses DigiCert documents as still in progress. */
export const IN_PROGRESS: ReadonlySet<string> = new Set(["needs_approval", "pending", "processing"]);

export function isNotFound(err: unknown): boolean {
  return err instanceof DigiCertApiError && err.status === 404;
}

/** The order's own request(s): the new-order request, not later revoke or reissue requests. */
export function orderRequests(info: OrderInfo): RequestSummary[] {
  const own = info.requests.filter((r) => r.type === undefined || r.type === "new_request");
  return own.map((r) => ({ id: r.id, status: r.status }));
}
