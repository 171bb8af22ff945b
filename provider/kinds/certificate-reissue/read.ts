// Read: refresh of a reissue from its order; `pulumi import ORDER_ID/REQUEST_ID` builds
// the resource's inputs from DigiCert. Its id becomes the order's, as create gives it.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { readHeldOrder, readOrder, SHARED_READ_MS } from "../../kit/orders/order-info";
import { ImportRefusedError } from "../../kit/runtime/errors";
import { describeReissue, importedInputs, parseImportId } from "./mapping";
import { reissuedPem, reissueOutputs } from "./reissue";
import type { ReissueRun } from "./run";
import { certificateReissue, type CertificateReissueInputs, type CertificateReissueState } from "./schema";

export async function readReissue(run: ReissueRun, id: string, old: CertificateReissueState, inputs: CertificateReissueInputs): Promise<dynamic.ReadResult> {
  const info = await readHeldOrder(run.ctx.client(), Number(id), "this CertificateReissue", { maxAgeMs: SHARED_READ_MS });
  const requests = old.requests ?? [];
  const d = describeReissue(info, requests[0]?.id, old.certificateId);
  const pem = await reissuedPem(run, info, d, old);
  return { id, props: reissueOutputs(inputs, d, requests, pem), inputs };
}

export async function importReissue(run: ReissueRun, importId: string): Promise<dynamic.ReadResult> {
  const ids = parseImportId(importId);
  if (ids === undefined) {
    throw new ImportRefusedError(certificateReissue.kind, importId, "the import id of a reissue is ORDER_ID/REQUEST_ID, its order and its reissue request");
  }
  const info = await readOrder(run.ctx.client(), ids.orderId);
  if (info === undefined) return {};
  const inputs = importedInputs(info, ids.requestId);
  if ("refused" in inputs) throw new ImportRefusedError(certificateReissue.kind, importId, inputs.refused);
  run.claims.claim(ids.requestId);
  const d = describeReissue(info, ids.requestId, undefined);
  const pem = await reissuedPem(run, info, d, undefined);
  run.log.info(`order ${ids.orderId}: reissue request ${ids.requestId} imported (${d.status}); nothing was filed`);
  return { id: String(ids.orderId), props: reissueOutputs(inputs, d, [], pem), inputs };
}
