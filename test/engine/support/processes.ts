// Runs the Pulumi CLI detached, in a process group of its own, so a test can kill -9 the
// whole engine (CLI, language host, program, provider host) without killing jest, and
// ends whatever it leaves behind.
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export interface Run {
  readonly child: ChildProcess;
  readonly done: Promise<{ code: number | null; out: string }>;
  /** What the CLI printed so far (stdout and stderr). */
  output(): string;
}

export function start(bin: string, args: string[], cwd: string, env: Record<string, string>): Run {
  const child = spawn(bin, args, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const startedAt = Date.now();
  const done = new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on("close", (code, signal) => {
      keep(args, `# pulumi ${args.join(" ")}\n# exit ${code ?? signal ?? "?"} after ${Date.now() - startedAt} ms\n${out}`);
      resolve({ code, out });
    }),
  );
  return { child, done, output: () => out };
}

/** With CRASH_LOG_DIR set, every command's output is kept there, one file each, in order: for a failure's story. */
function keep(args: string[], text: string): void {
  const dir = process.env["CRASH_LOG_DIR"];
  if (dir === undefined || dir === "") return;
  fs.mkdirSync(dir, { recursive: true });
  const name = `${Date.now()}-${args.slice(0, 2).join("-").replace(/[^a-z-]/gi, "")}.log`;
  fs.writeFileSync(path.join(dir, name), text);
}

export async function run(bin: string, args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return start(bin, args, cwd, env).done;
}

/** kill -9 of the run's process group, then of any process still working in `dir` (plugins re-parented elsewhere). */
export async function killAll(r: Run, dir: string): Promise<void> {
  if (r.child.pid !== undefined) {
    try {
      process.kill(-r.child.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  await r.done;
  endLeftovers(dir);
}

/** Ends processes whose working folder or command line is in `dir`: only what the test's engine started there. */
export function endLeftovers(dir: string): number {
  let ended = 0;
  for (const pid of fs.readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
    if (Number(pid) === process.pid) continue;
    let cwd = "";
    let cmd = "";
    try {
      cwd = fs.readlinkSync(path.join("/proc", pid, "cwd"));
      cmd = fs.readFileSync(path.join("/proc", pid, "cmdline"), "utf8");
    } catch {
      continue;
    }
    if (cwd === dir || cwd.startsWith(`${dir}/`) || cmd.includes(dir)) {
      try {
        process.kill(Number(pid), "SIGKILL");
        ended++;
      } catch {
        // Gone meanwhile.
      }
    }
  }
  return ended;
}
