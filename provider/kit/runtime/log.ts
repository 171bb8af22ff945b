// Progress and outcomes of long or destructive steps, at their severity. The native
// plugin sends them to the engine's log, attached to the resource of the call being
// served (serving/plugin/engine-log.ts). In the dynamic-provider host there is no
// engine connection for `pulumi.log`; the engine shows that host's stderr lines in the
// update's output, so that is where they go there.
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const stderrLogger: Logger = {
  info: (message) => process.stderr.write(`digicert: ${message}\n`),
  warn: (message) => process.stderr.write(`digicert: warning: ${message}\n`),
  error: (message) => process.stderr.write(`digicert: error: ${message}\n`),
};

/** Collects messages; used by tests to assert what a step said. */
export class MemoryLogger implements Logger {
  readonly lines: string[] = [];
  info(message: string): void {
    this.lines.push(`info: ${message}`);
  }
  warn(message: string): void {
    this.lines.push(`warn: ${message}`);
  }
  error(message: string): void {
    this.lines.push(`error: ${message}`);
  }
}

/** What a caught value says, for a log line. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The error's message as a sentence followed by ours: one full stop, as DigiCert's own messages end with one. */
export function sentenceOf(err: unknown): string {
  const m = messageOf(err).trimEnd();
  return /[.!?]$/.test(m) ? m : `${m}.`;
}
