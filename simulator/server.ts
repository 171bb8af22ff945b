// The HTTP server: routes /__admin to the controls and /services/v2 to the fake
// CertCentral, applying faults, latency, the API key check and rate limits first.
import * as http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { SimulatorAdmin } from "./admin";
import { handleAdmin } from "./admin-routes";
import type { ApiResponse } from "./api";
import { ApiError, errorBody } from "./errors";
import { faultLabel } from "./faults";
import { parseJson, readBody, send, Sleeper, toResponse } from "./http";
import { findRoute } from "./routes";
import { Runtime } from "./runtime";
import type { FaultSpec, SimulatorOptions } from "./types";

export const API_PREFIX = "/services/v2";
const ADMIN_PREFIX = "/__admin";

export interface Simulator {
  url: string;
  baseUrl: string;
  port: number;
  admin: SimulatorAdmin;
  close(): Promise<void>;
}

const FAULT_CODES: Record<number, string> = {
  403: "access_denied|missing_permission",
  429: "request_limit_exceeded",
  500: "internal_server_error",
  502: "bad_gateway",
  503: "service_unavailable",
  504: "gateway_timeout",
};

function faultResponse(spec: FaultSpec): { response: ApiResponse; headers: Record<string, string> } {
  const status = spec.status ?? 500;
  const code = FAULT_CODES[status] ?? "injected_fault";
  return {
    response: { status, json: errorBody([{ code, message: `fault injected by the simulator (${status})` }]) },
    headers: spec.retryAfter !== undefined ? { "retry-after": String(spec.retryAfter) } : {},
  };
}

function invalidKey(): ApiError {
  return ApiError.of(403, "access_denied|access_denied_invalid_key", "Access denied due to access_denied_invalid_key.");
}

function processApi(rt: Runtime, req: http.IncomingMessage, inApi: boolean, apiPath: string, query: URLSearchParams, raw: string): ApiResponse {
  const method = req.method ?? "GET";
  const now = Date.now() + rt.settings.clockOffsetMs;
  try {
    if (!inApi) throw ApiError.of(404, "not_found|route", `no route for ${method} ${apiPath}`);
    const key = req.headers["x-dc-devkey"];
    // As recorded from www.digicert.com (GET /account with a bad key, 2023-10-13): 403 and
    // this compound code, not 401. A missing key is answered the same (not recorded).
    // The key itself never goes into a message: messages end up in logs.
    if (typeof key !== "string" || key === "" || !rt.apiKeys.has(key)) throw invalidKey();
    if (!rt.limiter.admit(key, rt.settings.rateLimits, now)) {
      throw ApiError.of(429, "request_limit_exceeded", "Service unavailable, please limit request volume");
    }
    const { handler, params } = findRoute(method, apiPath);
    const body = method === "GET" || method === "DELETE" || method === "HEAD" ? undefined : parseJson(raw);
    return handler({ ...rt.ctx(now), params, query, body });
  } catch (err) {
    return toResponse(err);
  }
}

async function handleApi(
  rt: Runtime,
  sleeper: Sleeper,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  path: string,
  query: URLSearchParams,
): Promise<void> {
  const method = req.method ?? "GET";
  const inApi = path.startsWith(`${API_PREFIX}/`);
  const apiPath = inApi ? path.slice(API_PREFIX.length) : path;
  const at = Date.now();
  const fault = rt.faults.take(method, apiPath);
  const record = (status: number): void =>
    rt.log.record({ method, path: apiPath, status, at, ...(fault ? { fault: faultLabel(fault) } : {}) });

  if (fault?.kind === "reset" && fault.when !== "after") {
    record(0);
    req.socket.destroy();
    return;
  }
  let raw = "";
  let bodyError: ApiResponse | undefined;
  try {
    raw = await readBody(req);
  } catch (err) {
    bodyError = toResponse(err);
  }
  if (fault?.kind === "latency") await sleeper.sleep(fault.latencyMs ?? 0);
  await sleeper.sleep(rt.settings.latencyMs);

  let headers: Record<string, string> = {};
  let response: ApiResponse;
  if (fault?.kind === "status") ({ response, headers } = faultResponse(fault));
  else response = bodyError ?? processApi(rt, req, inApi, apiPath, query, raw);
  try {
    rt.store.flush();
  } catch (err) {
    response = toResponse(err);
  }
  if (fault?.kind === "body") {
    // Done and persisted, answered with something else: a proxy's page, a mangled id.
    response = { status: fault.status ?? 200, text: fault.body ?? "", contentType: fault.contentType ?? "text/html" };
  }
  if (fault?.kind === "reset") {
    // "after": the work is done and persisted, but the client never hears about it.
    record(0);
    req.socket.destroy();
    return;
  }
  // DigiCert's clock, as its answers carry it (RFC 9110 Date, whole seconds).
  send(res, response, { date: new Date(Date.now() + rt.settings.clockOffsetMs).toUTCString(), ...headers });
  record(response.status);
}

async function handleAdminRequest(rt: Runtime, req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> {
  let response: ApiResponse;
  try {
    const raw = await readBody(req);
    response = handleAdmin(rt, req.method ?? "GET", path, parseJson(raw));
    rt.store.flush();
  } catch (err) {
    response = toResponse(err);
  }
  send(res, response);
}

function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const rt = new Runtime(opts);
  const sleeper = new Sleeper();
  const sockets = new Set<Socket>();

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://simulator");
    const path = url.pathname;
    const isAdmin = path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`);
    const work = isAdmin ? handleAdminRequest(rt, req, res, path) : handleApi(rt, sleeper, req, res, path, url.searchParams);
    work.catch((err: unknown) => send(res, toResponse(err)));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${urlHost(host)}:${port}`;

  let closed: Promise<void> | undefined;
  return {
    url,
    baseUrl: url + API_PREFIX,
    port,
    admin: new SimulatorAdmin(url),
    close(): Promise<void> {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        sleeper.cancelAll();
        // Keep-alive sockets would hold server.close() (and jest) open until they time out.
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
  };
}
