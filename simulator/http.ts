// Small node:http helpers: body reading, answering, and cancellable delays.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiResponse } from "./api";
import { ApiError, errorBody } from "./errors";

const MAX_BODY = 1 << 20;

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on("end", () => {
      if (size > MAX_BODY) reject(ApiError.of(400, "bad_request_format", `request body larger than ${MAX_BODY} bytes`));
      else resolve(Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", reject);
  });
}

/** undefined for an empty body, so handlers can tell "no body" from "{}". */
export function parseJson(raw: string): unknown {
  if (raw.trim() === "") return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw ApiError.of(400, "bad_request_format", "request body is not valid JSON");
  }
}

export function toResponse(err: unknown): ApiResponse {
  if (err instanceof ApiError) return { status: err.status, json: errorBody(err.errors) };
  const message = err instanceof Error ? err.message : String(err);
  return { status: 500, json: errorBody([{ code: "internal_error", message: `simulator error: ${message}` }]) };
}

export function send(res: ServerResponse, r: ApiResponse, extraHeaders: Record<string, string> = {}): void {
  if (res.destroyed) return;
  const headers: Record<string, string> = { ...extraHeaders };
  let payload: string | undefined;
  if (r.text !== undefined) {
    payload = r.text;
    headers["content-type"] = r.contentType ?? "text/plain";
  } else if (r.json !== undefined && r.status !== 204) {
    payload = JSON.stringify(r.json);
    headers["content-type"] = "application/json";
  }
  if (payload !== undefined) headers["content-length"] = String(Buffer.byteLength(payload));
  res.writeHead(r.status, headers);
  res.end(payload);
}

/** Delays that close() can cancel, so a closed simulator leaves no timers behind. */
export class Sleeper {
  private readonly timers = new Set<NodeJS.Timeout>();

  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  cancelAll(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
