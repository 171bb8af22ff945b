// The client's calls on certificates and requests: revoke one certificate, download it,
// approve or reject a pending request.
import { ENDPOINTS } from "./endpoints";
import { DigiCertInvalidInputError } from "./errors";
import { DOWNLOAD_FORMATS, type DownloadFormat } from "./ids";
import { positiveId, toWire } from "./client-input";
import { ALL_ORDERS, type Changes, type ClientRequests } from "./client-requests";
import {
  RevokeRequestSchema,
  UpdateRequestStatusRequestSchema,
  WireRevokeRequest,
  WireRevokeResponse,
  WireUpdateRequestStatusRequest,
  type RevokeResponse,
} from "./schemas";

export async function revokeCertificate(
  r: ClientRequests,
  certificateId: number,
  comments: string | undefined,
  opts: { readonly ofOrder?: number },
): Promise<RevokeResponse> {
  const id = positiveId("certificateId", certificateId);
  const ofOrder = opts.ofOrder === undefined ? undefined : positiveId("ofOrder", opts.ofOrder);
  const body = toWire("revoke request", RevokeRequestSchema, WireRevokeRequest, { comments });
  const changes: Changes = ofOrder === undefined ? ALL_ORDERS : { orderId: ofOrder };
  return r.json({ endpoint: ENDPOINTS.revokeCertificate, params: { certificate_id: id }, body }, WireRevokeResponse, changes);
}

export async function revokeCertificateNow(
  r: ClientRequests,
  certificateId: number,
  comments: string | undefined,
  opts: { readonly ofOrder?: number },
): Promise<RevokeResponse | undefined> {
  const id = positiveId("certificateId", certificateId);
  const ofOrder = opts.ofOrder === undefined ? undefined : positiveId("ofOrder", opts.ofOrder);
  const body = toWire("revoke request", RevokeRequestSchema, WireRevokeRequest, { comments, skipApproval: true });
  const changes: Changes = ofOrder === undefined ? ALL_ORDERS : { orderId: ofOrder };
  return r.maybeRequest({ endpoint: ENDPOINTS.revokeCertificate, params: { certificate_id: id }, body }, changes);
}

export async function updateRequestStatus(
  r: ClientRequests,
  requestId: number,
  status: "approved" | "rejected",
  processorComment: string | undefined,
): Promise<void> {
  const id = positiveId("requestId", requestId);
  const body = toWire("request status", UpdateRequestStatusRequestSchema, WireUpdateRequestStatusRequest, {
    status,
    processorComment,
  });
  await r.noContent(ENDPOINTS.updateRequestStatus, { request_id: id }, body);
}

export async function downloadCertificate(r: ClientRequests, certificateId: number, format: DownloadFormat): Promise<string> {
  const id = positiveId("certificateId", certificateId);
  if (!(DOWNLOAD_FORMATS as readonly string[]).includes(format)) {
    throw new DigiCertInvalidInputError("format", [{ path: "", message: `must be one of ${DOWNLOAD_FORMATS.join(", ")}` }]);
  }
  const res = await r.send({
    endpoint: ENDPOINTS.downloadCertificate,
    params: { certificate_id: id, format },
    accept: "any",
  });
  return res.body;
}
