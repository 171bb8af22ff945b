// Between the resource's terms and DigiCert's: the reissue body a program's inputs make,
// and where a reissue stands in its order's info.
import { isDocumented, ORDER_STATUSES, type OrderInfo, type ReissueRequest } from "../../digicert";
import type { PemTarget } from "../certificate-pem";
import { compact } from "../equal";
import type { CertificateReissueInputs } from "./schema";

export function toReissueRequest(i: CertificateReissueInputs): ReissueRequest {
  const c = i.certificate;
  return compact({
    certificate: compact({
      commonName: c.commonName,
      dnsNames: c.dnsNames,
      csr: c.csr,
      serverPlatform: c.serverPlatformId === undefined ? undefined : { id: c.serverPlatformId },
      signatureHash: c.signatureHash,
    }),
    comments: i.comments,
    skipApproval: i.skipApproval,
  });
}

/** This reissue's state in the order: its request, and its certificate once issued. */
export function describeReissue(info: OrderInfo, requestId: number | undefined, knownCertificateId: number | undefined) {
  const request = requestId === undefined ? undefined : info.requests.find((r) => r.id === requestId);
  const pending = info.status === "reissue_pending";
  let certificateId = knownCertificateId;
  if (certificateId === undefined && !pending && request?.status === "approved") certificateId = info.certificate.id;
  const issued = certificateId !== undefined && certificateId === info.certificate.id && info.status === "issued";
  const status = issued ? "issued" : (request?.status ?? (pending ? "pending" : "approved"));
  return { request, pending, certificateId, status };
}

/**
 * The reissue's PEM outputs are the reissued certificate's. DigiCert reports its serial
 * only while it is the order's certificate: that is when a missing PEM can be fetched.
 */
export function pemTarget(info: OrderInfo, d: { certificateId: number | undefined; status: string }): PemTarget {
  const current = d.certificateId !== undefined && d.certificateId === info.certificate.id;
  const issued = d.status === "issued" ? true : current && !isDocumented(ORDER_STATUSES, info.status) ? "maybe" : false;
  return { certificateId: d.certificateId, serialNumber: current ? info.certificate.serialNumber : undefined, issued };
}
