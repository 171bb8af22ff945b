// The provider's settings, each written once: its stack config key, environment
// variable, default, parser and meaning. The resolver below, schema.json's config
// section and the README's settings table are all derived from this table.
import { DEFAULT_BASE_URL, DEFAULT_RETRY_POLICY, DEFAULT_TIMEOUT_MS, DigiCertConfigError, checkProxyUrl } from "../../digicert";

type Parsed<T> = { value: T } | { invalid: string };

export interface Setting<T> {
  /** The stack config key: `pulumi config set digicert:<name>`. */
  readonly config: string;
  readonly env: string;
  /** The value's type in schema.json. */
  readonly type: "string" | "boolean" | "number";
  /** Set with `pulumi config set --secret`; never shown. */
  readonly secret: boolean;
  readonly default: T;
  /** The default as the docs state it, when the value itself does not say it (left to the client). */
  readonly shownDefault?: string;
  /** The value from its text, or why the text is not one: the error names the setting. */
  readonly parse: (raw: string) => Parsed<T>;
  /** What it means, for users: schema.json and the README say it in these words. */
  readonly description: string;
}

const setting = <T>(s: Setting<T>): Setting<T> => s;

const text = (raw: string): Parsed<string> => ({ value: raw });
const proxyUrl = (raw: string): Parsed<string> => {
  const checked = checkProxyUrl(raw);
  return "invalid" in checked ? { invalid: checked.invalid } : { value: raw };
};
const flag = (raw: string): Parsed<boolean> => ({ value: /^(1|true|yes)$/i.test(raw) });
const amount = (unit: "seconds" | "hours", opts: { positive: boolean }) => (raw: string): Parsed<number> => {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || (opts.positive && n === 0)) {
    return { invalid: `must be a number of ${unit}, ${opts.positive ? "more than 0" : "0 or more"}` };
  }
  return { value: n };
};
const seconds = (opts: { positive: boolean }) => amount("seconds", opts);

// DigiCert may still be processing a POST whose answer was lost (a gateway timeout):
// a minute covers its processing time by a wide margin.
const DEFAULT_ORDER_LOOKUP_SECONDS = 60;

// An interrupted CI job is usually rerun the same day; a day also keeps the list short.
const DEFAULT_ORDER_LOOKBACK_HOURS = 24;

// CertCentral's long window is 3 minutes: a wait longer than it outlasts any other
// stack's burst on the same key.
const DEFAULT_RATE_LIMIT_WAIT_SECONDS = 300;

export const SETTINGS = {
  apiKey: setting<string | undefined>({
    config: "digicert:apiKey",
    env: "DIGICERT_API_KEY",
    type: "string",
    secret: true,
    default: undefined,
    parse: text,
    description:
      "CertCentral API key, sent as `X-DC-DEVKEY`. Never in a digicert resource's state; in state only encrypted, on the provider it configures (`pulumi-nodejs` for the dynamic resources; the plugin's `digicert`, a secret even if given in plain text).",
  }),
  baseUrl: setting({
    config: "digicert:baseUrl",
    env: "DIGICERT_BASE_URL",
    type: "string",
    secret: false,
    default: DEFAULT_BASE_URL,
    parse: text,
    description: "CertCentral Services API v2 base URL (EU accounts: `https://certcentral.digicert.eu/services/v2`).",
  }),
  allowInsecureHttp: setting({
    config: "digicert:allowInsecureHttp",
    env: "DIGICERT_ALLOW_INSECURE_HTTP",
    type: "boolean",
    secret: false,
    default: false,
    parse: flag,
    description: "Allow a plain `http://` base URL that is not loopback; otherwise it is refused before any request.",
  }),
  allowNonDigicertHost: setting({
    config: "digicert:allowNonDigicertHost",
    env: "DIGICERT_ALLOW_NON_DIGICERT_HOST",
    type: "boolean",
    secret: false,
    default: false,
    parse: flag,
    description:
      "Allow a base URL outside DigiCert's hosts (`*.digicert.com`, `*.digicert.eu`) and loopback: the API key goes to that host.",
  }),
  proxyUrl: setting<string | undefined>({
    config: "digicert:proxyUrl",
    env: "DIGICERT_PROXY_URL",
    type: "string",
    secret: true,
    // Unset: HTTPS_PROXY / HTTP_PROXY, read where the provider runs.
    default: undefined,
    shownDefault: "$HTTPS_PROXY",
    parse: proxyUrl,
    description:
      "Proxy for DigiCert's requests (`http://[user:pass@]host:port`); `NO_PROXY` applies.",
  }),
  waitForIssuanceSeconds: setting({
    config: "digicert:waitForIssuanceSeconds",
    env: "DIGICERT_WAIT_FOR_ISSUANCE_SECONDS",
    type: "number",
    secret: false,
    default: 60,
    parse: seconds({ positive: false }),
    description:
      "How long create waits for approval and issuance, logging progress; after that the order is recorded as pending and `pulumi refresh` picks up its issuance.",
  }),
  timeoutSeconds: setting<number | undefined>({
    config: "digicert:timeoutSeconds",
    env: "DIGICERT_TIMEOUT_SECONDS",
    type: "number",
    secret: false,
    // Unset: the client's own default, stated below.
    default: undefined,
    shownDefault: String(DEFAULT_TIMEOUT_MS / 1000),
    parse: seconds({ positive: true }),
    description: `Timeout of each HTTP request to DigiCert, per attempt, in seconds (idempotent requests are tried up to ${DEFAULT_RETRY_POLICY.limit + 1} times).`,
  }),
  orderLookupSeconds: setting({
    config: "digicert:orderLookupSeconds",
    env: "DIGICERT_ORDER_LOOKUP_SECONDS",
    type: "number",
    secret: false,
    default: DEFAULT_ORDER_LOOKUP_SECONDS,
    parse: seconds({ positive: false }),
    description:
      "When an order or reissue request failed without a definite answer (timeout, reset, 5xx), how long create keeps looking for what it may have placed before reporting that nothing was placed.",
  }),
  orderLookbackHours: setting({
    config: "digicert:orderLookbackHours",
    env: "DIGICERT_ORDER_LOOKBACK_HOURS",
    type: "number",
    secret: false,
    default: DEFAULT_ORDER_LOOKBACK_HOURS,
    parse: amount("hours", { positive: false }),
    description:
      "How far back create looks, before ordering, for an order with the same certificate that no resource holds (an interrupted run's elsewhere): it then stops and names it. 0: 15 minutes.",
  }),
  rateLimitWaitSeconds: setting({
    config: "digicert:rateLimitWaitSeconds",
    env: "DIGICERT_RATE_LIMIT_WAIT_SECONDS",
    type: "number",
    secret: false,
    default: DEFAULT_RATE_LIMIT_WAIT_SECONDS,
    parse: seconds({ positive: false }),
    description:
      "How long a request refused with 429 (rate limit spent) waits and is resent; 0: fail at once.",
  }),
  journalDir: setting<string | undefined>({
    config: "digicert:journalDir",
    env: "DIGICERT_JOURNAL_DIR",
    type: "string",
    secret: false,
    // Unset: beside the engine's state, resolved where the provider runs.
    default: undefined,
    shownDefault: "$PULUMI_HOME/digicert-journal",
    parse: text,
    description:
      "Folder of the record written before and after each order or reissue POST, so that a create interrupted by a killed `pulumi up` is recovered without ordering again (see docs/interrupted-runs.md). Keep it on storage the next run sees (CI: a cache).",
  }),
};

export type SettingName = keyof typeof SETTINGS;
type ValueOf<S> = S extends Setting<infer T> ? T : never;


/** Every setting's value: from stack config, else the environment, else its default. */
export type ProviderSettings = { readonly [K in SettingName]: ValueOf<(typeof SETTINGS)[K]> };

export interface ConfigSource {
  get(key: string): unknown;
}

/** The setting's text: stack config first, then the environment; empty counts as unset. */
function pick(config: ConfigSource | undefined, env: NodeJS.ProcessEnv, s: Setting<unknown>): string | undefined {
  const fromConfig = config?.get(s.config);
  if (fromConfig !== undefined && fromConfig !== null && String(fromConfig) !== "") return String(fromConfig);
  const fromEnv = env[s.env];
  return fromEnv === undefined || fromEnv === "" ? undefined : fromEnv;
}

function resolve<T>(s: Setting<T>, config: ConfigSource | undefined, env: NodeJS.ProcessEnv): T {
  const raw = pick(config, env, s);
  if (raw === undefined) return s.default;
  const parsed = s.parse(raw);
  if ("invalid" in parsed) throw new DigiCertConfigError(`${s.config} (or ${s.env}) ${parsed.invalid}`);
  return parsed.value;
}

/** Every setting of a table, resolved. */
export function resolveTable<T extends Record<string, Setting<unknown>>>(
  table: T,
  config: ConfigSource | undefined,
  env: NodeJS.ProcessEnv,
): { readonly [K in keyof T]: ValueOf<T[K]> } {
  const entries = Object.entries(table).map(([name, s]) => [name, resolve(s, config, env)]);
  // One entry per setting of the table, each from its own parser: the mapped type holds.
  return Object.fromEntries(entries) as { readonly [K in keyof T]: ValueOf<T[K]> };
}

export function resolveSettings(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  return resolveTable(SETTINGS, config, env);
}

/** The default as the docs state it. */
export function shownDefault(s: Setting<unknown>): string | undefined {
  return s.shownDefault ?? (s.default === undefined ? undefined : String(s.default));
}

/** One setting given a value its parser refuses: the setting's name (`baseUrl`) and why. */
export interface SettingFailure {
  readonly setting: SettingName;
  readonly reason: string;
}

/**
 * The values `config` gives that their settings refuse, each named by its setting: what
 * the resolver would throw on, found all at once (a plugin's CheckConfig, at preview).
 * Values not yet known (`isUnknown`) are not judged.
 */
export function settingFailures(config: ConfigSource, isUnknown: (v: unknown) => boolean = () => false): SettingFailure[] {
  const failures: SettingFailure[] = [];
  for (const [name, s] of Object.entries(SETTINGS) as [SettingName, Setting<unknown>][]) {
    const raw = config.get(s.config);
    if (raw === undefined || raw === null || String(raw) === "" || isUnknown(raw)) continue;
    const parsed = s.parse(String(raw));
    if ("invalid" in parsed) failures.push({ setting: name, reason: `${s.config} ${parsed.invalid}` });
  }
  return failures;
}
