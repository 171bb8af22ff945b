import * as pulumi from "@pulumi/pulumi";
import type { CertificateReissueInputs } from "../provider/resources/fields";
import { providerFor } from "../provider/resources/stub";
import { MODULE } from "../provider/resources/kinds";
import type { Args } from "./inputs";
import type { OrderRequest } from "./client-certificate-order";

export type CertificateReissueArgs = Args<CertificateReissueInputs>;
export type ReissueCertificateDetails = CertificateReissueInputs["certificate"];

/**
 * Reissues an order's certificate. A change to `certificate` reissues again on the same
 * order; deleting the resource cancels a reissue still pending and revokes nothing.
 */
export class CertificateReissue extends pulumi.dynamic.Resource {
  declare readonly orderId: pulumi.Output<number>;
  declare readonly certificate: pulumi.Output<ReissueCertificateDetails>;
  declare readonly comments: pulumi.Output<string | undefined>;
  declare readonly skipApproval: pulumi.Output<boolean | undefined>;
  /** The reissue request. */
  declare readonly requests: pulumi.Output<OrderRequest[]>;
  /** The reissued certificate, once approved. */
  declare readonly certificateId: pulumi.Output<number | undefined>;
  /** pending, approved, rejected, or issued once the reissued certificate is the order's. */
  declare readonly status: pulumi.Output<string>;

  constructor(name: string, args: CertificateReissueArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = { requests: undefined, certificateId: undefined, status: undefined };
    super(providerFor("CertificateReissue"), name, { ...outputs, ...args }, opts, MODULE, "CertificateReissue");
  }
}
