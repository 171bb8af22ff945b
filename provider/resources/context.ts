// Provider settings come from the stack's `digicert:*` config (handed to `configure`
// by the dynamic-provider host, or read from the program's config for functions) or
// from environment variables. They live in this module's memory only: nothing here
// is ever captured into the serialized provider, so the key never reaches state.
import { DigiCertClient, DigiCertConfigError, DigiCertInsecureUrlError } from "../digicert";
import type { Logger } from "./log";

export const DEFAULT_BASE_URL = "https://www.digicert.com/services/v2";

export interface ConfigSource {
  get(key: string): unknown;
}

export interface ProviderSettings {
  readonly apiKey: string | undefined;
  readonly baseUrl: string;
  readonly allowInsecureHttp: boolean;
  /** How long create waits for an order or reissue to be approved and issued before returning it as pending. */
  readonly waitForIssuanceSeconds: number;
  /** Per request attempt; undefined: the client's default. */
  readonly timeoutSeconds: number | undefined;
  /** After an order or reissue POST failed ambiguously: how long create keeps looking for what it may have placed. */
  readonly orderLookupSeconds: number;
}

/** Each setting: its stack config key and its environment variable. */
export const SETTINGS = {
  apiKey: { config: "digicert:apiKey", env: "DIGICERT_API_KEY" },
  baseUrl: { config: "digicert:baseUrl", env: "DIGICERT_BASE_URL" },
  allowInsecureHttp: { config: "digicert:allowInsecureHttp", env: "DIGICERT_ALLOW_INSECURE_HTTP" },
  waitForIssuanceSeconds: { config: "digicert:waitForIssuanceSeconds", env: "DIGICERT_WAIT_FOR_ISSUANCE_SECONDS" },
  timeoutSeconds: { config: "digicert:timeoutSeconds", env: "DIGICERT_TIMEOUT_SECONDS" },
  orderLookupSeconds: { config: "digicert:orderLookupSeconds", env: "DIGICERT_ORDER_LOOKUP_SECONDS" },
} as const;

const DEFAULT_WAIT_SECONDS = 60;
// DigiCert may still be processing a POST whose answer was lost (a gateway timeout):
// a minute covers its processing time by a wide margin.
const DEFAULT_ORDER_LOOKUP_SECONDS = 60;

function seconds(
  config: ConfigSource | undefined,
  env: NodeJS.ProcessEnv,
  s: { config: string; env: string },
  opts: { positive: boolean },
): number | undefined {
  const raw = pick(config, env, s);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || (opts.positive && n === 0)) {
    throw new DigiCertConfigError(`${s.config} (or ${s.env}) must be a number of seconds, ${opts.positive ? "more than 0" : "0 or more"}`);
  }
  return n;
}

function pick(config: ConfigSource | undefined, env: NodeJS.ProcessEnv, s: { config: string; env: string }): string | undefined {
  const fromConfig = config?.get(s.config);
  if (fromConfig !== undefined && fromConfig !== null && String(fromConfig) !== "") return String(fromConfig);
  const fromEnv = env[s.env];
  return fromEnv === undefined || fromEnv === "" ? undefined : fromEnv;
}

export function resolveSettings(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  return {
    apiKey: pick(config, env, SETTINGS.apiKey),
    baseUrl: pick(config, env, SETTINGS.baseUrl) ?? DEFAULT_BASE_URL,
    allowInsecureHttp: /^(1|true|yes)$/i.test(pick(config, env, SETTINGS.allowInsecureHttp) ?? ""),
    waitForIssuanceSeconds: seconds(config, env, SETTINGS.waitForIssuanceSeconds, { positive: false }) ?? DEFAULT_WAIT_SECONDS,
    timeoutSeconds: seconds(config, env, SETTINGS.timeoutSeconds, { positive: true }),
    orderLookupSeconds: seconds(config, env, SETTINGS.orderLookupSeconds, { positive: false }) ?? DEFAULT_ORDER_LOOKUP_SECONDS,
  };
}

/** The client's refusal of plain http, in terms of the stack settings that change it. */
function insecureHttpError(cause: DigiCertInsecureUrlError): DigiCertConfigError {
  return new DigiCertConfigError(
    `${SETTINGS.baseUrl.config} ${cause.url} uses plain http to a host that is not loopback: the API key would travel in clear text. ` +
      `Use https, or set ${SETTINGS.allowInsecureHttp.config} (or ${SETTINGS.allowInsecureHttp.env}) to true if you really mean it.`,
    { cause },
  );
}

export function missingKeyError(): DigiCertConfigError {
  return new DigiCertConfigError(
    `DigiCert API key is not set: set it with \`pulumi config set --secret ${SETTINGS.apiKey.config} <key>\` ` +
      `or in the ${SETTINGS.apiKey.env} environment variable.`,
  );
}

/** Settings and one client per process, shared by every resource the host serves. */
export class ProviderContext {
  private settingsValue: ProviderSettings | undefined;
  private clientValue: DigiCertClient | undefined;

  /** `log` receives the client's retry warnings, so a slow step says why. */
  constructor(private readonly log?: Logger) {}

  configure(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): void {
    this.settingsValue = resolveSettings(config, env);
    this.clientValue = undefined;
  }

  get settings(): ProviderSettings {
    if (!this.settingsValue) this.settingsValue = resolveSettings(undefined);
    return this.settingsValue;
  }

  /** The client; fails with one clear error when no key is set, naming both ways to set it. */
  client(): DigiCertClient {
    if (this.clientValue) return this.clientValue;
    const s = this.settings;
    if (!s.apiKey) throw missingKeyError();
    const log = this.log;
    try {
      this.clientValue = new DigiCertClient({
        apiKey: s.apiKey,
        baseUrl: s.baseUrl,
        allowInsecureHttp: s.allowInsecureHttp,
        ...(s.timeoutSeconds !== undefined ? { timeoutMs: s.timeoutSeconds * 1000 } : {}),
        ...(log ? { log: (level: string, message: string) => (level === "warn" ? log.warn(message) : undefined) } : {}),
      });
    } catch (err) {
      throw err instanceof DigiCertInsecureUrlError ? insecureHttpError(err) : err;
    }
    return this.clientValue;
  }
}
