// One simulator per run, on a fixed port with a state file, so that it can be
// restarted mid-run like a CertCentral outage; its request log is kept across restarts.
import * as fs from "fs";
import * as path from "path";
import { startSimulator, type FaultSpec, type RecordedRequest, type Simulator, type SimulatorSettings } from "../../../simulator";
import { RESULTS_DIR } from "../../support/figures";

export class SimControl {
  private earlier: RecordedRequest[] = [];
  restarts = 0;

  private constructor(
    private current: Simulator,
    private readonly opts: { apiKey: string; stateFile: string; settings: Partial<SimulatorSettings> },
  ) {}

  static async start(label: string, apiKey: string, settings: Partial<SimulatorSettings> = {}): Promise<SimControl> {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const stateFile = path.join(fs.mkdtempSync(path.join(RESULTS_DIR, `sim-${label}-`)), "simulator.json");
    const sim = await startSimulator({ port: 0, apiKeys: [apiKey], stateFile, settings });
    return new SimControl(sim, { apiKey, stateFile, settings });
  }

  get sim(): Simulator {
    return this.current;
  }

  get baseUrl(): string {
    return this.current.baseUrl;
  }

  /**
   * Stops, stays down for `downMs` (a process restart takes about that long), and starts
   * again on the same port from the state file; in-flight connections are cut.
   */
  async restart(downMs: number): Promise<void> {
    this.earlier.push(...(await this.current.admin.requests()));
    const port = this.current.port;
    await this.current.close();
    await new Promise((r) => setTimeout(r, downMs));
    this.current = await startSimulator({ port, apiKeys: [this.opts.apiKey], stateFile: this.opts.stateFile, settings: this.opts.settings });
    this.restarts += 1;
  }

  /** Every API request seen since the run started, across restarts. */
  async requests(): Promise<RecordedRequest[]> {
    return [...this.earlier, ...(await this.current.admin.requests())];
  }

  async addFaults(f: FaultSpec[]): Promise<void> {
    await this.current.admin.addFaults(f);
  }

  async clearFaults(): Promise<void> {
    await this.current.admin.clearFaults();
  }

  async close(): Promise<void> {
    await this.current.close();
    fs.rmSync(path.dirname(this.opts.stateFile), { recursive: true, force: true });
  }
}

/** Runs `tick` every `everyMs` until the returned stop function is called (and awaited). */
export function every(everyMs: number, tick: () => Promise<void>): () => Promise<void> {
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await tick();
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
  };
}
