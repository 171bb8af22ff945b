// Shared by the simulator's tests: a thin fetch wrapper and valid request bodies.
import * as fs from "node:fs";
import * as path from "node:path";
import { startSimulator, type Simulator, type SimulatorOptions } from "../../../simulator";

export interface Reply {
  status: number;
  // Tests poke at arbitrary JSON; `any` keeps assertions readable.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
  text: string;
  headers: Headers;
}

export type Call = (method: string, path: string, body?: unknown, key?: string | null) => Promise<Reply>;

export function api(sim: Simulator, defaultKey = "sim-key"): Call {
  return async (method, path, body, key = defaultKey) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (key !== null) headers["x-dc-devkey"] = key;
    const res = await fetch(sim.baseUrl + path, {
      method,
      headers,
      ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text === "" ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text, headers: res.headers };
  };
}

export function orderBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    certificate: {
      common_name: "Lock Cole",
      emails: ["locke.cole@example.com"],
      signature_hash: "sha256",
      organization_units: ["Accounting"],
    },
    organization: { id: 112233 },
    validity_years: 1,
    ...over,
  };
}

/** A real CSR (CN=Lock Cole, RSA 2048): the simulator answers 400 to one that does not parse. */
export const CSR = fs.readFileSync(path.join(__dirname, "../../fixtures/csr/lock-cole.csr.pem"), "utf8");

export function reissueBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    certificate: { common_name: "Lock Cole", csr: CSR, signature_hash: "sha256" },
    ...over,
  };
}

export const PRODUCT = "client_premium_sha2";

/** Starts a simulator for one test file; closed after it. */
export function useSimulator(opts: SimulatorOptions = {}): { sim: () => Simulator; call: () => Call } {
  let sim: Simulator | undefined;
  let call: Call | undefined;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, ...opts });
    call = api(sim);
  });
  afterAll(async () => {
    await sim?.close();
  });
  beforeEach(async () => {
    await sim?.admin.reset();
    await sim?.admin.setSettings({
      autoApprove: false,
      newRequestStatus: "pending",
      issueDelayMs: 0,
      autoApproveRevoke: false,
      ctLoggingEnabled: true,
      latencyMs: 0,
      rateLimits: [{ limit: 100_000, windowMs: 1000 }],
      ...opts.settings,
    });
  });
  return {
    sim: () => {
      if (!sim) throw new Error("simulator not started");
      return sim;
    },
    call: () => {
      if (!call) throw new Error("simulator not started");
      return call;
    },
  };
}

/** Orders a certificate with skip_approval and returns the ids of the issued order. */
export async function issuedOrder(call: Call, over: Record<string, unknown> = {}): Promise<{ orderId: number; certificateId: number }> {
  const r = await call("POST", `/order/certificate/${PRODUCT}`, orderBody({ skip_approval: true, ...over }));
  if (r.status !== 201) throw new Error(`order failed: ${r.text}`);
  return { orderId: r.json.id, certificateId: r.json.certificate_id };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
