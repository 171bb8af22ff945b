import { X509Certificate } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { api, orderBody, PRODUCT, reissueBody } from "./support/helpers";
import { startSimulator } from "../../simulator";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "digicert-sim-"));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

test("state survives a restart and ids keep counting", async () => {
  const stateFile = path.join(dir, "nested", "state.json");
  const key = "very-secret-api-key-123";
  const first = await startSimulator({ port: 0, stateFile, apiKeys: [key] });
  const call1 = api(first, key);
  const done = await call1("POST", `/order/certificate/${PRODUCT}`, orderBody({ skip_approval: true }));
  const waiting = await call1("POST", `/order/certificate/${PRODUCT}`, orderBody());
  await call1("POST", `/order/certificate/${done.json.id}/reissue`, reissueBody());
  const before = (await call1("GET", `/order/certificate/${done.json.id}`)).json;
  await first.close();

  const file = fs.readFileSync(stateFile, "utf8");
  expect(file).not.toContain(key);
  expect(fs.readdirSync(path.dirname(stateFile))).toEqual(["state.json"]);

  const second = await startSimulator({ port: 0, stateFile, apiKeys: [key] });
  try {
    const call2 = api(second, key);
    expect((await call2("GET", `/order/certificate/${done.json.id}`)).json).toEqual(before);
    expect((await call2("GET", `/order/certificate/${waiting.json.id}`)).json.status).toBe("needs_approval");
    // The waiting request from before the restart can still be approved.
    expect((await call2("PUT", `/request/${waiting.json.requests[0].id}/status`, { status: "approved" })).status).toBe(204);
    const next = await call2("POST", `/order/certificate/${PRODUCT}`, orderBody());
    expect(next.json.id).toBe(waiting.json.id + 1);
    expect(next.json.requests[0].id).toBeGreaterThan(before.requests[1].id);
  } finally {
    await second.close();
  }
});

test("every mutation is written at once, and reset empties the file", async () => {
  const stateFile = path.join(dir, "state.json");
  const sim = await startSimulator({ port: 0, stateFile });
  try {
    const r = await api(sim)("POST", `/order/certificate/${PRODUCT}`, orderBody());
    const onDisk = JSON.parse(fs.readFileSync(stateFile, "utf8")) as { orders: { id: number; status: string }[] };
    expect(onDisk.orders).toEqual([expect.objectContaining({ id: r.json.id, status: "needs_approval" })]);
    await api(sim)("PUT", `/request/${r.json.requests[0].id}/status`, { status: "approved" });
    expect((JSON.parse(fs.readFileSync(stateFile, "utf8")) as typeof onDisk).orders[0]?.status).toBe("issued");
    await sim.admin.reset();
    expect((JSON.parse(fs.readFileSync(stateFile, "utf8")) as typeof onDisk).orders).toEqual([]);
  } finally {
    await sim.close();
  }
});

test("a reset-after fault still persists the request's effect", async () => {
  const stateFile = path.join(dir, "state.json");
  const sim = await startSimulator({ port: 0, stateFile });
  await sim.admin.addFaults([{ kind: "reset", when: "after" }]);
  await expect(api(sim)("POST", `/order/certificate/${PRODUCT}`, orderBody())).rejects.toThrow();
  await sim.close();
  expect((JSON.parse(fs.readFileSync(stateFile, "utf8")) as { orders: unknown[] }).orders).toHaveLength(1);
});

test("an unreadable state file stops the start", async () => {
  const stateFile = path.join(dir, "state.json");
  fs.writeFileSync(stateFile, "{broken");
  await expect(startSimulator({ port: 0, stateFile })).rejects.toThrow();
});

test("a state file from before real certificates (0.1.0's) reports what it did, and its certificates download as X.509", async () => {
  const stateFile = path.join(dir, "state.json");
  fs.copyFileSync(path.join(__dirname, "../fixtures/v0.1.0/simulator-state.json"), stateFile);
  type Saved = { orders: { id: number }[]; certificates: { id: number; serialNumber: string; thumbprint: string; validTill: string }[] };
  const saved = JSON.parse(fs.readFileSync(stateFile, "utf8")) as Saved;
  const order = saved.orders[0];
  const current = saved.certificates[saved.certificates.length - 1];
  if (!order || !current) throw new Error("the 0.1.0 fixture holds no order");

  const sim = await startSimulator({ port: 0, stateFile, apiKeys: ["compat-key"] });
  try {
    const call = api(sim, "compat-key");
    const info = (await call("GET", `/order/certificate/${order.id}`)).json;
    expect(info.certificate).toMatchObject({ id: current.id, serial_number: current.serialNumber, thumbprint: current.thumbprint, valid_till: current.validTill, key_size: 2048 });
    for (const c of saved.certificates) {
      const leaf = new X509Certificate((await call("GET", `/certificate/${c.id}/download/format/cer`)).text);
      expect(leaf.serialNumber).toBe(c.serialNumber);
      expect(new Date(leaf.validTo).toISOString().slice(0, 10)).toBe(c.validTill);
    }
    // Orders placed now get the real thing.
    const placed = await call("POST", `/order/certificate/${PRODUCT}`, orderBody({ skip_approval: true }));
    const now = (await call("GET", `/order/certificate/${placed.json.id}`)).json.certificate;
    const leaf = new X509Certificate((await call("GET", `/certificate/${now.id}/download/format/cer`)).text);
    expect(leaf.fingerprint.replace(/:/g, "")).toBe(now.thumbprint);
  } finally {
    await sim.close();
  }
});
