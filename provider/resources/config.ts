// Provider settings come from the stack's `digicert:*` config (handed to `configure`
// by the dynamic-provider host, or read from the program's config for functions) or
// from environment variables. They live in this module's memory only: nothing here
// is ever captured into the serialized provider, so the key never reaches state.
import { DigiCertClient, DigiCertConfigError } from "../digicert";

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
}

/** Each setting: its stack config key and its environment variable. */
export const SETTINGS = {
  apiKey: { config: "digicert:apiKey", env: "DIGICERT_API_KEY" },
  baseUrl: { config: "digicert:baseUrl", env: "DIGICERT_BASE_URL" },
  allowInsecureHttp: { config: "digicert:allowInsecureHttp", env: "DIGICERT_ALLOW_INSECURE_HTTP" },
  waitForIssuanceSeconds: { config: "digicert:waitForIssuanceSeconds", env: "DIGICERT_WAIT_FOR_ISSUANCE_SECONDS" },
} as const;

const DEFAULT_WAIT_SECONDS = 60;

function pick(config: ConfigSource | undefined, env: NodeJS.ProcessEnv, s: { config: string; env: string }): string | undefined {
  const fromConfig = config?.get(s.config);
  if (fromConfig !== undefined && fromConfig !== null && String(fromConfig) !== "") return String(fromConfig);
  const fromEnv = env[s.env];
  return fromEnv === undefined || fromEnv === "" ? undefined : fromEnv;
}

export function resolveSettings(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  const wait = pick(config, env, SETTINGS.waitForIssuanceSeconds);
  const waitSeconds = wait === undefined ? DEFAULT_WAIT_SECONDS : Number(wait);
  if (!Number.isFinite(waitSeconds) || waitSeconds < 0) {
    throw new DigiCertConfigError(
      `${SETTINGS.waitForIssuanceSeconds.config} (or ${SETTINGS.waitForIssuanceSeconds.env}) must be a number of seconds, 0 or more`,
    );
  }
  return {
    apiKey: pick(config, env, SETTINGS.apiKey),
    baseUrl: pick(config, env, SETTINGS.baseUrl) ?? DEFAULT_BASE_URL,
    allowInsecureHttp: /^(1|true|yes)$/i.test(pick(config, env, SETTINGS.allowInsecureHttp) ?? ""),
    waitForIssuanceSeconds: waitSeconds,
  };
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
    this.clientValue = new DigiCertClient({ apiKey: s.apiKey, baseUrl: s.baseUrl, allowInsecureHttp: s.allowInsecureHttp });
    return this.clientValue;
  }
}
