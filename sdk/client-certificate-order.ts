import * as pulumi from "@pulumi/pulumi";
import type { ClientCertificateOrderInputs } from "../provider/resources/fields";
import { providerFor } from "../provider/resources/stub";
import { MODULE } from "../provider/resources/kinds";
import type { Args } from "./inputs";

export type ClientCertificateOrderArgs = Args<ClientCertificateOrderInputs>;
export type ClientCertificateDetails = ClientCertificateOrderInputs["certificate"];

export interface OrderRequest {
  id: number;
  status: string;
}

/**
 * A DigiCert client certificate order. Creating it places the order (or adopts an
 * existing one with `adoptOrderId`); deleting it revokes the order's current certificate.
 */
export class ClientCertificateOrder extends pulumi.dynamic.Resource {
  // `declare`: an ES2022 class field would overwrite the outputs CustomResource assigns.
  declare readonly productId: pulumi.Output<ClientCertificateOrderInputs["productId"]>;
  declare readonly certificate: pulumi.Output<ClientCertificateDetails>;
  declare readonly organizationId: pulumi.Output<number>;
  declare readonly containerId: pulumi.Output<number | undefined>;
  declare readonly validityYears: pulumi.Output<1 | 2 | undefined>;
  declare readonly customExpirationDate: pulumi.Output<string | undefined>;
  declare readonly autoRenew: pulumi.Output<number | undefined>;
  declare readonly renewalOfOrderId: pulumi.Output<number | undefined>;
  declare readonly skipApproval: pulumi.Output<boolean | undefined>;
  declare readonly customFields: pulumi.Output<{ metadataId: number; value: string }[] | undefined>;
  declare readonly paymentMethod: pulumi.Output<"balance" | "card" | "profile" | undefined>;
  declare readonly revocationComments: pulumi.Output<string | undefined>;
  declare readonly adoptOrderId: pulumi.Output<number | undefined>;
  /** DigiCert's order id. */
  declare readonly orderId: pulumi.Output<number>;
  /** The order's current certificate, once its request is approved. */
  declare readonly certificateId: pulumi.Output<number | undefined>;
  declare readonly requests: pulumi.Output<OrderRequest[]>;
  /** DigiCert's order status: needs_approval, pending, issued, reissue_pending, revoked, rejected, canceled, expired... */
  declare readonly status: pulumi.Output<string>;
  declare readonly validFrom: pulumi.Output<string | undefined>;
  declare readonly validTill: pulumi.Output<string | undefined>;
  declare readonly serialNumber: pulumi.Output<string | undefined>;
  declare readonly thumbprint: pulumi.Output<string | undefined>;

  constructor(name: string, args: ClientCertificateOrderArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = {
      orderId: undefined,
      certificateId: undefined,
      requests: undefined,
      status: undefined,
      validFrom: undefined,
      validTill: undefined,
      serialNumber: undefined,
      thumbprint: undefined,
    };
    super(providerFor("ClientCertificateOrder"), name, { ...outputs, ...args }, opts, MODULE, "ClientCertificateOrder");
  }
}
