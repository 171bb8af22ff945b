// PUT /request/{request_id}/status: an administrator approves or rejects a request.
// What approval does depends on the request type: issue, reissue or revoke.
import { loadRequest, type ApiRequest, type ApiResponse } from "../api";
import { badRequest } from "../errors";
import { approveNewRequest, approveReissue, approveRevoke, dropReissue, isWaiting } from "../lifecycle";
import { asBody, Check } from "../validate";

export function updateRequestStatus(req: ApiRequest): ApiResponse {
  const { request, order } = loadRequest(req, req.params[0]);
  const c = new Check();
  const body = asBody(req.body);
  const status = c.oneOf(body, "status", "status", ["approved", "rejected"] as const, true);
  const processorComment = c.str(body, "processor_comment", "processor_comment", false);
  c.done();

  if (!isWaiting(request.status)) {
    throw badRequest("invalid_request_status", `request ${request.id} is already ${request.status}`);
  }
  if (processorComment !== undefined) request.processorComment = processorComment;
  req.store.touch();

  if (status === "approved") {
    if (request.type === "new_request") approveNewRequest(req, order, request);
    else if (request.type === "reissue") approveReissue(req, order, request);
    else approveRevoke(req, request);
  } else if (request.type === "reissue") {
    dropReissue(req, order, request);
  } else {
    request.status = "rejected";
    if (request.type === "new_request") order.status = "rejected";
  }
  return { status: 204 };
}
