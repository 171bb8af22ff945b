import * as pulumi from "@pulumi/pulumi";
import type { ClientCertificateOrderInputs } from "../provider/resources/inputs";
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
  public readonly productId!: pulumi.Output<ClientCertificateOrderInputs["productId"]>;
  public readonly certificate!: pulumi.Output<ClientCertificateDetails>;
  public readonly organizationId!: pulumi.Output<number>;
  public readonly containerId!: pulumi.Output<number | undefined>;
  public readonly validityYears!: pulumi.Output<1 | 2 | undefined>;
  public readonly customExpirationDate!: pulumi.Output<string | undefined>;
  public readonly autoRenew!: pulumi.Output<number | undefined>;
  public readonly renewalOfOrderId!: pulumi.Output<number | undefined>;
  public readonly skipApproval!: pulumi.Output<boolean | undefined>;
  public readonly customFields!: pulumi.Output<{ metadataId: number; value: string }[] | undefined>;
  public readonly paymentMethod!: pulumi.Output<"balance" | "card" | "profile" | undefined>;
  public readonly revocationComments!: pulumi.Output<string | undefined>;
  public readonly adoptOrderId!: pulumi.Output<number | undefined>;
  /** DigiCert's order id. */
  public readonly orderId!: pulumi.Output<number>;
  /** The order's current certificate, once its request is approved. */
  public readonly certificateId!: pulumi.Output<number | undefined>;
  public readonly requests!: pulumi.Output<OrderRequest[]>;
  /** DigiCert's order status: needs_approval, pending, issued, reissue_pending, revoked, rejected, canceled, expired... */
  public readonly status!: pulumi.Output<string>;
  public readonly validFrom!: pulumi.Output<string | undefined>;
  public readonly validTill!: pulumi.Output<string | undefined>;
  public readonly serialNumber!: pulumi.Output<string | undefined>;
  public readonly thumbprint!: pulumi.Output<string | undefined>;

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
