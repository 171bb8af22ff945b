// A user's Pulumi program in a fresh folder, and the commands a user runs on it, with
// an environment that owes nothing to this checkout: no NODE_PATH, none of the npm
// run-script variables `npm test` hands to jest.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

// npm's cache, preferring what it holds: the registry is reachable, but need not be asked.
export const NPM_FLAGS = ["--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];

/**
 * The ranges a user's program asks for. Its own @pulumi/pulumi is a newer 3.x than the
 * 3.248.0 this repository's lockfile tests with, as a program written today has: with
 * pulumi-digicert pinning an exact version, npm would nest a second copy under it.
 */
export const PROGRAM_DEPENDENCIES = { "@pulumi/pulumi": "^3.249.0" };
export const PROGRAM_DEV_DEPENDENCIES = { typescript: "^5.9.3", "ts-node": "^10.9.2", "@types/node": "^20.19.0" };

const PULUMI_YAML = `name: installed-digicert
description: a user's program that installed pulumi-digicert
runtime: nodejs
`;

const TSCONFIG = {
  compilerOptions: { strict: true, target: "ES2022", module: "commonjs", moduleResolution: "node", esModuleInterop: true },
  files: ["index.ts"],
};

export const REVOCATION_COMMENTS = "Removed by the install test";

// One order and its CT status, as a user would start.
const INDEX_TS = `import * as digicert from "pulumi-digicert";

const order = new digicert.ClientCertificateOrder("installed", {
  productId: "client_premium_sha2",
  certificate: { commonName: "Celes Chere", emails: ["celes.chere@example.com"], signatureHash: "sha256" },
  organizationId: 112233,
  validityYears: 1,
  skipApproval: true,
  revocationComments: ${JSON.stringify(REVOCATION_COMMENTS)},
});
new digicert.OrderCtStatus("installed-ct", { orderId: order.orderId, disableCt: true });

export const orderId = order.orderId;
`;

/** Writes a new program into dir (created). */
export function writeUserProgram(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const pkg = {
    name: "installed-digicert",
    private: true,
    main: "index.ts",
    dependencies: PROGRAM_DEPENDENCIES,
    devDependencies: PROGRAM_DEV_DEPENDENCIES,
  };
  fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), PULUMI_YAML);
  fs.writeFileSync(path.join(dir, "tsconfig.json"), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, "index.ts"), INDEX_TS);
}

// npm settings a child npm keeps from `npm test`'s environment: where its cache and
// config files are. The rest of npm's npm_* variables (the run-script's package, its
// prefix, its empty allow-scripts, ...) describe this checkout's run, not a user's shell.
const NPM_KEEP = new Set(["npm_config_cache", "npm_config_userconfig", "npm_config_globalconfig", "npm_config_registry", "npm_config_cafile"]);

/** The test process's environment without what would tie a program or npm to this checkout. */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k === "NODE_PATH" || k === "INIT_CWD") continue;
    if (k.toLowerCase().startsWith("npm_") && !NPM_KEEP.has(k.toLowerCase())) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

/** Runs a command to its end; a failure carries the command's output. */
export function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 5 * 60_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd, env, timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(" ")} (in ${cwd}) failed: ${err.message}\n${stdout}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

/** Every copy of the named package installed under dir/node_modules, nested ones included. */
export function installedCopies(dir: string, name: string): string[] {
  const found: string[] = [];
  const visit = (nodeModules: string): void => {
    if (!fs.existsSync(nodeModules)) return;
    for (const entry of fs.readdirSync(nodeModules)) {
      if (entry.startsWith(".")) continue;
      const names = entry.startsWith("@") ? fs.readdirSync(path.join(nodeModules, entry)).map((e) => `${entry}/${e}`) : [entry];
      for (const n of names) {
        const pkgDir = path.join(nodeModules, n);
        if (n === name) found.push(pkgDir);
        visit(path.join(pkgDir, "node_modules"));
      }
    }
  };
  visit(path.join(dir, "node_modules"));
  return found;
}
