// The part of each resource that is serialized into the stack's state. It holds no
// code of the provider and no configuration: it loads the implementation by package
// name in the process that runs it, so state stays small, carries no secret, and
// upgrading the package upgrades existing resources (see README).
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { ResourceKind } from "./kinds";

export const HOST_MODULE = "pulumi-digicert/bin/provider/resources/host";

export type SerializedProvider = Required<dynamic.ResourceProvider> & { readonly kind: ResourceKind };

/** What the serialized provider calls in the module it loads (host.ts, which implements it). */
export interface HostModule {
  install(target: SerializedProvider, config: dynamic.ConfigureRequest["config"]): void;
}

/**
 * The host deserializes this object once per process and calls `configure` before any
 * other method (synchronously enough that no other call can see it half done), so
 * `configure` installs the kind's methods on the object. The closure serializer writes
 * each distinct function out in full, about 200 bytes of wrapper each, into every
 * resource's state twice (inputs and outputs): one function standing for all seven
 * makes this about 0.9 KB, against 2.3 KB for a forwarding function per method.
 */
export function serializableProvider(kind: ResourceKind, hostModule: string = HOST_MODULE): SerializedProvider {
  // Its text goes into state as it is, comments too: they stay out here. Called as a
  // method before configure (by a host that never calls configure), it fails loudly,
  // because the host takes a missing read, update or delete for nothing to do.
  async function configure(this: SerializedProvider, req: dynamic.ConfigureRequest): Promise<void> {
    if (typeof req?.config?.get !== "function") throw new Error("pulumi-digicert: called before configure; its host must call configure first");
    (require(hostModule) as HostModule).install(this, req.config);
  }
  // The same function under every method name; `configure` replaces all but itself.
  const beforeConfigure = configure as unknown as never;
  return {
    kind,
    configure,
    check: beforeConfigure,
    diff: beforeConfigure,
    create: beforeConfigure,
    read: beforeConfigure,
    update: beforeConfigure,
    delete: beforeConfigure,
  };
}

const memo = new Map<ResourceKind, SerializedProvider>();

/**
 * One provider object per kind: the SDK's dynamic.Resource caches serialization by
 * object identity, so a stack of many resources serializes each kind once, not per resource.
 */
export function providerFor(kind: ResourceKind): SerializedProvider {
  let p = memo.get(kind);
  if (!p) {
    p = serializableProvider(kind);
    memo.set(kind, p);
  }
  return p;
}
