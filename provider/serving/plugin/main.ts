#!/usr/bin/env node
// pulumi-resource-digicert: the package's resources and function served as a native
// Pulumi plugin (docs/native-plugin.md). The engine starts it with its own address as
// the argument and reads the port it prints; what the provider says goes to the
// engine's log at that address (engine-log.ts). Run by hand, with no address, it says
// it on stderr.
import { stderrLogger } from "../../kit/runtime/log";
import { EngineLogger } from "./engine-log";
import { packageVersion, schemaText } from "./package-files";
import { serve } from "./server";
import { NativeProvider } from "./serving";

// The engine may put flags (--logtostderr, -v=9, --tracing ...) before its address.
const engineAddress = process.argv.slice(2).filter((a) => !a.startsWith("-")).pop();
const log = engineAddress !== undefined ? new EngineLogger(engineAddress) : undefined;

let schema: string | undefined;
serve(new NativeProvider(packageVersion(), log ?? stderrLogger), () => (schema ??= schemaText()), log && (() => log.flush()), engineAddress).catch((err: unknown) => {
  process.stderr.write(`pulumi-resource-digicert: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
