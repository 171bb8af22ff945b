// GET /certificate/{certificate_id}/download/format/{format} and
// GET /certificate/download/order/{order_id}/format/{format} (the order's current certificate).
import { loadCertificate, loadOrder, type ApiRequest, type ApiResponse } from "../api";
import { badRequest, notFound } from "../errors";
import { endEntityPem, INTERMEDIATE_PEM, pkcs7Pem, ROOT_PEM } from "../pem";
import type { CertificateRecord } from "../state";

const FORMATS = ["pem_all", "pem_noroot", "cer", "p7b"] as const;

function render(cert: CertificateRecord, format: string | undefined): ApiResponse {
  if (!FORMATS.includes(format as (typeof FORMATS)[number])) {
    throw badRequest("invalid_value", `format: must be one of ${FORMATS.join(", ")}`);
  }
  if (cert.status !== "issued" && cert.status !== "revoked") {
    throw badRequest("invalid_certificate_status", `certificate ${cert.id} is ${cert.status}: only an issued certificate can be downloaded`);
  }
  const leaf = endEntityPem(cert.id, cert.serialNumber);
  switch (format) {
    case "pem_all":
      return { status: 200, text: leaf + INTERMEDIATE_PEM + ROOT_PEM, contentType: "application/x-pem-file" };
    case "pem_noroot":
      return { status: 200, text: leaf + INTERMEDIATE_PEM, contentType: "application/x-pem-file" };
    case "cer":
      return { status: 200, text: leaf, contentType: "application/x-x509-user-cert" };
    default:
      return { status: 200, text: pkcs7Pem(cert.id, cert.serialNumber), contentType: "application/x-pkcs7-certificates" };
  }
}

export function downloadCertificate(req: ApiRequest): ApiResponse {
  const { cert } = loadCertificate(req, req.params[0]);
  return render(cert, req.params[1]);
}

export function downloadOrderCertificate(req: ApiRequest): ApiResponse {
  const order = loadOrder(req, req.params[0]);
  const cert = order.certificateId === undefined ? undefined : req.store.certificates.get(order.certificateId);
  if (!cert) throw notFound("certificate", `order ${order.id} has no certificate yet`);
  return render(cert, req.params[1]);
}
