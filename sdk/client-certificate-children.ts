// How a ClientCertificate registers its order and its key. The TypeScript SDK registers
// the package's dynamic resources (served by the engine's Node.js dynamic-provider host);
// the native plugin's Construct registers its own types, `digicert:index:<Kind>`, which the
// engine sends back to the plugin. One component, two servings: only this differs.
import * as pulumi from "@pulumi/pulumi";
import { clientCertificateKey, type ClientCertificateKeyOutputs } from "../provider/kinds/client-certificate-key/schema";
import { clientCertificateOrder, type ClientCertificateOrderOutputs } from "../provider/kinds/client-certificate-order/schema";
import { SECRET_OUTPUTS } from "../provider/serving/registry";
import { ClientCertificateKey, type ClientCertificateKeyArgs } from "./client-certificate-key";
import { ClientCertificateOrder, type ClientCertificateOrderArgs } from "./client-certificate-order";
import type { SdkKind } from "./resource";
import type { ResourceOutputs } from "./types";

export type OrderResource = pulumi.CustomResource & ResourceOutputs<ClientCertificateOrderOutputs>;
export type KeyResource = pulumi.CustomResource & ResourceOutputs<ClientCertificateKeyOutputs>;

export interface ChildResources {
  order(name: string, args: ClientCertificateOrderArgs, opts: pulumi.CustomResourceOptions): OrderResource;
  key(name: string, args: ClientCertificateKeyArgs, opts: pulumi.CustomResourceOptions): KeyResource;
}

/** The TypeScript SDK's: the dynamic resources, as a program declaring them itself would. */
export const dynamicChildren: ChildResources = {
  order: (name, args, opts) => new ClientCertificateOrder(name, args, opts),
  key: (name, args, opts) => new ClientCertificateKey(name, args, opts),
};

/** A resource of the native plugin's own type, with a placeholder for each output (as generated SDKs register). */
class NativeResource extends pulumi.CustomResource {
  constructor(def: SdkKind, name: string, args: object, opts: pulumi.CustomResourceOptions) {
    const outputs = Object.fromEntries(def.computedKeys.map((k) => [k, undefined]));
    super(`digicert:index:${def.kind}`, name, { ...outputs, ...args }, opts);
  }
}
const nativeResource = (def: SdkKind, name: string, args: object, opts: pulumi.CustomResourceOptions) => new NativeResource(def, name, args, opts);

/** The native plugin's: `digicert:index:ClientCertificateOrder` and `digicert:index:ClientCertificateKey`. */
export const nativeChildren: ChildResources = {
  order: (name, args, opts) => nativeResource(clientCertificateOrder, name, args, opts) as OrderResource,
  key: (name, args, opts) =>
    nativeResource(clientCertificateKey, name, args, {
      ...opts,
      additionalSecretOutputs: [...(opts.additionalSecretOutputs ?? []), ...(SECRET_OUTPUTS.ClientCertificateKey ?? [])],
    }) as KeyResource,
};
