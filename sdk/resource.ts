// What every resource class of the SDK registers: its kind as a dynamic resource, with a
// placeholder for each output so the engine's outputs land on the object.
import * as pulumi from "@pulumi/pulumi";
import { serializedProvider } from "../provider/serving/dynamic/stub";
import { MODULE, type ResourceKind } from "../provider/serving/registry";
import { OWNER_KEY, PROVIDER_KEY } from "../provider/kit/inputs/check";

export interface SdkKind {
  readonly kind: ResourceKind;
  readonly computedKeys: readonly string[];
}

/** The type the engine knows the kind by: `pulumi-nodejs:dynamic/digicert:<Kind>`. */
export function dynamicType(def: SdkKind): string {
  return `pulumi-nodejs:dynamic/${MODULE}:${def.kind}`;
}

/**
 * The properties a kind's class registers: registered exactly as `pulumi.dynamic.Resource`
 * registers (served by the engine's Node.js dynamic-provider host, which loads
 * `__provider`), but with `__provider` written by `serializedProvider` instead of Pulumi's
 * closure serializer: 100 bytes instead of 950, twice in each resource's state. Stacks of
 * earlier releases see no change of type or URN.
 *
 * Each class extends `pulumi.CustomResource` itself and passes these to `super`: the
 * engine records as the resource's source position the frame four calls above Pulumi's
 * `Resource` constructor, which is the program's line only when no base class of ours
 * sits in between.
 */
export function registeredProps(def: SdkKind, name: string, args: object): pulumi.Inputs {
  // An output the program did not declare gets an Output only if its key is among the
  // registered properties; `undefined` asks the engine for it.
  const outputs = Object.fromEntries(def.computedKeys.map((k) => [k, undefined]));
  // The hidden owner names this resource to the provider, whose create gets no URN: its
  // journal finds what an interrupted create of this very resource placed.
  const owner = `${pulumi.getProject()}/${pulumi.getStack()}/${def.kind}/${name}`;
  return { ...outputs, ...args, [OWNER_KEY]: owner, [PROVIDER_KEY]: serializedProvider(def.kind) };
}
