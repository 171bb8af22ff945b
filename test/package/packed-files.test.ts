// What `npm pack` puts in the package: the product only (SDK, resources, client, the
// native plugin, schema.json, README, CHANGELOG), and everything the package's main, its
// types, the dynamic-provider host and the plugin's launcher load. Reads the built bin/ (`make build`); --ignore-scripts so
// that listing does not rebuild or prune the working tree under other tests.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { builtinModules } from "node:module";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
// Stacks written by 0.1.0 hold serialized providers that require this module.
const HOST = "bin/provider/resources/host.js";

interface PackageJson {
  main: string;
  types: string;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
}
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as PackageJson;

let packed: string[];

beforeAll(() => {
  for (const file of [pkg.main, pkg.types, HOST, ...Object.values(pkg.bin)]) {
    if (!fs.existsSync(path.join(ROOT, file))) throw new Error(`${file} is not built: run \`make build\` first`);
  }
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const [result] = JSON.parse(out) as { files: { path: string }[] }[];
  packed = result!.files.map((f) => f.path).sort();
});

test("the package holds the product's folders and its documents, nothing else", () => {
  const allowed = /^(bin\/sdk\/|bin\/provider\/|(package\.json|schema\.json|README\.md|CHANGELOG\.md|LICENSE)$)/;
  expect(packed.filter((f) => !allowed.test(f))).toEqual([]);
  expect(packed).toEqual(expect.arrayContaining(["package.json", "schema.json", "README.md", "CHANGELOG.md"]));
});

test("no simulator, tools, engine, benchmark, test, source or build-state file is packed", () => {
  const rig = /(^|\/)(simulator|tools|engine|bench|test|tests|__tests__)(\/|$)|\.test\.|\.map$|\.tsbuildinfo$|(?<!\.d)\.ts$/;
  expect(packed.filter((f) => rig.test(f))).toEqual([]);
});

/** The specifiers a compiled file or a declaration file loads. */
function specifiers(text: string): string[] {
  const found = new Set<string>();
  for (const re of [/\brequire\("([^"]+)"\)/g, /\bfrom "([^"]+)"/g, /\bimport\("([^"]+)"\)/g, /^import "([^"]+)"/gm]) {
    for (const m of text.matchAll(re)) found.add(m[1]!);
  }
  return [...found];
}

/** Which of the candidates for a relative specifier exists in the built tree. */
function resolveRelative(from: string, spec: string, declaration: boolean): string {
  const base = path.posix.join(path.posix.dirname(from), spec);
  const candidates = declaration
    ? [`${base}.d.ts`, `${base}/index.d.ts`, base]
    : [`${base}.js`, `${base}/index.js`, base];
  const hit = candidates.find((c) => fs.existsSync(path.join(ROOT, c)) && fs.statSync(path.join(ROOT, c)).isFile());
  if (!hit) throw new Error(`${from} loads ${spec}, which is not built`);
  return hit;
}

function packageName(spec: string): string {
  const parts = spec.split("/");
  return spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** Every built file reachable from the entry files, and the packages they load. */
function closure(entries: string[], declaration: boolean): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [...entries];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    if (file.endsWith(".json")) continue;
    for (const spec of specifiers(fs.readFileSync(path.join(ROOT, file), "utf8"))) {
      if (spec.startsWith(".")) todo.push(resolveRelative(file, spec, declaration));
      else packages.add(packageName(spec));
    }
  }
  return { files, packages };
}

const runtime = () => closure([pkg.main, HOST, ...Object.values(pkg.bin)], false);
const types = () => closure([pkg.types], true);

test("the package's one command is the native plugin, named as the engine looks for it, a packed Node.js script", () => {
  expect(Object.keys(pkg.bin)).toEqual(["pulumi-resource-digicert"]);
  const launcher = pkg.bin["pulumi-resource-digicert"]!;
  expect(packed).toContain(launcher);
  expect(fs.readFileSync(path.join(ROOT, launcher), "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
});

test("every file that main, the provider host and the plugin load at run time is packed", () => {
  const { files } = runtime();
  expect(files).toContain(HOST);
  expect([...files].filter((f) => !packed.includes(f))).toEqual([]);
});

test("every declaration file the package's types reach is packed", () => {
  const { files } = types();
  expect(files.size).toBeGreaterThan(1);
  expect([...files].filter((f) => !packed.includes(f))).toEqual([]);
});

test("every package the shipped code loads is a Node.js built-in or a dependency, not a devDependency", () => {
  const builtins = new Set(builtinModules);
  const loaded = new Set([...runtime().packages, ...types().packages]);
  const missing = [...loaded].filter((p) => !p.startsWith("node:") && !builtins.has(p) && !(p in pkg.dependencies));
  expect(missing).toEqual([]);
  expect(loaded).toContain("@pulumi/pulumi");
});

test("@pulumi/pulumi is a caret range, so a program's own 3.x is shared rather than nested", () => {
  expect(pkg.dependencies["@pulumi/pulumi"]).toMatch(/^\^3\.\d+\.\d+$/);
});
