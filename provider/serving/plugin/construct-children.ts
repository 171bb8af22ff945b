// The ClientCertificate's order and key as the native plugin's Construct registers them:
// the plugin's own types, `digicert:index:<Kind>`, which the engine sends back to the
// plugin, each with a placeholder for every output (as generated SDKs register).
import * as pulumi from "@pulumi/pulumi";
import type { ChildResources, KeyResource, OrderResource } from "../../components/client-certificate/children";
import { clientCertificateKey } from "../../kinds/client-certificate-key/schema";
import { clientCertificateOrder } from "../../kinds/client-certificate-order/schema";
import { SECRET_OUTPUTS } from "../registry";

interface NativeKind {
  readonly kind: string;
  readonly computedKeys: readonly string[];
}

class NativeResource extends pulumi.CustomResource {
  constructor(def: NativeKind, name: string, args: object, opts: pulumi.CustomResourceOptions) {
    const outputs = Object.fromEntries(def.computedKeys.map((k) => [k, undefined]));
    super(`digicert:index:${def.kind}`, name, { ...outputs, ...args }, opts);
  }
}

export const nativeChildren: ChildResources = {
  order: (name, args, opts) => new NativeResource(clientCertificateOrder, name, args, opts) as unknown as OrderResource,
  key: (name, args, opts) =>
    new NativeResource(clientCertificateKey, name, args, {
      ...opts,
      additionalSecretOutputs: [...(opts.additionalSecretOutputs ?? []), ...(SECRET_OUTPUTS.ClientCertificateKey ?? [])],
    }) as unknown as KeyResource,
};
