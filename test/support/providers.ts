// Provider-layer fixtures: a real simulator on loopback and providers configured for it.
import * as fs from "node:fs";
import * as path from "node:path";
import { startSimulator, type Simulator, type SimulatorSettings } from "../../simulator";
import { ProviderContext } from "../../provider/kit/runtime/context";
import { MemoryLogger } from "../../provider/kit/runtime/log";
import { ClientCertificateOrderProvider } from "../../provider/kinds/client-certificate-order/provider";
import { CertificateReissueProvider } from "../../provider/kinds/certificate-reissue/provider";
import { OrderCtStatusProvider } from "../../provider/kinds/order-ct-status/provider";

export const API_KEY = "test-key-4f1c9e2a7b";

export interface Fixture {
  sim: Simulator;
  ctx: ProviderContext;
  log: MemoryLogger;
  order: ClientCertificateOrderProvider;
  reissue: CertificateReissueProvider;
  ct: OrderCtStatusProvider;
}

export async function startFixture(settings: Partial<SimulatorSettings> = {}, waitSeconds = 2): Promise<Fixture> {
  const sim = await startSimulator({ port: 0, apiKeys: [API_KEY], settings });
  return providersOn(sim, waitSeconds);
}

/**
 * Providers on a context of their own, as each `pulumi` command's provider process has:
 * a later "run" (a second refresh, say) shares no reads with the earlier one.
 */
export function providersOn(sim: Simulator, waitSeconds = 2): Fixture {
  const log = new MemoryLogger();
  // The client's warnings (retries, statuses DigiCert does not document) reach the same log.
  const ctx = new ProviderContext(log);
  const config: Record<string, string> = {
    "digicert:apiKey": API_KEY,
    "digicert:baseUrl": sim.baseUrl,
    "digicert:waitForIssuanceSeconds": String(waitSeconds),
  };
  ctx.configure({ get: (k) => config[k] }, {});
  return {
    sim,
    ctx,
    log,
    order: new ClientCertificateOrderProvider(ctx, log),
    reissue: new CertificateReissueProvider(ctx, log),
    ct: new OrderCtStatusProvider(ctx, log),
  };
}

/** A real CSR (RSA 2048, CN=Lock Cole, emailAddress=locke.cole@example.com; its key was not kept): the simulator answers 400 to one that does not parse. */
export const CSR = fs.readFileSync(path.join(__dirname, "../fixtures/csr/lock-cole.csr.pem"), "utf8");

export function orderInputs(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    productId: "client_premium_sha2",
    certificate: { commonName: "Lock Cole", emails: ["locke.cole@example.com"], signatureHash: "sha256", organizationUnits: ["Accounting"] },
    organizationId: 112233,
    validityYears: 1,
    skipApproval: true,
    paymentMethod: "balance",
    revocationComments: "no longer needed",
    ...over,
  };
}

export function reissueInputs(orderId: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orderId,
    certificate: { commonName: "Lock Cole", csr: CSR, signatureHash: "sha256" },
    comments: "key rotation",
    skipApproval: true,
    ...over,
  };
}

/** The API calls the simulator saw, as "METHOD /path" lines. */
export async function calls(sim: Simulator): Promise<string[]> {
  return (await sim.admin.requests()).map((r) => `${r.method} ${r.path}`);
}

export interface SimOrder {
  id: number;
  status: string;
  disable_ct?: boolean;
  certificate: { id?: number; serial_number?: string };
  requests: { id: number; type?: string; status: string; comments?: string }[];
}

/** Order info straight from the simulator's API (what DigiCert would say). */
export async function simOrder(sim: Simulator, orderId: number): Promise<SimOrder> {
  const res = await fetch(`${sim.baseUrl}/order/certificate/${orderId}`, { headers: { "X-DC-DEVKEY": API_KEY } });
  if (res.status !== 200) throw new Error(`order ${orderId}: ${res.status} ${await res.text()}`);
  return (await res.json()) as SimOrder;
}

/** Calls the simulator's DigiCert API directly, as someone outside the stack would. */
export async function api(sim: Simulator, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${sim.baseUrl}${path}`, {
    method,
    headers: { "X-DC-DEVKEY": API_KEY, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** Points the fixture's providers at another base URL (a proxy in front of the simulator). */
export function useBaseUrl(f: Fixture, baseUrl: string, waitSeconds = 2): void {
  const config: Record<string, string> = {
    "digicert:apiKey": API_KEY,
    "digicert:baseUrl": baseUrl,
    "digicert:waitForIssuanceSeconds": String(waitSeconds),
  };
  f.ctx.configure({ get: (k) => config[k] }, {});
}
