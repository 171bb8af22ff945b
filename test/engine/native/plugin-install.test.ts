// The two ways docs/native-plugin.md gives for reaching the plugin from an installed
// package, besides plugins.providers in a program (native-plugin.test.ts): the bin npm
// links (what a global install puts on PATH), and `pulumi plugin install resource
// digicert VERSION --file FOLDER` into a plugin cache of the test's own, with the
// documented launcher. The engine then serves the package's own schema from each.
// The tarball is packed from this checkout's build (`make build`), without rebuilding.
import * as fs from "node:fs";
import * as path from "node:path";
import { engineEnv, pulumiPath } from "../../../engine/engine-env";
import { EngineFixture, ROOT, VERSION } from "../support/fixture";
import { NPM_FLAGS, run, userEnv } from "../support/user-program";

jest.setTimeout(10 * 60_000);

const SCHEMA = JSON.parse(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8")) as unknown;
// The launcher docs/native-plugin.md gives for `pulumi plugin install --file`.
const LAUNCHER = '#!/bin/sh\nexec node "$(dirname "$0")/node_modules/pulumi-digicert/bin/provider/plugin/main.js" "$@"\n';

const fx = new EngineFixture();
let tmp: string;
let folder: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  tmp = fx.tempDir("plugin-install");
  const packs = path.join(tmp, "packs");
  fs.mkdirSync(packs);
  await run("npm", ["pack", "--ignore-scripts", "--pack-destination", packs, ...NPM_FLAGS], ROOT, userEnv());
  folder = path.join(tmp, "digicert-plugin");
  fs.mkdirSync(folder);
  await run("npm", ["install", "--omit=dev", ...NPM_FLAGS, path.join(packs, `pulumi-digicert-${VERSION}.tgz`)], folder, userEnv());
  // A plugin cache of this test's own: the shared one is left as it is.
  env = userEnv({ ...engineEnv(ROOT), PULUMI_HOME: path.join(tmp, "pulumi-home") });
});

afterAll(() => fx.close());

test("npm links the bin as pulumi-resource-digicert, executable, and the engine takes the schema from it", async () => {
  const bin = path.join(folder, "node_modules", ".bin", "pulumi-resource-digicert");
  fs.accessSync(bin, fs.constants.X_OK);
  const { stdout } = await run(pulumiPath(ROOT), ["package", "get-schema", bin], folder, env);
  expect(JSON.parse(stdout)).toEqual(SCHEMA);
});

test("pulumi plugin install --file of a folder with the documented launcher: the engine finds digicert in its plugin cache", async () => {
  fs.writeFileSync(path.join(folder, "pulumi-resource-digicert"), LAUNCHER, { mode: 0o755 });
  await run(pulumiPath(ROOT), ["plugin", "install", "resource", "digicert", VERSION, "--file", folder], tmp, env);
  const { stdout } = await run(pulumiPath(ROOT), ["package", "get-schema", "digicert"], tmp, env);
  expect(JSON.parse(stdout)).toEqual(SCHEMA);
  expect((JSON.parse(stdout) as { version: string }).version).toBe(VERSION);
});
