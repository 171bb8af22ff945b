// HTTP client for /__admin, so tests drive a simulator the same way whether it
// runs in-process or as `make up`'s separate process.
import type { FaultSpec, RecordedRequest, SimulatorSettings } from "./types";

export class SimulatorAdmin {
  constructor(private readonly url: string) {}

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.url}/__admin${path}`, {
      method,
      ...(body !== undefined ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`simulator admin ${method} ${path} answered ${res.status}: ${text}`);
    return text === "" ? undefined : (JSON.parse(text) as unknown);
  }

  async requests(): Promise<RecordedRequest[]> {
    return ((await this.call("GET", "/requests")) as { requests: RecordedRequest[] }).requests;
  }

  async clearRequests(): Promise<void> {
    await this.call("DELETE", "/requests");
  }

  async settings(): Promise<SimulatorSettings> {
    return (await this.call("GET", "/settings")) as SimulatorSettings;
  }

  async setSettings(s: Partial<SimulatorSettings>): Promise<void> {
    await this.call("PUT", "/settings", s);
  }

  async addFaults(f: FaultSpec[]): Promise<void> {
    // JSON has no Infinity; the wire spells "unlimited" as -1.
    const faults = f.map((spec) => (spec.times === Infinity ? { ...spec, times: -1 } : spec));
    await this.call("POST", "/faults", { faults });
  }

  async clearFaults(): Promise<void> {
    await this.call("DELETE", "/faults");
  }

  async faults(): Promise<unknown[]> {
    return ((await this.call("GET", "/faults")) as { faults: unknown[] }).faults;
  }

  async state(): Promise<unknown> {
    return this.call("GET", "/state");
  }

  async patchOrder(orderId: number, patch: { status?: string; disableCt?: boolean }): Promise<void> {
    await this.call("PATCH", `/orders/${orderId}`, {
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      ...(patch.disableCt !== undefined ? { disable_ct: patch.disableCt } : {}),
    });
  }

  async addDuplicate(orderId: number, opts: { issued?: boolean } = {}): Promise<number> {
    return ((await this.call("POST", `/orders/${orderId}/duplicates`, { issued: opts.issued ?? true })) as { id: number }).id;
  }

  async reset(): Promise<void> {
    await this.call("POST", "/reset");
  }
}
