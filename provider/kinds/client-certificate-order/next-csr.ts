// nextCsr: the CSR an order or a renewal is placed with when the program hands a new
// key's CSR at every run (the ClientCertificate component). The order is placed with the
// CSR in its certificate details, but the state keeps the program's own details (without
// it), so that the next run's new nextCsr is no change: it matters only when an order is
// placed. orderCsr records the CSR the held order was placed with.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { compact } from "../../kit/inputs/equal";
import type { ClientCertificateOrderInputs, ClientCertificateOrderOutputs, ClientCertificateOrderState } from "./schema";

/** The CSR the first order is placed with. */
export function csrForOrder(inputs: ClientCertificateOrderInputs): string | undefined {
  return inputs.certificate.csr ?? inputs.nextCsr;
}

/** The CSR a renewal of the held order is placed with: nextCsr (a new key), or the held order's (keepCsrOnRenewal). */
export function csrForRenewal(inputs: ClientCertificateOrderInputs, old: ClientCertificateOrderState): string | undefined {
  if (inputs.certificate.csr !== undefined || inputs.nextCsr === undefined) return inputs.certificate.csr;
  return inputs.keepCsrOnRenewal === true ? (old.orderCsr ?? inputs.nextCsr) : inputs.nextCsr;
}

/** The inputs an order is placed with: the certificate details carry the CSR. */
export function placedWith(inputs: ClientCertificateOrderInputs, csr: string | undefined): ClientCertificateOrderInputs {
  return csr === undefined ? inputs : { ...inputs, certificate: { ...inputs.certificate, csr } };
}

/** The outputs to store: the program's own certificate details, and the CSR the order was placed with. */
export function storedAfterPlacing<T extends ClientCertificateOrderOutputs>(inputs: ClientCertificateOrderInputs, outs: T, csr: string | undefined): T {
  return compact({ ...outs, certificate: inputs.certificate, orderCsr: csr }) as T;
}

/** DigiCert does not report the CSR an order was placed with: a refresh keeps the stored one while the resource holds the same order. */
export function keepOrderCsr(read: dynamic.ReadResult, old: ClientCertificateOrderState): dynamic.ReadResult {
  const props = read.props as Record<string, unknown> | undefined;
  if (props === undefined || old.orderCsr === undefined || props["orderId"] !== old.orderId) return read;
  return { ...read, props: { ...props, orderCsr: old.orderCsr } };
}
