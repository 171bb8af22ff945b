// Where the native plugin's messages go: the engine's log service (the Engine gRPC
// service's Log, at the address the engine passes the plugin as its argument), each at
// its severity and attached to the resource whose call it was said in, so `pulumi up`
// shows it on that resource's line without --debug. The engine shows a plugin's stderr
// only with --debug; stderr is kept for the plugin's own failures (and for a plugin run
// by hand, with no engine).
import { AsyncLocalStorage } from "async_hooks";
import * as grpc from "@grpc/grpc-js";
import * as enginerpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineproto from "@pulumi/pulumi/proto/engine_pb";
import type { Logger } from "../../kit/runtime/log";

/** The URN of the engine's call being served, for every await beneath it. */
const callUrn = new AsyncLocalStorage<string>();

/** Runs `work` as part of the engine's call about `urn`: what it logs is attached to that resource. */
export function forResource<T>(urn: string, work: () => Promise<T>): Promise<T> {
  return callUrn.run(urn, work);
}

/** The URN of the call being served ("" outside one: the engine attaches the message to the stack). */
export function currentUrn(): string {
  return callUrn.getStore() ?? "";
}

type Severity = engineproto.LogSeverity;

export class EngineLogger implements Logger {
  private readonly client: enginerpc.EngineClient;
  private readonly pending = new Set<Promise<void>>();

  constructor(engineAddress: string) {
    this.client = new enginerpc.EngineClient(engineAddress, grpc.credentials.createInsecure());
  }

  info(message: string): void {
    this.send(engineproto.LogSeverity.INFO, message);
  }
  warn(message: string): void {
    this.send(engineproto.LogSeverity.WARNING, message);
  }
  error(message: string): void {
    this.send(engineproto.LogSeverity.ERROR, message);
  }

  /** Resolves when every message sent so far has reached the engine (or failed to). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  close(): void {
    this.client.close();
  }

  private send(severity: Severity, message: string): void {
    const req = new engineproto.LogRequest();
    req.setSeverity(severity);
    req.setMessage(message);
    req.setUrn(currentUrn());
    const sent = new Promise<void>((resolve) => {
      this.client.log(req, (err) => {
        // The engine did not take it: the one place left to say it is stderr.
        if (err !== null) process.stderr.write(`digicert: ${severityName(severity)}${message} (the engine's log refused it: ${err.message})\n`);
        resolve();
      });
    });
    this.pending.add(sent);
    void sent.then(() => this.pending.delete(sent));
  }
}

function severityName(s: Severity): string {
  return s === engineproto.LogSeverity.WARNING ? "warning: " : s === engineproto.LogSeverity.ERROR ? "error: " : "";
}
