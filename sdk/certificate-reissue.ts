import * as pulumi from "@pulumi/pulumi";
import {
  certificateReissue,
  type CertificateReissueInputs,
  type CertificateReissueOutputs,
} from "../provider/kinds/certificate-reissue/schema";
import { dynamicType, registeredProps } from "./resource";
import type { Args, ResourceOutputs } from "./types";

export type CertificateReissueArgs = Args<CertificateReissueInputs>;
export type ReissueCertificateDetails = CertificateReissueInputs["certificate"];

// Its outputs, one per input and per output the kind defines (requests, certificateId,
// status, certificatePem, chainPem): see its schema.
export interface CertificateReissue extends ResourceOutputs<CertificateReissueOutputs> {}

/**
 * Reissues an order's certificate. A change to `certificate` reissues again on the same
 * order; deleting the resource cancels a reissue still pending and revokes nothing.
 */
export class CertificateReissue extends pulumi.CustomResource {
  constructor(name: string, args: CertificateReissueArgs, opts?: pulumi.CustomResourceOptions) {
    super(dynamicType(certificateReissue), name, registeredProps(certificateReissue, name, args), opts);
  }
}
