// Injected failures for API requests. Faults are checked in the order they were
// added and a request gets at most one: the first whose turn it is.
import { badRequest } from "./errors";
import type { FaultSpec } from "./types";

export interface ActiveFault {
  spec: FaultSpec;
  /** Matching requests seen so far. */
  seen: number;
  /** Times this fault was applied. */
  injected: number;
}

const KINDS = ["status", "latency", "reset", "body"] as const;

export function faultLabel(spec: FaultSpec): string {
  if (spec.kind === "status") return `status:${spec.status ?? 500}`;
  if (spec.kind === "latency") return `latency:${spec.latencyMs ?? 0}`;
  if (spec.kind === "body") return `body:${spec.status ?? 200}`;
  return `reset:${spec.when ?? "before"}`;
}

/** Checks a spec from the admin API; throws a 400 naming the field. */
export function checkFault(raw: unknown, index: number): FaultSpec {
  const at = `faults[${index}]`;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw badRequest("invalid_value", `${at}: must be an object`);
  const f = raw as Record<string, unknown>;
  const kind = f["kind"];
  if (!KINDS.includes(kind as FaultSpec["kind"])) throw badRequest("invalid_value", `${at}.kind: must be one of ${KINDS.join(", ")}`);
  const optionalNumber = (key: string, min: number): void => {
    const v = f[key];
    if (v !== undefined && (typeof v !== "number" || !Number.isInteger(v) || v < min)) {
      throw badRequest("invalid_value", `${at}.${key}: must be an integer >= ${min}`);
    }
  };
  optionalNumber("status", 100);
  optionalNumber("retryAfter", 0);
  optionalNumber("latencyMs", 0);
  optionalNumber("times", -1);
  optionalNumber("every", 1);
  if (f["status"] !== undefined && (f["status"] as number) > 599) throw badRequest("invalid_value", `${at}.status: must be 100..599`);
  if (f["when"] !== undefined && f["when"] !== "before" && f["when"] !== "after") {
    throw badRequest("invalid_value", `${at}.when: must be before or after`);
  }
  for (const key of ["method", "path", "body", "contentType"]) {
    if (f[key] !== undefined && typeof f[key] !== "string") throw badRequest("invalid_value", `${at}.${key}: must be a string`);
  }
  if (typeof f["path"] === "string") {
    try {
      new RegExp(f["path"]);
    } catch {
      throw badRequest("invalid_value", `${at}.path: not a valid regular expression`);
    }
  }
  return f as unknown as FaultSpec;
}

export class Faults {
  private active: { fault: ActiveFault; pattern?: RegExp }[] = [];

  add(specs: FaultSpec[]): void {
    for (const spec of specs) {
      this.active.push({ fault: { spec, seen: 0, injected: 0 }, ...(spec.path !== undefined ? { pattern: new RegExp(spec.path) } : {}) });
    }
  }

  clear(): void {
    this.active = [];
  }

  list(): ActiveFault[] {
    return this.active.map((a) => ({ ...a.fault, spec: { ...a.fault.spec } }));
  }

  /** The fault to apply to this request, if any; consumes one of its `times`. */
  take(method: string, path: string): FaultSpec | undefined {
    for (const entry of this.active) {
      const { fault, pattern } = entry;
      const { spec } = fault;
      const times = spec.times ?? 1;
      if (times !== -1 && fault.injected >= times) continue;
      if (spec.method !== undefined && spec.method.toUpperCase() !== method) continue;
      if (pattern && !pattern.test(path)) continue;
      fault.seen += 1;
      if (fault.seen % (spec.every ?? 1) !== 0) continue;
      fault.injected += 1;
      return spec;
    }
    return undefined;
  }
}
