// The part of each resource that is serialized into the stack's state. It holds no
// code of the provider and no configuration: every method loads the implementation
// by package name in the process that runs it, so state stays small, carries no
// secret, and upgrading the package upgrades existing resources (see README).
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { ResourceKind } from "./kinds";

export const HOST_MODULE = "pulumi-digicert/bin/provider/resources/host";

type Host = typeof import("./host");

export function serializableProvider(kind: ResourceKind, hostModule: string = HOST_MODULE): Required<dynamic.ResourceProvider> {
  const impl = () => (require(hostModule) as Host).provider(kind) as Required<dynamic.ResourceProvider>;
  return {
    configure: async (req) => (require(hostModule) as Host).configure(req.config),
    check: (olds, news) => impl().check(olds, news),
    diff: (id, olds, news) => impl().diff(id, olds, news),
    create: (inputs) => impl().create(inputs),
    read: (id, props) => impl().read(id, props),
    update: (id, olds, news) => impl().update(id, olds, news),
    delete: (id, props) => impl().delete(id, props),
  };
}

const memo = new Map<ResourceKind, Required<dynamic.ResourceProvider>>();

/**
 * One provider object per kind: the SDK's dynamic.Resource caches serialization by
 * object identity, so a stack of many resources serializes each kind once, not per resource.
 */
export function providerFor(kind: ResourceKind): Required<dynamic.ResourceProvider> {
  let p = memo.get(kind);
  if (!p) {
    p = serializableProvider(kind);
    memo.set(kind, p);
  }
  return p;
}
