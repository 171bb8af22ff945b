// The environment of every Pulumi CLI run by the tests and the benchmark: the engine
// built into .tools/bin, its home inside the project, nothing fetched from the network.
import * as path from "node:path";

export interface Backend {
  /** A local file backend's folder. */
  readonly dir: string;
  readonly passphrase: string;
}

export function engineEnv(root: string, backend?: Backend): Record<string, string> {
  return {
    PATH: `${path.join(root, ".tools/bin")}${path.delimiter}${process.env["PATH"] ?? ""}`,
    PULUMI_HOME: path.join(root, ".tools/pulumi-home"),
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    ...(backend ? { PULUMI_BACKEND_URL: `file://${backend.dir}`, PULUMI_CONFIG_PASSPHRASE: backend.passphrase } : {}),
  };
}
