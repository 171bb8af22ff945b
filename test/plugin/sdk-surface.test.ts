// What the native plugin's gRPC server (provider/plugin/server.ts) relies on in the
// @pulumi/pulumi it runs with: the generated protobuf code of the ResourceProvider
// service and its messages, google-protobuf's Struct and @grpc/grpc-js. None of it is the
// SDK's documented API; this test fails when an SDK release moves or renames any of it,
// before a user's engine would (docs/dev/native-plugin.md).
import * as grpc from "@grpc/grpc-js";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { RUNTIME } from "../../provider/serving/plugin/construct";
import { handlers } from "../../provider/serving/plugin/server";
import { NativeProvider } from "../../provider/serving/plugin/serving";
import { MemoryLogger } from "../../provider/kit/runtime/log";

/** Every message method server.ts calls, by message. */
const MESSAGES: Record<string, readonly string[]> = {
  GetSchemaRequest: ["getVersion"],
  GetSchemaResponse: ["setSchema"],
  CheckRequest: ["getType", "getUrn", "getOlds", "getNews"],
  CheckResponse: ["setInputs", "setFailuresList"],
  CheckFailure: ["setProperty", "setReason"],
  DiffRequest: ["getType", "getUrn", "getId", "getOlds", "getNews"],
  DiffResponse: ["setChanges", "setReplacesList", "setDiffsList", "setDeletebeforereplace"],
  ConfigureRequest: ["getArgs", "getVariablesMap"],
  ConfigureResponse: ["setAcceptsecrets", "setAcceptresources", "setAcceptoutputs", "setSupportspreview"],
  CreateRequest: ["getType", "getUrn", "getProperties"],
  CreateResponse: ["setId", "setProperties"],
  ReadRequest: ["getType", "getUrn", "getId", "getProperties", "getInputs"],
  ReadResponse: ["setId", "setProperties", "setInputs"],
  UpdateRequest: ["getType", "getUrn", "getId", "getOlds", "getNews"],
  UpdateResponse: ["setProperties"],
  DeleteRequest: ["getType", "getUrn", "getId", "getProperties"],
  InvokeRequest: ["getTok", "getArgs"],
  InvokeResponse: ["setReturn"],
  ConstructRequest: [
    "getType", "getName", "getProject", "getStack", "getParallel", "getMonitorendpoint", "getDryrun", "getOrganization", "getConfigMap",
    "getConfigsecretkeysList", "getInputs", "getInputdependenciesMap", "getProvidersMap", "getAliasesList", "getParent", "getDependenciesList",
    "getProtect", "getIgnorechangesList", "getReplaceonchangesList", "getRetainondelete",
  ],
  ConstructResponse: ["setUrn", "setState", "getStatedependenciesMap"],
};

test.each(Object.entries(MESSAGES))("provider_pb's %s has the accessors the server calls", (name, methods) => {
  const cls = (provproto as unknown as Record<string, { prototype: Record<string, unknown> } | undefined>)[name];
  expect(cls).toBeDefined();
  expect(methods.filter((m) => typeof cls!.prototype[m] !== "function")).toEqual([]);
});

test("DiffResponse's change kinds keep their names", () => {
  expect(provproto.DiffResponse.DiffChanges.DIFF_NONE).toBeDefined();
  expect(provproto.DiffResponse.DiffChanges.DIFF_SOME).toBeDefined();
  expect(typeof plugproto.PluginInfo.prototype.setVersion).toBe("function");
});

test("every handler the server registers is a method of the service, at the path the engine calls", () => {
  const service = provrpc.ResourceProviderService as unknown as Record<string, { path: string }>;
  const h = handlers(new NativeProvider("0.0.0", new MemoryLogger()), () => "{}");
  for (const name of Object.keys(h)) {
    expect(service[name]).toBeDefined();
    expect(service[name]!.path).toBe(`/pulumirpc.ResourceProvider/${name[0]!.toUpperCase()}${name.slice(1)}`);
  }
  expect(Object.keys(h).sort()).toEqual(
    ["attach", "cancel", "check", "checkConfig", "configure", "construct", "create", "delete", "diff", "diffConfig", "getPluginInfo", "getSchema", "invoke", "read", "update"].sort(),
  );
});

test("google-protobuf's Struct converts the engine's property bags both ways, secrets' signature included", () => {
  const bag = { a: 1, b: "x", c: [true, null], d: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "s" } };
  const back = structproto.Struct.deserializeBinary(structproto.Struct.fromJavaScript(bag).serializeBinary()).toJavaScript();
  expect(back).toEqual(bag);
});

test("@grpc/grpc-js serves the service the server adds (bind on loopback, then shut down)", async () => {
  const server = new grpc.Server();
  server.addService(provrpc.ResourceProviderService, handlers(new NativeProvider("0.0.0", new MemoryLogger()), () => "{}"));
  const port = await new Promise<number>((resolve, reject) => server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
  expect(port).toBeGreaterThan(0);
  const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const req = new provproto.GetSchemaRequest();
  const schema = await new Promise<string>((resolve, reject) => client.getSchema(req, (e, r) => (e ? reject(e) : resolve(r.getSchema()))));
  expect(schema).toBe("{}");
  client.close();
  await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
});

test("the SDK's runtime functions Construct calls are there, as functions (provider/serving/plugin/construct.ts)", () => {
  const used: Record<keyof typeof RUNTIME, readonly string[]> = {
    settings: ["resetOptions", "awaitFeatureSupport", "waitForRPCs"],
    state: ["withLocalStorage"],
    config: ["setAllConfig"],
    rpc: ["serializeResourceProperties"],
    server: ["deserializeInputs"],
  };
  const missing = (Object.keys(used) as (keyof typeof RUNTIME)[]).flatMap((m) =>
    used[m].filter((fn) => typeof (RUNTIME[m] as unknown as Record<string, unknown>)[fn] !== "function").map((fn) => `${m}.${fn}`),
  );
  expect(missing).toEqual([]);
});
