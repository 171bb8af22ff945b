// Create, and an update that changes the certificate details: file the reissue once
// (file.ts), then wait for it as the settings say and store the reissued certificate.
// Nothing after DigiCert accepted the reissue may fail the step: it exists.
import type { OrderInfo } from "../../digicert";
import { compact } from "../../kit/inputs/equal";
import { certificatePems, type CertificatePem, type StoredPem } from "../../kit/orders/certificate-pem";
import { messageOf } from "../../kit/runtime/log";
import { waitFor } from "../../kit/runtime/wait";
import { fileReissue } from "./file";
import { describeReissue, pemTarget } from "./mapping";
import type { ReissueRun } from "./run";
import type { CertificateReissueInputs, CertificateReissueOutputs } from "./schema";

export async function reissue(run: ReissueRun, inputs: CertificateReissueInputs, owner: string | undefined): Promise<CertificateReissueOutputs> {
  const filed = await fileReissue(run, inputs, owner);
  let requestId: number | undefined = filed.requests[0]?.id;
  if (requestId !== undefined) run.claims.claim(requestId);
  if (filed.certificateId !== undefined) run.heldCertificates.add(filed.certificateId);
  const base: CertificateReissueOutputs = compact({
    ...inputs,
    requests: filed.requests,
    certificateId: filed.certificateId,
    status: filed.certificateId !== undefined ? "approved" : "pending",
  });
  run.log.info(`order ${inputs.orderId}: reissue ${requestId !== undefined ? `request ${requestId}` : `certificate ${filed.certificateId}`} placed`);
  // The reissue exists from here on: reading it back may fail, the create may not.
  try {
    const client = run.ctx.client();
    const waited = await waitFor({
      what: `reissue of order ${inputs.orderId}`,
      timeoutSeconds: run.ctx.settings.waitForIssuanceSeconds,
      log: run.log,
      poll: async () => {
        const info = await client.getOrder(inputs.orderId);
        // With skip_approval DigiCert answers without the request id: it is the newest reissue request.
        requestId ??= [...info.requests].reverse().find((q) => q.type === "reissue")?.id;
        const d = describeReissue(info, requestId, filed.certificateId);
        const progress = d.pending ? `reissue request ${requestId ?? "?"} awaiting approval` : `status ${d.status}`;
        return { done: !d.pending, value: { info, d }, progress };
      },
    });
    const { info, d } = waited.value;
    let pem: CertificatePem | undefined;
    try {
      pem = await reissuedPem(run, info, d, undefined);
    } catch (err) {
      run.log.warn(
        `reissue of order ${inputs.orderId}: the PEM of certificate ${d.certificateId ?? "?"} was not stored (${messageOf(err)}); ` +
          "the reissue stands, and `pulumi refresh` will fetch the certificate",
      );
    }
    return reissueOutputs(inputs, d, base.requests ?? [], pem);
  } catch (err) {
    run.log.warn(`reissue of order ${inputs.orderId} was placed, but reading it back failed (${messageOf(err)})`);
    return base;
  }
}

/** The outputs of a reissue as DigiCert describes it (`requests` when it names none). */
export function reissueOutputs(
  inputs: CertificateReissueInputs,
  d: ReturnType<typeof describeReissue>,
  requests: CertificateReissueOutputs["requests"],
  pem: CertificatePem | undefined,
): CertificateReissueOutputs {
  return compact({
    ...inputs,
    requests: d.request ? [{ id: d.request.id, status: d.request.status }] : requests,
    certificateId: d.certificateId,
    status: d.status,
    certificatePem: pem?.certificatePem,
    chainPem: pem?.chainPem,
  });
}

/** The reissued certificate's PEM outputs: kept while it is the same certificate, else downloaded once issued. */
export async function reissuedPem(
  run: ReissueRun,
  info: OrderInfo,
  d: ReturnType<typeof describeReissue>,
  stored: StoredPem | undefined,
): Promise<CertificatePem | undefined> {
  const target = pemTarget(info, d);
  const r = await certificatePems({ client: run.ctx.client(), target, stored });
  const certificate = `reissued certificate ${d.certificateId ?? "?"} (serial ${target.serialNumber ?? "?"})`;
  if (r?.pem === undefined && r?.unavailable !== undefined) {
    run.log.warn(`order ${info.id} has status "${info.status}", which DigiCert does not document, and downloading its ${certificate} failed (${r.unavailable}); no PEM stored`);
  } else if (r?.pem !== undefined && r.source !== "kept") {
    run.log.info(`order ${info.id}: ${certificate} stored as PEM, downloaded`);
  }
  return r?.pem;
}
