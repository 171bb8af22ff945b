// HTTP client for /__admin, so tests drive a simulator the same way whether it
// runs in-process or as `make up`'s separate process.
import type { FaultSpec, RecordedRequest, ReportedStatuses, SimulatorSettings } from "./types";

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

  async patchOrder(orderId: number, patch: { status?: string; disableCt?: boolean; isRenewed?: boolean }): Promise<void> {
    await this.call("PATCH", `/orders/${orderId}`, {
      ...(patch.isRenewed !== undefined ? { is_renewed: patch.isRenewed } : {}),
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      ...(patch.disableCt !== undefined ? { disable_ct: patch.disableCt } : {}),
    });
  }

  async addDuplicate(orderId: number, opts: { issued?: boolean } = {}): Promise<number> {
    return ((await this.call("POST", `/orders/${orderId}/duplicates`, { issued: opts.issued ?? true })) as { id: number }).id;
  }

  /** What the order answers in place of its real order, request and certificate statuses; `{}` answers the real ones again. */
  async setReportedStatuses(orderId: number, statuses: ReportedStatuses): Promise<void> {
    await this.call("PUT", `/orders/${orderId}/reported-statuses`, statuses);
  }

  /** Moves an issued certificate's validity (yyyy-MM-dd) and signs it again: same serial and key, new thumbprint. */
  async setValidity(
    certificateId: number,
    validity: { validFrom: string; validTill: string },
  ): Promise<{ id: number; serialNumber: string; thumbprint: string; validFrom: string; validTill: string }> {
    const r = (await this.call("PUT", `/certificates/${certificateId}/validity`, {
      valid_from: validity.validFrom,
      valid_till: validity.validTill,
    })) as { id: number; serial_number: string; thumbprint: string; valid_from: string; valid_till: string };
    return { id: r.id, serialNumber: r.serial_number, thumbprint: r.thumbprint, validFrom: r.valid_from, validTill: r.valid_till };
  }

  /** The recipients of an S/MIME order follow DigiCert's validation link: all of its emails, or those named. */
  async validateEmails(orderId: number, emails?: string[]): Promise<void> {
    await this.call("POST", `/orders/${orderId}/email-validations`, emails !== undefined ? { emails } : {});
  }

  async reset(): Promise<void> {
    await this.call("POST", "/reset");
  }
}
