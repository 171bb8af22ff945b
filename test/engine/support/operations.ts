// One operation (up, refresh, destroy, preview) through the Automation API, recorded from
// the engine's own event stream: steps attempted, steps failed and why, and the
// provider's retry warnings. Every step is attempted even after one failed, so that a
// run's figures cover the whole stack; the operation's failure is recorded, not thrown.
import type { Stack, EngineEvent } from "@pulumi/pulumi/automation";

export type OpKind = "up" | "refresh" | "destroy" | "preview";

export interface StepFailure {
  urn: string;
  message: string;
}

export interface OpRecord {
  kind: OpKind;
  ok: boolean;
  /** The Automation API's error when the operation failed. */
  error?: string;
  /** Resource steps the engine started (create, update, replace, delete, refresh...), not counting `same`. */
  attempted: number;
  failed: StepFailure[];
  /** The client's retry warnings, as the provider logged them (not counting 429s, below). */
  retries: number;
  /** The client's waits after a 429 (the key's rate limit spent), as the provider logged them. */
  rateLimitWaits: number;
  /** The seconds those waits announced, summed. */
  rateLimitWaitSeconds: number;
  /** Everything the engine printed or reported: output, diagnostics, events, errors. */
  text: string;
  /** Non-debug diagnostics, one per line the provider or engine reported. */
  diagnostics: string[];
  /** Step counts by operation, e.g. { create: 45 }. */
  ops: Record<string, number>;
}

const SKIPPED_TYPES = /^pulumi:(pulumi:Stack|providers:)/;
const RETRY_LINE = /DigiCert \w+ \S+ failed \([^)]*\); retry \d+\/\d+ in \d+ ms/g;
// A 429 is no failure to retry but a refusal to wait out (provider/digicert/transport.ts).
const RATE_LIMIT_WAIT_LINE = /DigiCert \w+ \S+: the key's rate limit is spent, [^;]*; waiting (\d+) s \(/g;

function urnType(urn: string): string {
  return urn.split("::")[2] ?? "";
}

/** Runs the operation on the stack and records what it did; at `verbose`, -v=9 --logtostderr, everything kept. */
export async function runOperation(stack: Stack, kind: OpKind, opts: { verbose?: boolean } = {}): Promise<OpRecord> {
  const events: EngineEvent[] = [];
  const chunks: string[] = [];
  const common = {
    continueOnError: true,
    onEvent: (e: EngineEvent) => events.push(e),
    onOutput: (s: string) => chunks.push(s),
    onError: (s: string) => chunks.push(s),
    ...(opts.verbose ? { logVerbosity: 9, logToStdErr: true, debug: true } : {}),
  };
  let ok = true;
  let error: string | undefined;
  let stdout = "";
  let stderr = "";
  try {
    const r =
      kind === "up"
        ? await stack.up(common)
        : kind === "refresh"
          ? await stack.refresh(common)
          : kind === "destroy"
            ? await stack.destroy(common)
            : await stack.preview(common);
    stdout = r.stdout;
    stderr = r.stderr;
  } catch (err) {
    ok = false;
    error = err instanceof Error ? err.message : String(err);
  }
  return summarize(kind, ok, error, events, [...chunks, stdout, stderr].join("\n"));
}

function summarize(kind: OpKind, ok: boolean, error: string | undefined, events: EngineEvent[], output: string): OpRecord {
  const ops: Record<string, number> = {};
  const failed: StepFailure[] = [];
  const diagnostics: string[] = [];
  const errorsByUrn = new Map<string, string[]>();
  for (const e of events) {
    const pre = e.resourcePreEvent?.metadata;
    if (pre && pre.op !== "same" && !SKIPPED_TYPES.test(pre.type)) ops[pre.op] = (ops[pre.op] ?? 0) + 1;
    const d = e.diagnosticEvent;
    if (d && (d.severity as string) !== "debug") {
      diagnostics.push(d.message);
      if (d.severity === "error" && d.urn) errorsByUrn.set(d.urn, [...(errorsByUrn.get(d.urn) ?? []), d.message]);
    }
  }
  for (const e of events) {
    const f = e.resOpFailedEvent?.metadata;
    if (f && !SKIPPED_TYPES.test(urnType(f.urn))) failed.push({ urn: f.urn, message: (errorsByUrn.get(f.urn) ?? []).join("\n") });
  }
  const text = [output, error ?? "", ...diagnostics, JSON.stringify(events)].join("\n");
  // The provider's stderr reaches the engine as one diagnostic per line (the output repeats them).
  const retries = diagnostics.reduce((n, d) => n + [...d.matchAll(RETRY_LINE)].length, 0);
  const waits = diagnostics.flatMap((d) => [...d.matchAll(RATE_LIMIT_WAIT_LINE)].map((m) => Number(m[1])));
  return {
    kind,
    ok,
    ...(error !== undefined ? { error } : {}),
    attempted: Object.values(ops).reduce((a, b) => a + b, 0),
    failed,
    retries,
    rateLimitWaits: waits.length,
    rateLimitWaitSeconds: waits.reduce((a, b) => a + b, 0),
    text,
    diagnostics,
    ops,
  };
}
