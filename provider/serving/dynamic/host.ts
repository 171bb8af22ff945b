// What the serialized provider loads by package name inside the dynamic-provider host
// (or the program's process): the implementations, one shared context per process.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { ProviderContext, type ConfigSource } from "../../kit/runtime/context";
import { stderrLogger } from "../../kit/runtime/log";
import { resourceProviders, type ResourceKind } from "../registry";
import type { HostModule, SerializedProvider } from "./stub";
import { UnknownKindError } from "../../kit/runtime/errors";
import { failuresForEngine } from "../../kit/inputs/engine-failures";

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

/** The kind's methods, bound to its implementation. */
function methodsOf(kind: ResourceKind): Pick<Required<dynamic.ResourceProvider>, "check" | "diff" | "create" | "read" | "update" | "delete"> {
  const impl = providers[kind] as Required<dynamic.ResourceProvider> | undefined;
  if (impl === undefined) throw new UnknownKindError(kind);
  // Failures go to the engine filed so that it prints no `value {<nil>}` (kit/inputs/engine-failures.ts).
  const check = async (olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.CheckResult> => {
    const r = await impl.check(olds, news);
    return r.failures === undefined ? r : { ...r, failures: failuresForEngine(r.failures, r.inputs ?? news) };
  };
  return { check, diff: impl.diff.bind(impl), create: impl.create.bind(impl), read: impl.read.bind(impl), update: impl.update.bind(impl), delete: impl.delete.bind(impl) };
}

/**
 * What this release's serialized provider hands the dynamic-provider host: the kind's
 * methods, and `configure`, which the host calls first, with the stack's config.
 */
export const serve: HostModule["serve"] = (kind: ResourceKind): dynamic.ResourceProvider => ({
  ...methodsOf(kind),
  configure: async (req: dynamic.ConfigureRequest) => context.configure(req.config),
});

/**
 * What 0.1.0's deserialized provider's `configure` calls: puts the kind's methods on the
 * object the host will call, then configures the shared context. Synchronous, so
 * the methods are in place before the host can serve another call.
 */
export const install: HostModule["install"] = (target: SerializedProvider, config: ConfigSource): void => {
  Object.assign(target, methodsOf(target.kind));
  context.configure(config);
};
