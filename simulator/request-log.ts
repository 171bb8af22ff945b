// Every API request the simulator answered (or reset), for tests to count calls.
import type { RecordedRequest } from "./types";

export class RequestLog {
  private entries: RecordedRequest[] = [];
  private seq = 0;

  record(entry: Omit<RecordedRequest, "seq">): void {
    this.seq += 1;
    this.entries.push({ seq: this.seq, ...entry });
  }

  list(): RecordedRequest[] {
    return this.entries.map((e) => ({ ...e }));
  }

  clear(): void {
    this.entries = [];
  }
}
