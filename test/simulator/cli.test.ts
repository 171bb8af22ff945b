import { spawn } from "node:child_process";
import * as path from "node:path";
import { parseArgs } from "../../simulator/cli";

describe("parseArgs", () => {
  test("every contract flag", () => {
    expect(
      parseArgs(["--port", "8080", "--state", "s.json", "--api-key", "a", "--api-key", "b", "--auto-approve", "--auto-approve-revoke", "--issue-delay-ms", "50", "--latency-ms", "5"]),
    ).toEqual({
      port: 8080,
      stateFile: "s.json",
      apiKeys: ["a", "b"],
      settings: { autoApprove: true, autoApproveRevoke: true, issueDelayMs: 50, latencyMs: 5 },
    });
  });

  test("no flags means defaults", () => {
    expect(parseArgs([])).toEqual({});
  });

  test.each([[["--port", "x"]], [["--port"]], [["--nope"]], [["--state"]], [["--issue-delay-ms", "-3"]], [["--port", "70000"]]])("refuses %j", (argv) => {
    expect(() => parseArgs(argv)).toThrow();
  });
});

test("main prints its URL, serves, and exits 0 on SIGTERM", async () => {
  const main = path.join(__dirname, "..", "..", "simulator", "main.ts");
  const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", main, "--port", "0", "--api-key", "cli-secret"], {
    cwd: path.join(__dirname, "..", ".."),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line: ${out}`)), 20_000);
    child.stdout.on("data", () => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  const r = await fetch(`${url}/services/v2/order/certificate/1`, { headers: { "x-dc-devkey": "cli-secret" } });
  expect(r.status).toBe(404);
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  child.kill("SIGTERM");
  expect(await exit).toBe(0);
  expect(out).not.toContain("cli-secret");
});
