// GET /certificate/{certificate_id}/download/format/{format} and
// GET /certificate/download/order/{order_id}/format/{format} (the order's current certificate).
import { loadCertificate, loadOrder, type ApiRequest, type ApiResponse } from "../api";
import { badRequest, notFound } from "../errors";
import { certificatePem, type CertificateAuthority } from "../certificate-authority";
import { pemBlock } from "../pem";
import type { CertificateRecord } from "../state";
import { x509 } from "../x509";

const FORMATS = ["pem_all", "pem_noroot", "cer", "p7b"] as const;

function render(ca: CertificateAuthority, cert: CertificateRecord, format: string | undefined): ApiResponse {
  if (!FORMATS.includes(format as (typeof FORMATS)[number])) {
    throw badRequest("invalid_value", `format: must be one of ${FORMATS.join(", ")}`);
  }
  if (cert.status !== "issued" && cert.status !== "revoked") {
    throw badRequest("invalid_certificate_status", `certificate ${cert.id} is ${cert.status}: only an issued certificate can be downloaded`);
  }
  if (cert.der === undefined) throw new Error(`certificate ${cert.id} is ${cert.status} but was never signed`);
  const leaf = certificatePem(cert.der);
  // Leaf, intermediate, root: the order DigiCert lists them in.
  const all = [leaf, ...ca.chain().map((c) => c.pem)];
  switch (format) {
    case "pem_all":
      return { status: 200, text: all.join(""), contentType: "application/x-pem-file" };
    case "pem_noroot":
      return { status: 200, text: all.slice(0, -1).join(""), contentType: "application/x-pem-file" };
    case "cer":
      return { status: 200, text: leaf, contentType: "application/x-x509-user-cert" };
    default: {
      // A PKCS#7 bundle of the same three certificates.
      const bundle = new x509.X509Certificates(all.map((pem) => new x509.X509Certificate(pem)));
      return { status: 200, text: pemBlock("PKCS7", Buffer.from(bundle.export("raw"))), contentType: "application/x-pkcs7-certificates" };
    }
  }
}

export function downloadCertificate(req: ApiRequest): ApiResponse {
  const { cert } = loadCertificate(req, req.params[0]);
  return render(req.store.ca, cert, req.params[1]);
}

export function downloadOrderCertificate(req: ApiRequest): ApiResponse {
  const order = loadOrder(req, req.params[0]);
  const cert = order.certificateId === undefined ? undefined : req.store.certificates.get(order.certificateId);
  if (!cert) throw notFound("certificate", `order ${order.id} has no certificate yet`);
  return render(req.store.ca, cert, req.params[1]);
}
