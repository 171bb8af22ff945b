import * as pulumi from "@pulumi/pulumi";
import type { OrderRequest } from "../provider/kit/inputs/fields";
import {
  clientCertificateOrder,
  type ClientCertificateOrderInputs,
  type ClientCertificateOrderOutputs,
} from "../provider/kinds/client-certificate-order/schema";
import { dynamicType, registeredProps } from "./resource";
import type { Args, ResourceOutputs } from "./types";

export type ClientCertificateOrderArgs = Args<ClientCertificateOrderInputs>;
export type ClientCertificateDetails = ClientCertificateOrderInputs["certificate"];
export type { OrderRequest };

// Its outputs, one per input and per output the kind defines (orderId, certificateId,
// requests, status, validFrom, validTill, serialNumber, thumbprint, certificatePem,
// chainPem): see its schema.
export interface ClientCertificateOrder extends ResourceOutputs<ClientCertificateOrderOutputs> {}

/**
 * A DigiCert client certificate order. Creating it places the order (or adopts an
 * existing one with `adoptOrderId`); deleting it revokes the order's current certificate.
 */
export class ClientCertificateOrder extends pulumi.CustomResource {
  constructor(name: string, args: ClientCertificateOrderArgs, opts?: pulumi.CustomResourceOptions) {
    super(dynamicType(clientCertificateOrder), name, registeredProps(clientCertificateOrder, name, args), opts);
  }
}
