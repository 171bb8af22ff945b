// How a ClientCertificate registers its order and its key: the one thing its two servings
// do differently. The TypeScript SDK registers the package's dynamic resources (served by
// the engine's Node.js dynamic-provider host; sdk/client-certificate.ts); the native
// plugin's Construct registers its own types, `digicert:index:<Kind>`, which the engine
// sends back to the plugin (provider/serving/plugin/construct-children.ts).
import type * as pulumi from "@pulumi/pulumi";
import type { ClientCertificateKeyInputs, ClientCertificateKeyOutputs } from "../../kinds/client-certificate-key/schema";
import type { ClientCertificateOrderInputs, ClientCertificateOrderOutputs } from "../../kinds/client-certificate-order/schema";
import type { Args, ResourceOutputs } from "../../kit/sdk-types";

export type OrderResource = pulumi.CustomResource & ResourceOutputs<ClientCertificateOrderOutputs>;
export type KeyResource = pulumi.CustomResource & ResourceOutputs<ClientCertificateKeyOutputs>;

export interface ChildResources {
  order(name: string, args: Args<ClientCertificateOrderInputs>, opts: pulumi.CustomResourceOptions): OrderResource;
  key(name: string, args: Args<ClientCertificateKeyInputs>, opts: pulumi.CustomResourceOptions): KeyResource;
}
