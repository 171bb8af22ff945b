// The network boundary of the native plugin: Pulumi's ResourceProvider gRPC service,
// served with the protobuf code generated for it that ships inside @pulumi/pulumi
// (`@pulumi/pulumi/proto/*`) and @grpc/grpc-js, which the SDK depends on. Each message
// becomes a call of serving.ts with plain property bags (google.protobuf.Struct to and
// from JS); nothing else happens here.
//
// Why not `@pulumi/pulumi/provider`'s `main`: in 3.248.0 its Configure ignores the
// request (an explicit provider's arguments are lost), CheckConfig and DiffConfig are
// unimplemented, an import's Read (no properties) crashes it, and it accepts secrets but
// hands them to the provider wrapped. What this file relies on instead is the
// generated code's names (docs/dev/native-plugin.md); test/plugin/sdk-surface.test.ts
// fails when an SDK release changes them.
import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import type { CheckFailure } from "../../kit/runtime/errors";
import type { Bag } from "./wire";
import { construct } from "./construct";
import { forResource } from "./engine-log";
import { NativeProvider } from "./serving";

type Unary<Req, Res> = (call: grpc.ServerUnaryCall<Req, Res>, callback: grpc.sendUnaryData<Res>) => void;

const toBag = (s: structproto.Struct | undefined): Bag => (s === undefined ? {} : (s.toJavaScript() as Bag));
const toStruct = (b: Bag): structproto.Struct => structproto.Struct.fromJavaScript(b as Record<string, structproto.JavaScriptValue>);

function failureList(failures: readonly CheckFailure[]): provproto.CheckFailure[] {
  return failures.map((f) => {
    const m = new provproto.CheckFailure();
    m.setProperty(f.property);
    m.setReason(f.reason);
    return m;
  });
}

/** An error as the engine shows it: the message only (the provider's messages never hold the key). */
function grpcError(err: unknown): Partial<grpc.StatusObject> {
  const message = err instanceof Error ? err.message : String(err);
  return { code: grpc.status.UNKNOWN, details: message };
}

/** Waits until what a call logged has reached the engine, before the call is answered. */
export type Flush = () => Promise<void>;

/**
 * A handler that answers with `work`'s result, or with its error. A request naming a
 * resource (`getUrn`) is served as that resource's call: what it logs is attached to it,
 * and has reached the engine before the answer does (the engine may end the plugin then).
 */
function served<Req, Res>(work: (req: Req) => Promise<Res> | Res, flush: Flush): Unary<Req, Res> {
  return (call, callback) => {
    const req = call.request as Req & { getUrn?: () => string };
    const urn = typeof req.getUrn === "function" ? req.getUrn() : "";
    const answer = forResource(urn, async () => {
      try {
        return await work(req);
      } finally {
        await flush();
      }
    });
    answer.then(
      (res) => callback(null, res),
      (err: unknown) => callback(grpcError(err), null),
    );
  };
}

function diffResponse(r: { changes: boolean; replaces: readonly string[]; diffs: readonly string[]; deleteBeforeReplace: boolean }): provproto.DiffResponse {
  const resp = new provproto.DiffResponse();
  resp.setChanges(r.changes ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE);
  resp.setReplacesList([...r.replaces]);
  resp.setDiffsList([...r.diffs]);
  resp.setDeletebeforereplace(r.deleteBeforeReplace);
  return resp;
}

/**
 * The service's handlers; the methods not here (Call, Parameterize, ...) answer
 * UNIMPLEMENTED. Construct needs the engine's address (the plugin's argument): without
 * it, it answers that it cannot.
 */
export function handlers(p: NativeProvider, schema: () => string, flush: Flush = async () => {}, engineAddress?: string): grpc.UntypedServiceImplementation {
  const unary = <Req, Res>(work: (req: Req) => Promise<Res> | Res): Unary<Req, Res> => served(work, flush);
  const h: Partial<provrpc.IResourceProviderServer> = {
    getPluginInfo: unary<emptyproto.Empty, plugproto.PluginInfo>(() => {
      const info = new plugproto.PluginInfo();
      info.setVersion(p.version);
      return info;
    }),
    getSchema: unary<provproto.GetSchemaRequest, provproto.GetSchemaResponse>((req) => {
      if (req.getVersion() !== 0) throw new Error(`unsupported schema version ${req.getVersion()}`);
      const resp = new provproto.GetSchemaResponse();
      resp.setSchema(schema());
      return resp;
    }),
    checkConfig: unary<provproto.CheckRequest, provproto.CheckResponse>((req) => {
      const r = p.checkConfig(toBag(req.getNews()));
      const resp = new provproto.CheckResponse();
      resp.setInputs(toStruct(r.inputs));
      resp.setFailuresList(failureList(r.failures));
      return resp;
    }),
    diffConfig: unary<provproto.DiffRequest, provproto.DiffResponse>((req) => diffResponse(p.diffConfig(toBag(req.getOlds()), toBag(req.getNews())))),
    configure: unary<provproto.ConfigureRequest, provproto.ConfigureResponse>((req) => {
      const args = req.getArgs();
      // Engines older than structured arguments send `digicert:config:<name>` variables.
      const bag: Bag =
        args !== undefined
          ? toBag(args)
          : Object.fromEntries(req.getVariablesMap().getEntryList().map(([k, v]) => [k.replace(/^digicert:(config:)?/, ""), v]));
      p.configure(bag);
      const resp = new provproto.ConfigureResponse();
      // Secrets arrive wrapped and are kept secrets (wire.ts); no resource references,
      // no output values; no Create/Update at preview (it would place orders).
      resp.setAcceptsecrets(true);
      resp.setAcceptresources(false);
      resp.setAcceptoutputs(false);
      resp.setSupportspreview(false);
      return resp;
    }),
    check: unary<provproto.CheckRequest, provproto.CheckResponse>(async (req) => {
      const r = await p.check(req.getType(), req.getUrn(), toBag(req.getOlds()), toBag(req.getNews()));
      const resp = new provproto.CheckResponse();
      resp.setInputs(toStruct(r.inputs));
      resp.setFailuresList(failureList(r.failures));
      return resp;
    }),
    diff: unary<provproto.DiffRequest, provproto.DiffResponse>(async (req) =>
      diffResponse(await p.diff(req.getType(), req.getUrn(), req.getId(), toBag(req.getOlds()), toBag(req.getNews()))),
    ),
    create: unary<provproto.CreateRequest, provproto.CreateResponse>(async (req) => {
      const r = await p.create(req.getType(), req.getUrn(), toBag(req.getProperties()));
      const resp = new provproto.CreateResponse();
      resp.setId(r.id);
      resp.setProperties(toStruct(r.outs));
      return resp;
    }),
    read: unary<provproto.ReadRequest, provproto.ReadResponse>(async (req) => {
      const r = await p.read(req.getType(), req.getUrn(), req.getId(), toBag(req.getProperties()), toBag(req.getInputs()));
      const resp = new provproto.ReadResponse();
      resp.setId(r.id);
      if (r.id !== "") resp.setProperties(toStruct(r.props));
      if (r.inputs !== undefined) resp.setInputs(toStruct(r.inputs));
      return resp;
    }),
    update: unary<provproto.UpdateRequest, provproto.UpdateResponse>(async (req) => {
      const outs = await p.update(req.getType(), req.getUrn(), req.getId(), toBag(req.getOlds()), toBag(req.getNews()));
      const resp = new provproto.UpdateResponse();
      resp.setProperties(toStruct(outs));
      return resp;
    }),
    delete: unary<provproto.DeleteRequest, emptyproto.Empty>(async (req) => {
      await p.delete(req.getType(), req.getUrn(), req.getId(), toBag(req.getProperties()));
      return new emptyproto.Empty();
    }),
    invoke: unary<provproto.InvokeRequest, provproto.InvokeResponse>(async (req) => {
      const result = await p.invoke(req.getTok(), toBag(req.getArgs()));
      const resp = new provproto.InvokeResponse();
      resp.setReturn(toStruct(result));
      return resp;
    }),
    // The component's own registrations go to the engine's monitor; the answer waits for them.
    construct: unary<provproto.ConstructRequest, provproto.ConstructResponse>((req) => construct(req, engineAddress)),
    cancel: unary<emptyproto.Empty, emptyproto.Empty>(() => new emptyproto.Empty()),
    attach: unary<plugproto.PluginAttach, emptyproto.Empty>(() => new emptyproto.Empty()),
  };
  return h as grpc.UntypedServiceImplementation;
}

/**
 * Serves on a loopback port and prints it on stdout, the one line the engine reads
 * from a plugin; what the provider says goes to the engine's log (engine-log.ts).
 */
export async function serve(p: NativeProvider, schema: () => string, flush?: Flush, engineAddress?: string): Promise<grpc.Server> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(provrpc.ResourceProviderService, handlers(p, schema, flush, engineAddress));
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve(bound)));
  });
  process.stdout.write(`${port}\n`);
  return server;
}
