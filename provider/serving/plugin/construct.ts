// Construct: the plugin builds a component (ClientCertificate) for a program in another
// language (Pulumi YAML, a generated SDK). The plugin's process then acts as a Pulumi
// program against the engine's resource monitor: it registers the component and its
// children there, and answers with the component's URN and outputs.
//
// This does what @pulumi/pulumi's own provider server does in its `construct`
// (provider/server.js, 3.248.0), with the same runtime functions: settings reset from the
// request in an async-local store of its own, the stack's config set, the inputs
// deserialized with their dependencies, the outputs serialized, and the RPCs the
// component started awaited before the answer. That server's class is not exported,
// and its other methods are not ours (server.ts says why), so its construct is followed
// here rather than called. The runtime functions are the SDK's internals:
// test/plugin/sdk-surface.test.ts fails when a release moves them.
import * as pulumi from "@pulumi/pulumi";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import type * as jspb from "google-protobuf";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { CLIENT_CERTIFICATE_OUTPUTS, CLIENT_CERTIFICATE_TYPE, ClientCertificateComponent, type ClientCertificateArgs } from "../../components/client-certificate/component";
import { nativeChildren } from "./construct-children";
import { UnknownTokenError } from "./serving";

/** The SDK's runtime functions Construct needs, as its JavaScript exports them (their .d.ts marks some internal). */
export interface PulumiRuntime {
  settings: {
    resetOptions(project: string, stack: string, parallel: number, engineAddr: string, monitorAddr: string, preview: boolean, organization: string): void;
    awaitFeatureSupport(): Promise<void>;
    waitForRPCs(): Promise<void>;
  };
  state: { withLocalStorage<T>(callback: () => Promise<T>): Promise<T> };
  config: { setAllConfig(c: Record<string, string>, secretKeys?: string[]): void };
  rpc: { serializeResourceProperties(label: string, props: pulumi.Inputs): Promise<[Record<string, unknown>, Map<string, Set<pulumi.Resource>>]> };
  server: {
    deserializeInputs(inputs: structproto.Struct | undefined, deps: jspb.Map<string, provproto.ConstructRequest.PropertyDependencies>): Promise<pulumi.Inputs>;
  };
}

/* eslint-disable @typescript-eslint/no-require-imports */
export const RUNTIME: PulumiRuntime = {
  settings: require("@pulumi/pulumi/runtime/settings") as PulumiRuntime["settings"],
  state: require("@pulumi/pulumi/runtime/state") as PulumiRuntime["state"],
  config: require("@pulumi/pulumi/runtime/config") as PulumiRuntime["config"],
  rpc: require("@pulumi/pulumi/runtime/rpc") as PulumiRuntime["rpc"],
  server: require("@pulumi/pulumi/provider/server") as PulumiRuntime["server"],
};

interface Built {
  readonly resource: pulumi.ComponentResource;
  readonly outputs: pulumi.Inputs;
}

/** The components the plugin constructs, by type token: the SDK's classes, with the plugin's own resource types as children. */
const COMPONENTS: Record<string, (name: string, inputs: pulumi.Inputs, opts: pulumi.ComponentResourceOptions) => Built> = {
  [CLIENT_CERTIFICATE_TYPE]: (name, inputs, opts) => {
    const c = new ClientCertificateComponent(name, inputs as ClientCertificateArgs, opts, nativeChildren);
    return { resource: c, outputs: Object.fromEntries(CLIENT_CERTIFICATE_OUTPUTS.map((k) => [k, c[k]])) };
  },
};

export const COMPONENT_TOKENS: readonly string[] = Object.keys(COMPONENTS);

/** A value with no null in it, at any depth: a null property or element is dropped. */
function dropNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => x !== null).map(dropNulls);
  if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, dropNulls(x)]));
  return v;
}

/**
 * The inputs without nulls. A null is an absent value to the component (Pulumi YAML passes
 * one for another resource's output that has no value), and @pulumi/pulumi 3.248.0's
 * deserializeInputs throws on a null inside an input that has dependencies
 * (`containsOutputs` calls Object.keys on it: "Cannot convert undefined or null to object").
 */
function withoutNulls(inputs: structproto.Struct | undefined): structproto.Struct | undefined {
  return inputs === undefined ? undefined : structproto.Struct.fromJavaScript(dropNulls(inputs.toJavaScript()) as Record<string, structproto.JavaScriptValue>);
}

/** A resource's URN, always known (also at preview). */
const urnOf = (r: pulumi.Resource): Promise<string> => new Promise((resolve) => r.urn.apply(resolve));

/** The component's options from the request: its parent, dependencies, providers, protect, aliases. */
function optionsOf(req: provproto.ConstructRequest): pulumi.ComponentResourceOptions {
  const providers: Record<string, pulumi.ProviderResource> = {};
  for (const [pkg, ref] of req.getProvidersMap().entries()) providers[pkg] = new pulumi.DependencyProviderResource(ref);
  const aliases = req.getAliasesList().flatMap((a) => (a.hasUrn() ? [a.getUrn()] : []));
  return {
    ...(req.getParent() !== "" ? { parent: new pulumi.DependencyResource(req.getParent()) } : {}),
    dependsOn: req.getDependenciesList().map((urn) => new pulumi.DependencyResource(urn)),
    providers,
    protect: req.getProtect(),
    aliases,
    ignoreChanges: req.getIgnorechangesList(),
    replaceOnChanges: req.getReplaceonchangesList(),
    retainOnDelete: req.getRetainondelete(),
  };
}

/**
 * The Constructs being served, each as the way to fail it. A component's Output that
 * fails (an input known only at run time that its check refuses) also rejects promises
 * the SDK holds and nobody awaits: unhandled, they would end the process, and with it
 * every call it serves. While a Construct runs, such a failure fails it (as
 * @pulumi/pulumi's own server does); with none running, the process ends as before.
 */
const inFlight = new Set<(err: unknown) => void>();
let watching = false;

function watchUncaught(): void {
  if (watching) return;
  watching = true;
  const fail = (err: unknown): void => {
    if (inFlight.size === 0) {
      process.stderr.write(`pulumi-resource-digicert: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    }
    for (const f of inFlight) f(err);
  };
  process.on("uncaughtException", fail);
  process.on("unhandledRejection", fail);
}

/** Builds the component the request names against the engine's monitor; answers its URN and outputs once every registration is done. */
export async function construct(req: provproto.ConstructRequest, engineAddress: string | undefined, runtime: PulumiRuntime = RUNTIME): Promise<provproto.ConstructResponse> {
  const build = COMPONENTS[req.getType()];
  if (build === undefined) throw new UnknownTokenError(`digicert: unknown component type ${req.getType()}; this plugin constructs ${COMPONENT_TOKENS.join(", ")}`);
  if (engineAddress === undefined) throw new Error("digicert: Construct needs the engine's address, which the engine passes when it starts the plugin");
  watchUncaught();
  let failed: (err: unknown) => void = () => {};
  const failure = new Promise<never>((_, reject) => (failed = reject));
  inFlight.add(failed);
  try {
    return await Promise.race([failure, built(req, build, engineAddress, runtime)]);
  } finally {
    inFlight.delete(failed);
  }
}

function built(
  req: provproto.ConstructRequest,
  build: (name: string, inputs: pulumi.Inputs, opts: pulumi.ComponentResourceOptions) => Built,
  engineAddress: string,
  runtime: PulumiRuntime,
): Promise<provproto.ConstructResponse> {
  // Settings are the SDK's globals: each Construct gets a store of its own.
  return runtime.state.withLocalStorage(async () => {
    const { settings } = runtime;
    settings.resetOptions(req.getProject(), req.getStack(), req.getParallel(), engineAddress, req.getMonitorendpoint(), req.getDryrun(), req.getOrganization());
    await settings.awaitFeatureSupport();
    runtime.config.setAllConfig(Object.fromEntries(req.getConfigMap().entries()), req.getConfigsecretkeysList());
    const inputs = await runtime.server.deserializeInputs(withoutNulls(req.getInputs()), req.getInputdependenciesMap());
    const built = build(req.getName(), inputs, optionsOf(req));

    const resp = new provproto.ConstructResponse();
    resp.setUrn(await urnOf(built.resource));
    const [state, dependencies] = await runtime.rpc.serializeResourceProperties(`construct(${req.getType()}, ${req.getName()})`, built.outputs);
    const depsMap = resp.getStatedependenciesMap();
    for (const [key, resources] of dependencies) {
      const deps = new provproto.ConstructResponse.PropertyDependencies();
      deps.setUrnsList(await Promise.all([...resources].map(urnOf)));
      depsMap.set(key, deps);
    }
    resp.setState(structproto.Struct.fromJavaScript(state as Record<string, structproto.JavaScriptValue>));
    await settings.waitForRPCs();
    return resp;
  });
}
