// scripts/engine.sh's choice of a pulumi already on PATH, and what it records, with
// stand-in programs that only answer `version` (no engine runs): what it requires of
// that pulumi, and what engine/engine-env.ts reads back. The "built" choice is what
// `make engine` does in every `make test` without another pulumi on PATH.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkEngineOutput, engineChoice, enginePath, readEngineChoice, type EngineChoice } from "../../engine/engine-env";

const ROOT = path.resolve(__dirname, "../..");
const HOSTS = ["pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs", "pulumi-language-python", "pulumi-language-yaml"];

let scratch: string;
let nodeDir: string;

beforeAll(() => {
  // Links resolved, as engine.sh records paths (os.tmpdir() is a link on some systems).
  scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "digicert-engine-choice-")));
  // node (which engine.sh writes the record with) without whatever else sits beside it.
  nodeDir = path.join(scratch, "node-bin");
  fs.mkdirSync(nodeDir);
  fs.symlinkSync(process.execPath, path.join(nodeDir, "node"));
});
afterAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** A folder holding a `pulumi` that reports `version` and the named hosts (answering -version). */
function install(dir: string, version: string, hosts: string[] = HOSTS): string {
  fs.mkdirSync(dir, { recursive: true });
  const script = (answer: string) => `#!/bin/sh\necho ${answer}\n`;
  fs.writeFileSync(path.join(dir, "pulumi"), script(version), { mode: 0o755 });
  for (const h of hosts) fs.writeFileSync(path.join(dir, h), script(version), { mode: 0o755 });
  return dir;
}

/** engine.sh with only `dirs` (then node and the system's tools) on PATH, building and recording into a scratch ENGINE_TOOLS. */
function engineSh(label: string, ...dirs: string[]) {
  const tools = path.join(scratch, label, "tools");
  const r = spawnSync("bash", [path.join(ROOT, "scripts/engine.sh")], {
    env: { HOME: os.homedir(), PATH: [...dirs, nodeDir, "/usr/bin", "/bin"].join(":"), ENGINE_TOOLS: tools },
    encoding: "utf8",
  });
  return { status: r.status, stderr: r.stderr, tools, record: path.join(tools, "engine.json") };
}

test("a 3.x pulumi with its hosts beside it: chosen and recorded, naming the version the tests are written against", () => {
  const bin = install(path.join(scratch, "usual", "install", "bin"), "v3.200.0");
  const r = engineSh("usual", bin);
  expect(r.stderr).toContain(`using pulumi already on PATH: ${bin}/pulumi`);
  expect(r.stderr).toMatch(/note: the tests are written against v3\.259\.0/);
  expect(r.status).toBe(0);
  expect(readEngineChoice(r.record)).toEqual({
    source: "path",
    pulumi: path.join(bin, "pulumi"),
    version: "v3.200.0",
    tested: "v3.259.0",
    root: path.dirname(bin),
    bin,
    hosts: Object.fromEntries(HOSTS.map((h) => [h, path.join(bin, h)])),
    home: path.join(r.tools, "pulumi-home"),
  });
});

test("the CLI's folder goes first on PATH, once", () => {
  const bin = install(path.join(scratch, "first", "install", "bin"), "v3.259.0");
  const r = engineSh("first", bin);
  expect(r.status).toBe(0);
  expect(r.stderr).not.toContain("note:");
  expect(enginePath(readEngineChoice(r.record), `/usr/bin:${bin}:/bin`)).toBe(`${bin}:/usr/bin:/bin`);
});

test("a CLI in a folder not named bin: the Automation API gets a root whose bin/pulumi links to it", () => {
  const dir = install(path.join(scratch, "odd", "opt", "pulumi-3"), "v3.259.0");
  const r = engineSh("odd", dir);
  expect(r.status).toBe(0);
  const choice = readEngineChoice(r.record);
  expect(choice.root).toBe(path.join(r.tools, "engine-root"));
  expect(fs.realpathSync(path.join(choice.root, "bin", "pulumi"))).toBe(path.join(dir, "pulumi"));
});

test("a pulumi that is not 3.x is refused, and nothing is recorded", () => {
  const r = engineSh("v4", install(path.join(scratch, "v4", "install", "bin"), "v4.0.0"));
  expect(r.status).not.toBe(0);
  expect(r.stderr).toMatch(/reports 'v4\.0\.0': this project supports Pulumi CLI 3\.x/);
  expect(fs.existsSync(r.record)).toBe(false);
});

test.each(["pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"])("a pulumi without %s beside it is refused, naming it, even with one elsewhere on PATH", (host) => {
  const bin = install(path.join(scratch, `no-${host}`, "bin"), "v3.259.0", HOSTS.filter((h) => h !== host));
  // The engine would warn about one taken from PATH, and the tests' environment tells it not to look there.
  const elsewhere = install(path.join(scratch, `no-${host}`, "elsewhere"), "v3.259.0", [host]);
  fs.rmSync(path.join(elsewhere, "pulumi"));
  const r = engineSh(`no-${host}`, bin, elsewhere);
  expect(r.status).not.toBe(0);
  expect(r.stderr).toContain(`no ${host} beside ${bin}/pulumi: a Pulumi install ships it there`);
  expect(fs.existsSync(r.record)).toBe(false);
});

describe("reading the record", () => {
  const write = (name: string, text: string) => {
    const file = path.join(scratch, name);
    fs.writeFileSync(file, text);
    return file;
  };

  test("missing, not JSON, not a record, or naming a program that is gone: each says to run make engine", () => {
    expect(() => readEngineChoice(path.join(scratch, "absent.json"))).toThrow(/no Pulumi engine recorded .*absent\.json is missing\): run `make engine`/);
    expect(() => readEngineChoice(write("garbled.json", "{"))).toThrow(/garbled\.json is not JSON .*run `make engine` again/);
    expect(() => readEngineChoice(write("partial.json", JSON.stringify({ source: "path" })))).toThrow(/partial\.json is not a record scripts\/engine\.sh writes \(pulumi: .*run `make engine` again/);
    const r = engineSh("gone", install(path.join(scratch, "gone", "install", "bin"), "v3.259.0"));
    expect(r.status).toBe(0);
    fs.rmSync(path.join(scratch, "gone", "install", "bin", "pulumi-language-nodejs"));
    expect(() => readEngineChoice(r.record)).toThrow(/names .*pulumi-language-nodejs, which no longer exist/);
  });
});

test("a test of the unit project that asks for the engine fails, saying where engine tests live", () => {
  expect(() => engineChoice()).toThrow(/a unit test asked for the Pulumi engine: tests that run the engine live under test\/engine\//);
});

describe("a check of the engine's own output", () => {
  const choice = (version: string): EngineChoice => ({
    source: "path",
    pulumi: "/opt/pulumi/bin/pulumi",
    version,
    tested: "v3.259.0",
    root: "/opt/pulumi",
    bin: "/opt/pulumi/bin",
    hosts: { "pulumi-language-nodejs": "n", "pulumi-resource-pulumi-nodejs": "d", "pulumi-language-python": "p", "pulumi-language-yaml": "y" },
    home: "/h",
  });
  const failing = () => expect("Marshaling v2").toMatch(/Marshaling v1/);

  test("passing: its value, whatever the version", () => {
    expect(checkEngineOutput("v3.259.0", "Counting lines", () => 7, choice("v3.300.0"))).toBe(7);
  });

  test("failing on the version it was written against: the failure as it is", () => {
    let err: unknown;
    try {
      checkEngineOutput("v3.259.0", "Counting lines", failing, choice("v3.259.0"));
    } catch (e) {
      err = e;
    }
    expect((err as Error).message).not.toContain("written against");
    expect((err as Error).message).toContain("Marshaling v1");
  });

  test("failing on another version: the failure names both versions and the CLI, then says what failed", () => {
    expect(() => checkEngineOutput("v3.259.0", "Counting lines", failing, choice("v3.300.0"))).toThrow(
      /^Counting lines is written against the output of Pulumi v3\.259\.0; this run uses v3\.300\.0 \(\/opt\/pulumi\/bin\/pulumi, the pulumi on PATH\), whose output may differ\n\n[^]*Marshaling v1/,
    );
  });
});
