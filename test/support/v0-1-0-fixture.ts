// The stack release 0.1.0 wrote (test/fixtures/v0.1.0, see its README), as the tests
// that hold later releases to it read it. The host module path is written out here, not
// imported from the provider: it is what that state requires, whatever the code says now.
import * as fs from "fs";
import * as path from "path";

export const FIXTURE_DIR = path.resolve(__dirname, "../fixtures/v0.1.0");
export const HOST_MODULE = "pulumi-digicert/bin/provider/resources/host";
/** Dynamic resources' type tokens: `pulumi-nodejs:dynamic/digicert:<Kind>`. */
export const DYNAMIC_TYPE = "pulumi-nodejs:dynamic/digicert:";

export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

export interface FixtureStack {
  text: string;
  resources: StateResource[];
  /** When the export was taken. */
  time: string;
}

export function readFixtureStack(): FixtureStack {
  const text = fs.readFileSync(path.join(FIXTURE_DIR, "stack.json"), "utf8");
  const exported = JSON.parse(text) as { deployment: { manifest: { time: string }; resources: StateResource[] } };
  return { text, resources: exported.deployment.resources, time: exported.deployment.manifest.time };
}
