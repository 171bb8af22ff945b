// What the serialized provider loads by package name inside the dynamic-provider host
// (or the program's process): the implementations, one shared context per process.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { ProviderContext, type ConfigSource } from "./context";
import { stderrLogger } from "./log";
import { resourceProviders } from "./providers";
import type { ResourceKind } from "./kinds";
import type { HostModule, SerializedProvider } from "./stub";
import { UnknownKindError } from "./errors";

export const context = new ProviderContext(stderrLogger);

const providers: Record<ResourceKind, dynamic.ResourceProvider> = resourceProviders(context, stderrLogger);

// provider() and configure() are what serialized providers of earlier releases call;
// stacks hold those in state until their resources are next written.
export function provider(kind: ResourceKind): dynamic.ResourceProvider {
  return providers[kind];
}

export function configure(config: ConfigSource): void {
  context.configure(config);
}

const METHODS = ["check", "diff", "create", "read", "update", "delete"] as const;

/**
 * What a deserialized provider's `configure` calls: puts the kind's methods on the
 * object the host will call, then configures the shared context. Synchronous, so
 * the methods are in place before the host can serve another call.
 */
export const install: HostModule["install"] = (target: SerializedProvider, config: ConfigSource): void => {
  const impl = providers[target.kind] as Required<dynamic.ResourceProvider> | undefined;
  if (impl === undefined) throw new UnknownKindError(target.kind);
  const methods: Partial<Record<(typeof METHODS)[number], unknown>> = {};
  for (const m of METHODS) methods[m] = impl[m].bind(impl);
  Object.assign(target, methods);
  context.configure(config);
};
