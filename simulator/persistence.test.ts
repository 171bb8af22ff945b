import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { api, orderBody, PRODUCT, reissueBody } from "./__tests__/helpers";
import { startSimulator } from "./index";

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
