// Progress and outcomes of long or destructive steps. In the dynamic-provider host
// there is no engine connection for `pulumi.log`; the engine shows a plugin's
// stderr lines in the update's output, so that is where they go.
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

export const stderrLogger: Logger = {
  info: (message) => process.stderr.write(`digicert: ${message}\n`),
  warn: (message) => process.stderr.write(`digicert: warning: ${message}\n`),
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
}

/** What a caught value says, for a log line. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
