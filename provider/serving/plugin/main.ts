#!/usr/bin/env node
// pulumi-resource-digicert: the package's resources and function served as a native
// Pulumi plugin (docs/native-plugin.md). The engine starts it with its own address as
// the argument and reads the port it prints.
import { stderrLogger } from "../../kit/runtime/log";
import { packageVersion, schemaText } from "./package-files";
import { serve } from "./server";
import { NativeProvider } from "./serving";

let schema: string | undefined;
serve(new NativeProvider(packageVersion(), stderrLogger), () => (schema ??= schemaText())).catch((err: unknown) => {
  process.stderr.write(`pulumi-resource-digicert: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
