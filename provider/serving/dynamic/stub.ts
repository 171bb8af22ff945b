// The part of each resource that is serialized into the stack's state. It holds no
// code of the provider and no configuration: it loads the implementation by package
// name in the process that runs it, so state stays small, carries no secret, and
// upgrading the package upgrades existing resources (see README).
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { ResourceKind } from "../registry";

export const HOST_MODULE = "pulumi-digicert/bin/provider/resources/host";

/** What 0.1.0's serialized providers hold and hand to `install`. */
export type SerializedProvider = Required<dynamic.ResourceProvider> & { readonly kind: ResourceKind };

/** What serialized providers call in the module they load (host.ts, which implements it). Every export stays: state holds callers of each. */
export interface HostModule {
  /** Called by this release's serialized providers (`serializedProvider`). */
  serve(kind: ResourceKind): dynamic.ResourceProvider;
  /** Called by 0.1.0's: puts the kind's methods on the deserialized object, then configures. */
  install(target: SerializedProvider, config: dynamic.ConfigureRequest["config"]): void;
}

/**
 * The text of `__provider`: the module the dynamic-provider host loads (with
 * require-from-string) and whose `handler()` gives it the provider. One line that
 * requires the implementation by package name, about 100 bytes, where Pulumi's closure
 * serializer wrote about 950 for the smallest object that does the same. It is in every
 * resource's state twice (inputs and outputs), and the engine rewrites the whole state
 * after each step, so its size is time in every `up` and `destroy` (docs/benchmarks.md).
 * The host configures what `handler()` returns before its first other call.
 */
export function serializedProvider(kind: ResourceKind, hostModule: string = HOST_MODULE): string {
  return `exports.handler = () => require(${JSON.stringify(hostModule)}).serve(${JSON.stringify(kind)});\n`;
}
