// The settings and the client one process shares. Settings come from the stack's
// `digicert:*` config (handed to `configure` by the dynamic-provider host, or read from
// the program's config for functions) or from environment variables. They live in this
// module's memory only: nothing here is ever captured into the serialized provider, so
// the key never reaches state.
import {
  DigiCertClient,
  DigiCertConfigError,
  DigiCertForeignHostError,
  DigiCertInsecureUrlError,
  DigiCertServicesPathError,
  validateBaseUrl,
} from "../../digicert";
import type { Logger } from "./log";
import { rateBudgetDir, testRateLimits } from "./rate-budget";
import {
  SETTINGS,
  resolveSettings,
  settingFailures,
  type ConfigSource,
  type ProviderSettings,
  type Setting,
  type SettingFailure,
  type SettingName,
} from "./settings";

export type { ConfigSource };

/** The client's refusal of plain http, in terms of the stack settings that change it. */
function insecureHttpError(cause: DigiCertInsecureUrlError): DigiCertConfigError {
  return new DigiCertConfigError(
    `${SETTINGS.baseUrl.config} ${cause.url} uses plain http to a host that is not loopback: the API key would travel in clear text. ` +
      `Use https, or set ${SETTINGS.allowInsecureHttp.config} (or ${SETTINGS.allowInsecureHttp.env}) to true if you really mean it.`,
    { cause },
  );
}

const named = (s: { config: string; env: string }): string => `${s.config} (or ${s.env})`;

/** The client's refusals of the base URL, in terms of the stack settings that change them. */
function settingError(err: unknown): unknown {
  if (err instanceof DigiCertInsecureUrlError) return insecureHttpError(err);
  if (err instanceof DigiCertForeignHostError) {
    return new DigiCertForeignHostError(err.url, named(SETTINGS.baseUrl), `${named(SETTINGS.allowNonDigicertHost)} to true`);
  }
  if (err instanceof DigiCertServicesPathError) {
    return new DigiCertServicesPathError(err.url, named(SETTINGS.baseUrl));
  }
  return err;
}

export function missingKeyError(): DigiCertConfigError {
  return new DigiCertConfigError(
    `DigiCert API key is not set: set it with \`pulumi config set --secret ${SETTINGS.apiKey.config} <key>\` ` +
      `or in the ${SETTINGS.apiKey.env} environment variable.`,
  );
}

/**
 * What is wrong with a provider configuration, each failure naming its setting, before
 * any request: each value through its parser, then the base URL by the client's own rule
 * (DigiCert's hosts or loopback; plain http to loopback only). The key's presence is not
 * judged here: it may come from DIGICERT_API_KEY, and a preview needs none.
 */
export function configFailures(config: ConfigSource, isUnknown: (v: unknown) => boolean = () => false): SettingFailure[] {
  const failures = settingFailures(config, isUnknown);
  const judged: SettingName[] = ["baseUrl", "allowInsecureHttp", "allowNonDigicertHost"];
  if (failures.some((f) => judged.includes(f.setting))) return failures;
  const raw = config.get(SETTINGS.baseUrl.config);
  if (raw === undefined || raw === null || String(raw) === "" || isUnknown(raw)) return failures;
  // An override not known yet (computed at preview) may allow it: judged at up.
  const overrides = [SETTINGS.allowInsecureHttp, SETTINGS.allowNonDigicertHost];
  if (overrides.some((s) => isUnknown(config.get(s.config)))) return failures;
  const allowed = (s: Setting<boolean>): boolean => {
    const v = config.get(s.config);
    const parsed = v === undefined || v === null ? undefined : s.parse(String(v));
    return parsed !== undefined && "value" in parsed && parsed.value;
  };
  try {
    validateBaseUrl(String(raw), {
      allowInsecureHttp: allowed(SETTINGS.allowInsecureHttp),
      allowNonDigicertHost: allowed(SETTINGS.allowNonDigicertHost),
    });
  } catch (err) {
    const cause = settingError(err);
    if (!(cause instanceof DigiCertConfigError)) throw err;
    failures.push({ setting: "baseUrl", reason: cause.message });
  }
  return failures;
}

function sameSettings(a: ProviderSettings, b: ProviderSettings): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => Object.is(a[k as keyof ProviderSettings], b[k as keyof ProviderSettings]));
}

function rateLimitsFrom(env: NodeJS.ProcessEnv): { rateLimits?: { limit: number; windowMs: number }[] } {
  const windows = testRateLimits(env);
  return windows === undefined ? {} : { rateLimits: windows };
}

export type RevokeScope = "certificate" | "order";

/** Settings and one client per process, shared by every resource the host serves. */
export class ProviderContext {
  private settingsValue: ProviderSettings | undefined;
  private clientValue: DigiCertClient | undefined;
  private env: NodeJS.ProcessEnv = process.env;

  /**
   * Each order's revoke scope as this process last saw it (the order's create, update,
   * read or diff), by order id: what the order's OrderCtStatus keeps, so that a destroy,
   * which deletes every CT status before any order, reads ahead only the orders whose
   * revoke by certificate will read them.
   */
  readonly revokeScopes = new Map<number, RevokeScope>();

  /** `log` receives the client's retry warnings, so a slow step says why. */
  constructor(private readonly log?: Logger) {}

  /**
   * The dynamic-provider host configures before every call of every resource (each
   * serialized provider installs itself): the client, with its shared reads, is kept
   * while the settings stay the same, and made anew only when they change.
   */
  configure(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): void {
    this.env = env;
    const next = resolveSettings(config, env);
    if (this.settingsValue !== undefined && sameSettings(this.settingsValue, next)) return;
    this.settingsValue = next;
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
        allowNonDigicertHost: s.allowNonDigicertHost,
        // A secret: the client shows it only without credentials.
        ...(s.proxyUrl !== undefined ? { proxyUrl: s.proxyUrl } : {}),
        // HTTPS_PROXY / NO_PROXY from the environment this context was configured with.
        env: this.env,
        ...(s.timeoutSeconds !== undefined ? { timeoutMs: s.timeoutSeconds * 1000 } : {}),
        rateLimitWaitMs: s.rateLimitWaitSeconds * 1000,
        rateLimitWaitSetting: `${SETTINGS.rateLimitWaitSeconds.config} (or ${SETTINGS.rateLimitWaitSeconds.env})`,
        apiKeySetting: `${SETTINGS.apiKey.config} (or ${SETTINGS.apiKey.env})`,
        baseUrlSetting: named(SETTINGS.baseUrl),
        rateLedgerDir: rateBudgetDir(s.journalDir, this.env),
        ...rateLimitsFrom(this.env),
        ...(log ? { log: (level: string, message: string) => (level === "warn" ? log.warn(message) : undefined) } : {}),
      });
    } catch (err) {
      throw settingError(err);
    }
    return this.clientValue;
  }
}
