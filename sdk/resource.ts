// What every resource class of the SDK does: register its kind's serialized provider,
// with a placeholder for each output so the engine's outputs land on the object.
import * as pulumi from "@pulumi/pulumi";
import { providerFor } from "../provider/resources/stub";
import { MODULE, type ResourceKind } from "../provider/resources/kinds";
import { OWNER_KEY } from "../provider/resources/check";

export interface SdkKind {
  readonly kind: ResourceKind;
  readonly computedKeys: readonly string[];
}

export abstract class DigiCertResource extends pulumi.dynamic.Resource {
  protected constructor(def: SdkKind, name: string, args: object, opts?: pulumi.CustomResourceOptions) {
    // An output the program did not declare gets an Output only if its key is among the
    // registered properties; `undefined` asks the engine for it.
    const outputs = Object.fromEntries(def.computedKeys.map((k) => [k, undefined]));
    // The hidden owner names this resource to the provider, whose create gets no URN: its
    // journal finds what an interrupted create of this very resource placed.
    const owner = `${pulumi.getProject()}/${pulumi.getStack()}/${def.kind}/${name}`;
    super(providerFor(def.kind), name, { ...outputs, ...args, [OWNER_KEY]: owner }, opts, MODULE, def.kind);
  }
}
