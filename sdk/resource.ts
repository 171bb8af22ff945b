// What every resource class of the SDK does: register its kind as a dynamic resource,
// with a placeholder for each output so the engine's outputs land on the object.
import * as pulumi from "@pulumi/pulumi";
import { serializedProvider } from "../provider/resources/stub";
import { MODULE, type ResourceKind } from "../provider/resources/kinds";
import { OWNER_KEY, PROVIDER_KEY } from "../provider/resources/check";

export interface SdkKind {
  readonly kind: ResourceKind;
  readonly computedKeys: readonly string[];
}

/**
 * Registered exactly as `pulumi.dynamic.Resource` registers (type
 * `pulumi-nodejs:dynamic/digicert:<Kind>`, served by the engine's Node.js dynamic-provider
 * host, which loads `__provider`), but with `__provider` written by `serializedProvider`
 * instead of Pulumi's closure serializer: 100 bytes instead of 950, twice in each
 * resource's state. Stacks of earlier releases see no change of type or URN.
 */
export abstract class DigiCertResource extends pulumi.CustomResource {
  protected constructor(def: SdkKind, name: string, args: object, opts?: pulumi.CustomResourceOptions) {
    // An output the program did not declare gets an Output only if its key is among the
    // registered properties; `undefined` asks the engine for it.
    const outputs = Object.fromEntries(def.computedKeys.map((k) => [k, undefined]));
    // The hidden owner names this resource to the provider, whose create gets no URN: its
    // journal finds what an interrupted create of this very resource placed.
    const owner = `${pulumi.getProject()}/${pulumi.getStack()}/${def.kind}/${name}`;
    const props = { ...outputs, ...args, [OWNER_KEY]: owner, [PROVIDER_KEY]: serializedProvider(def.kind) };
    super(`pulumi-nodejs:dynamic/${MODULE}:${def.kind}`, name, props, opts);
  }
}
