// An order DigiCert issues at once answers its POST with the certificate itself
// (`certificate_id` and `certificate_chain`, leaf first). The outputs a read-back would
// give come from that answer: the certificate's serial, thumbprint and validity are
// the signed certificate's own, the order is issued, its request the POST's. Reading
// the order back would cost a second request per order against CertCentral's rate
// limit (100 per 5 s, 1000 per 3 min), the wall of a large stack; `pulumi refresh`
// reads it as DigiCert reports it.
import { X509Certificate } from "node:crypto";
import { checkedPem, pemBlocks } from "../../kit/orders/certificate-pem";
import { compact } from "../../kit/inputs/equal";
import type { ClientCertificateOrderInputs, ClientCertificateOrderOutputs } from "./schema";

export interface AnsweredWithCertificate {
  readonly orderId: number;
  readonly requests: readonly { readonly id: number; readonly status: string }[];
  readonly certificateId: number;
  readonly pems: readonly string[];
}

/** DigiCert's day for an instant: `yyyy-MM-dd` in UTC, as `valid_from` and `valid_till` read. */
function utcDay(when: string): string {
  return new Date(when).toISOString().slice(0, 10);
}

/**
 * The outputs of an order issued at once, from its POST answer alone. Throws
 * CertificateCheckError when a certificate of the chain does not parse (the caller
 * then reads the order back, as for any other order).
 */
export function outputsFromAnswer(inputs: ClientCertificateOrderInputs, answer: AnsweredWithCertificate): ClientCertificateOrderOutputs {
  const blocks = answer.pems.flatMap(pemBlocks);
  const leafPem = blocks[0];
  // checkedPem parses every certificate; the serial it checks is the leaf's own here.
  const leaf = leafPem === undefined ? undefined : safeParse(leafPem);
  const pem = checkedPem(answer.certificateId, leaf?.serialNumber ?? "", blocks);
  const certificate = leaf as X509Certificate;
  return compact({
    ...inputs,
    orderId: answer.orderId,
    certificateId: answer.certificateId,
    requests: answer.requests.map((r) => ({ id: r.id, status: r.status })),
    status: "issued",
    certificateStatus: "issued",
    validFrom: utcDay(certificate.validFrom),
    validTill: utcDay(certificate.validTo),
    serialNumber: certificate.serialNumber.toUpperCase(),
    thumbprint: certificate.fingerprint.replace(/:/g, "").toUpperCase(),
    certificatePem: pem.certificatePem,
    chainPem: pem.chainPem,
  });
}

function safeParse(pem: string): X509Certificate | undefined {
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}
