// The CertCentral simulator as an engine test uses it: started on a free port with the
// test's API keys, read back through the API as DigiCert answers it, its request log
// taken step by step to prove what a step called; with a state file, restartable on
// the same port like a CertCentral outage, its request log kept across restarts.
import type { ConfigMap } from "@pulumi/pulumi/automation";
import { startSimulator, type RecordedRequest, type Simulator, type SimulatorAdmin, type SimulatorSettings } from "../../../simulator";
import type { StateSnapshot } from "../../../simulator/state";

export interface SimulatorOptions {
  /** The keys it accepts; the first is the one a stack is configured with. */
  apiKeys: readonly string[];
  /** The key the test's own reads use (the first by default): CertCentral's limits are per key. */
  readKey?: string;
  settings?: Partial<SimulatorSettings>;
  /** Where it keeps its state: a restart resumes from it. */
  stateFile?: string;
}

/** An order as DigiCert's order info answers it (GET /order/certificate/{id}), the fields the tests read. */
export interface OrderInfo {
  id: number;
  status: string;
  disable_ct?: boolean;
  certificate: { id?: number; common_name?: string; serial_number?: string };
  requests: { id: number; type?: string; status: string; comments?: string }[];
}

export class TestSimulator {
  /** How many times restart() ran. */
  restarts = 0;
  private earlier: RecordedRequest[] = [];

  private constructor(
    private current: Simulator,
    private readonly opts: SimulatorOptions,
  ) {}

  static async start(opts: SimulatorOptions): Promise<TestSimulator> {
    return new TestSimulator(await startSimulator(TestSimulator.serverOptions(opts, 0)), opts);
  }

  private static serverOptions(opts: SimulatorOptions, port: number) {
    return {
      port,
      apiKeys: [...opts.apiKeys],
      ...(opts.stateFile !== undefined ? { stateFile: opts.stateFile } : {}),
      ...(opts.settings !== undefined ? { settings: opts.settings } : {}),
    };
  }

  /** The key a stack is configured with. */
  get key(): string {
    const key = this.opts.apiKeys[0];
    if (key === undefined) throw new Error("the simulator was started without an API key");
    return key;
  }

  get baseUrl(): string {
    return this.current.baseUrl;
  }

  get port(): number {
    return this.current.port;
  }

  get admin(): SimulatorAdmin {
    return this.current.admin;
  }

  /** Stack config pointing the provider at this simulator with its key (a secret). */
  stackConfig(): ConfigMap {
    return { "digicert:baseUrl": { value: this.baseUrl }, "digicert:apiKey": { value: this.key, secret: true } };
  }

  /** The API calls seen since the last call, as "METHOD /path"; the log is then cleared. */
  async takeCalls(): Promise<string[]> {
    const calls = (await this.admin.requests()).map((r) => `${r.method} ${r.path}`);
    await this.admin.clearRequests();
    return calls;
  }

  /** Every API request seen since it started, across restarts. */
  async requests(): Promise<RecordedRequest[]> {
    return [...this.earlier, ...(await this.admin.requests())];
  }

  /** A call to the API with the test's key, as a CertCentral user makes one outside the stack; anything but 2xx fails. */
  async api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { "X-DC-DEVKEY": this.opts.readKey ?? this.key, "Content-Type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (res.status < 200 || res.status >= 300) throw new Error(`the test's ${method} ${path} got ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** An order placed outside any stack, as a CertCentral user places one by hand: Terra Branford's, one year of client_premium_sha2; its id. */
  async placeOrder(more: Record<string, unknown> = {}): Promise<number> {
    const placed = await this.api<{ id: number }>("POST", "/order/certificate/client_premium_sha2", {
      certificate: { common_name: "Terra Branford", emails: ["terra.branford@example.com"], signature_hash: "sha256" },
      organization: { id: 112233 },
      validity_years: 1,
      ...more,
    });
    return placed.id;
  }

  /** The order as DigiCert's order info answers it. */
  order(orderId: number | string): Promise<OrderInfo> {
    return this.api<OrderInfo>("GET", `/order/certificate/${orderId}`);
  }

  /** Everything it holds (GET /__admin/state): orders, certificates, requests. */
  async state(): Promise<StateSnapshot> {
    return (await this.admin.state()) as StateSnapshot;
  }

  /**
   * Stops, stays down for `downMs` (a process restart takes about that long), and starts
   * again on the same port from its state file; in-flight connections are cut.
   */
  async restart(downMs: number): Promise<void> {
    if (this.opts.stateFile === undefined) throw new Error("a simulator without a state file cannot restart: it would lose its orders");
    this.earlier.push(...(await this.admin.requests()));
    const port = this.current.port;
    await this.current.close();
    await new Promise((r) => setTimeout(r, downMs));
    this.current = await startSimulator(TestSimulator.serverOptions(this.opts, port));
    this.restarts += 1;
  }

  close(): Promise<void> {
    return this.current.close();
  }
}
