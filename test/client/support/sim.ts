// Starts the project's CertCentral simulator for one test file, with a key of
// our own so tests can check that it never leaks.
import * as fs from "node:fs";
import * as path from "node:path";
import { startSimulator, type Simulator, type SimulatorSettings } from "../../../simulator";
import { DigiCertClient, type DigiCertClientOptions, type OrderClientCertificateRequest } from "../../../provider/digicert";

export const SIM_KEY = "sim-SECRET-7f3a9c-key";

export interface SimHarness {
  sim(): Simulator;
  client(over?: Partial<DigiCertClientOptions>): DigiCertClient;
  orders(): Promise<{ id: number; status: string }[]>;
}

// High limits by default: rate limiting has its own tests, the rest must not wait.
const ROOMY = [{ limit: 100_000, windowMs: 1000 }];

export function useSimulator(settings: Partial<SimulatorSettings> = {}): SimHarness {
  let sim: Simulator | undefined;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, apiKeys: [SIM_KEY] });
  });
  afterAll(async () => {
    await sim?.close();
  });
  beforeEach(async () => {
    await sim!.admin.reset();
    await sim!.admin.setSettings({
      autoApprove: false,
      newRequestStatus: "pending",
      issueDelayMs: 0,
      autoApproveRevoke: false,
      ctLoggingEnabled: true,
      latencyMs: 0,
      rateLimits: ROOMY,
      ...settings,
    });
  });
  const current = (): Simulator => {
    if (!sim) throw new Error("simulator not started");
    return sim;
  };
  return {
    sim: current,
    client: (over = {}) =>
      new DigiCertClient({
        apiKey: SIM_KEY,
        baseUrl: current().baseUrl,
        rateLimits: ROOMY,
        retry: { backoffBaseMs: 1, backoffMaxMs: 5 },
        ...over,
      }),
    orders: async () => ((await current().admin.state()) as { orders: { id: number; status: string }[] }).orders,
  };
}

export function orderRequest(over: Partial<OrderClientCertificateRequest> = {}): OrderClientCertificateRequest {
  return {
    certificate: {
      commonName: "Lock Cole",
      emails: ["locke.cole@example.com"],
      signatureHash: "sha256",
      organizationUnits: ["Accounting"],
    },
    organization: { id: 112233 },
    validityYears: 1,
    ...over,
  };
}

/** A real CSR (CN=Lock Cole, RSA 2048): the simulator answers 400 to one that does not parse. */
export const CSR = fs.readFileSync(path.join(__dirname, "../../fixtures/csr/lock-cole.csr.pem"), "utf8");

export function ymdInDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
