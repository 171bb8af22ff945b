// The root of every client error, and how field issues read in a message.
export interface DigiCertErrorDetail {
  code: string;
  message: string;
}

export interface FieldIssue {
  /** Dotted field path as on the wire, e.g. `requests[0].status`; empty for the whole body. */
  path: string;
  message: string;
}

export class DigiCertError extends Error {
  override name = "DigiCertError";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }

  // Own enumerable fields plus name/message, so JSON.stringify gives something
  // useful to log without reaching into the cause.
  toJSON(): Record<string, unknown> {
    const { cause: _cause, ...own } = { ...this } as Record<string, unknown>;
    return { ...own, name: this.name, message: this.message };
  }
}

export function formatIssues(issues: FieldIssue[]): string {
  if (issues.length === 0) return "(no details)";
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
}
