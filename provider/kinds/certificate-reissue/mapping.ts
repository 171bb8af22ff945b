// Between the resource's terms and DigiCert's: the reissue body a program's inputs make,
// and where a reissue stands in its order's info.
import { isDocumented, ORDER_STATUSES, type OrderInfo, type ReissueRequest } from "../../digicert";
import type { PemTarget } from "../../kit/orders/certificate-pem";
import { compact } from "../../kit/inputs/equal";
import { REISSUE_SIGNATURE_HASHES } from "../../kit/inputs/fields";
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

/** A reissue's import id: `ORDER_ID/REQUEST_ID`, the order and its reissue request. */
export function parseImportId(id: string): { orderId: number; requestId: number } | undefined {
  const m = /^([1-9]\d*)\/([1-9]\d*)$/.exec(id);
  return m ? { orderId: Number(m[1]), requestId: Number(m[2]) } : undefined;
}

/**
 * The inputs of a reissue as DigiCert holds it, for `pulumi import`: the order's
 * certificate details are the reissue's only while it is the order's latest reissue.
 */
export function importedInputs(info: OrderInfo, requestId: number): CertificateReissueInputs | { refused: string } {
  const request = info.requests.find((r) => r.id === requestId);
  if (request === undefined) return { refused: `order ${info.id} has no request ${requestId}` };
  if (request.type !== "reissue") return { refused: `request ${requestId} of order ${info.id} is a ${request.type ?? "request of no type"}, not a reissue` };
  const latest = [...info.requests].reverse().find((r) => r.type === "reissue");
  if (latest?.id !== requestId) {
    return { refused: `request ${requestId} is not order ${info.id}'s latest reissue (${latest?.id}): DigiCert reports only the latest one's details; import that one` };
  }
  if (info.status === "reissue_pending" || request.status === "pending" || request.status === "submitted") {
    return { refused: `reissue request ${requestId} of order ${info.id} is still ${request.status}: DigiCert reports a reissue's details once it is approved; import it then` };
  }
  const c = info.certificate;
  const signatureHash = REISSUE_SIGNATURE_HASHES.find((h) => h === c.signatureHash);
  if (c.commonName === undefined || c.csr === undefined || c.csr === "" || signatureHash === undefined) {
    return { refused: `DigiCert reports no common name, CSR or supported signature hash for order ${info.id}'s certificate` };
  }
  return compact({
    orderId: info.id,
    certificate: compact({
      commonName: c.commonName,
      dnsNames: c.dnsNames !== undefined && c.dnsNames.length > 0 ? [...c.dnsNames] : undefined,
      csr: c.csr,
      serverPlatformId: c.serverPlatform?.id,
      signatureHash,
    }),
    comments: request.comments !== undefined && request.comments !== "" ? request.comments : undefined,
  });
}
