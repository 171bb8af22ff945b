// docs/simulator.md's commands, run as written: the simulator started with the page's
// command line (its port and state file moved to free ones), the page's settings checked
// against it, and the page's admin block run by bash against an order waiting for its
// approval and its emails. A page whose commands stop working fails here.
import { spawn, execFile, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { orderBody } from "../simulator/support/helpers";

const ROOT = path.resolve(__dirname, "../..");
const PAGE = fs.readFileSync(path.join(ROOT, "docs/simulator.md"), "utf8");

/** The fenced blocks of the page, with the HTML comment just before each, if any. */
function blocks(markdown: string): { marker: string | undefined; code: string }[] {
  return [...markdown.matchAll(/(?:<!-- doc-test: ([\w-]+) -->\n)?```sh\n([\s\S]*?)```/g)].map((m) => ({ marker: m[1], code: m[2] ?? "" }));
}

const all = blocks(PAGE);
const startLine = all.flatMap((b) => b.code.split("\n")).find((l) => l.startsWith("node bin/simulator/main.js"));
const configBlock = all.find((b) => b.code.includes("pulumi config set digicert:baseUrl"))?.code ?? "";
const adminBlock = all.find((b) => b.marker === "simulator-admin")?.code ?? "";

let child: ChildProcess | undefined;
let tmp: string;
let port = 0;
let key = "";

function flag(args: string[], name: string): string {
  const i = args.indexOf(name);
  const v = i >= 0 ? args[i + 1] : undefined;
  if (v === undefined) throw new Error(`the page's start command has no ${name}`);
  return v;
}

beforeAll(async () => {
  expect(startLine).toBeDefined();
  const args = (startLine ?? "").split(/\s+/).slice(1);
  key = flag(args, "--api-key");
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "digicert-simulator-doc-"));
  // The page's command, on a free port and with its state file in a scratch folder.
  const run = args.map((a, i) => (args[i - 1] === "--port" ? "0" : args[i - 1] === "--state" ? path.join(tmp, path.basename(a)) : a));
  child = spawn(process.execPath, run, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child?.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child?.on("exit", (code) => reject(new Error(`the simulator exited (${code}) before listening: ${out}`)));
  });
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function api(method: string, p: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${port}/services/v2${p}`, {
    method,
    headers: { "X-DC-DEVKEY": key, "content-type": "application/json" },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

test("the start command's state file keeps what it placed, and the page's settings are the simulator's own", async () => {
  const pagePort = flag((startLine ?? "").split(/\s+/), "--port");
  expect(configBlock).toContain(`pulumi config set digicert:baseUrl http://127.0.0.1:${pagePort}/services/v2`);
  expect(configBlock).toContain(`pulumi config set --secret digicert:apiKey ${key}`);
  expect(adminBlock).toContain(`SIM=http://127.0.0.1:${pagePort}\n`);
  expect(adminBlock).toContain(`KEY=${key}\n`);
  // The key the page starts it with is accepted; another is refused.
  expect((await api("GET", "/order/certificate")).status).toBe(200);
  const other = await fetch(`http://127.0.0.1:${port}/services/v2/order/certificate`, { headers: { "X-DC-DEVKEY": "sim-key" } });
  expect([401, 403]).toContain(other.status);
});

test("the page's admin block approves a pending order and validates its emails: the order is issued", async () => {
  expect(adminBlock).not.toBe("");
  // An S/MIME order placed without skip_approval, as a program would: it waits for an administrator and for its emails.
  const placed = await api(
    "POST",
    "/order/certificate/client_premium",
    orderBody({
      certificate: {
        emails: ["alice@example.com"],
        signature_hash: "sha256",
        common_name_indicator: "given_name_surname",
        individual: { first_name: "Alice", last_name: "Example" },
      },
    }),
  );
  expect(placed.status).toBe(201);
  const orderId = placed.json["id"] as number;
  const requestId = (placed.json["requests"] as { id: number }[])[0]?.id;
  expect((await api("GET", `/order/certificate/${orderId}`)).json["status"]).toBe("needs_approval");

  const script = adminBlock.replace(/http:\/\/127\.0\.0\.1:\d+/g, `http://127.0.0.1:${port}`);
  const out = await new Promise<string>((resolve, reject) =>
    execFile("bash", ["-euo", "pipefail", "-c", script], { env: { ...process.env, ORDER_ID: String(orderId), REQUEST_ID: String(requestId) } }, (err, stdout, stderr) =>
      err ? reject(new Error(`the page's block failed: ${err.message}\n${stdout}\n${stderr}`)) : resolve(stdout),
    ),
  );
  // The first command printed the state, holding the order.
  expect(out).toContain(`"id":${orderId}`);
  const info = await api("GET", `/order/certificate/${orderId}`);
  expect(info.json["status"]).toBe("issued");
  const settings = (await (await fetch(`http://127.0.0.1:${port}/__admin/settings`)).json()) as Record<string, unknown>;
  expect(settings).toMatchObject({ autoApprove: true, autoApproveRevoke: true });
  // The state file the page names keeps the order.
  const stateFile = path.join(tmp, "my-simulator.json");
  await new Promise((r) => setTimeout(r, 300));
  expect(fs.existsSync(stateFile) && fs.readFileSync(stateFile, "utf8").includes(String(orderId))).toBe(true);
});
