// The native plugin's provider: the engine's calls, by type token, onto the same
// implementations the dynamic resources use (serving/registry.ts). It knows nothing of
// gRPC (server.ts turns messages into these calls); it does what a dynamic-provider host
// does for the dynamic serving: configuration, secrets, and the resource's name.
//
// One plugin process serves one provider: the default one (the stack's `digicert:*`
// config) or one explicit `digicert:index:Provider` (its arguments). So one context per
// process, configured by Configure, is the provider's configuration. PULUMI_CONFIG, the
// stack's config the engine also puts in every plugin's environment, is not read: an
// explicit provider must not inherit the default one's settings.
import { RESOURCES, FUNCTIONS, FUNCTION_SECRETS, SECRET_OUTPUTS, resourceProviders, type ResourceKind, type ResourceProviders } from "../registry";
import { ProviderContext, configFailures, type ConfigSource } from "../../kit/runtime/context";
import { SETTINGS, type SettingName } from "../../kit/runtime/settings";
import { getOrderDuplicates } from "../../kinds/get-order-duplicates/function";
import { bundlePkcs12 } from "../../credentials/pkcs12-inputs";
import { OWNER_KEY, UNKNOWN } from "../../kit/inputs/check";
import { failuresForEngine } from "../../kit/inputs/engine-failures";
import { changedKeys } from "../../kit/inputs/equal";
import type { CheckFailure } from "../../kit/runtime/errors";
import type { Logger } from "../../kit/runtime/log";
import { conceal, reveal, type Bag } from "./wire";

export const PACKAGE = "digicert";
const MODULE = "index";

/** `digicert:index:<Kind>`, as schema.json names it. */
export const resourceToken = (kind: string): string => `${PACKAGE}:${MODULE}:${kind}`;

/** Outputs that are secrets whatever the inputs (registry.ts); the dynamic serving marks them with additionalSecretOutputs. */
const secretOutputs = (kind: ResourceKind): ReadonlySet<string> => new Set(SECRET_OUTPUTS[kind] ?? []);

/** Provider inputs the engine itself adds, which are not settings. */
const ENGINE_PROVIDER_KEYS = new Set(["version", "pluginDownloadURL"]);

const isUnknown = (v: unknown): boolean => v === UNKNOWN;

/** A URN's parts: `urn:pulumi:<stack>::<project>::<parent$type>::<name>`. */
export function parseUrn(urn: string): { stack: string; project: string; type: string; name: string } {
  const parts = urn.split("::");
  const stack = (parts[0] ?? "").replace(/^urn:pulumi:/, "");
  const type = (parts[2] ?? "").split("$").pop() ?? "";
  return { stack, project: parts[1] ?? "", type, name: parts.slice(3).join("::") };
}

export class UnknownTokenError extends Error {
  override name = "UnknownTokenError";
}

/**
 * The engine's bags a setting is read from: Configure's arguments, by setting name.
 * CheckConfig keeps the values not known yet (`keepUnknown`), so as not to judge them.
 */
function configSource(args: Bag, keepUnknown = false): ConfigSource {
  const byConfigKey = new Map<string, SettingName>((Object.keys(SETTINGS) as SettingName[]).map((n) => [SETTINGS[n].config, n]));
  return {
    get: (key) => {
      const name = byConfigKey.get(key);
      const v = name === undefined ? undefined : args[name];
      return v === UNKNOWN && !keepUnknown ? undefined : v;
    },
  };
}

export interface CheckAnswer {
  readonly inputs: Bag;
  readonly failures: readonly CheckFailure[];
}

export interface DiffAnswer {
  readonly changes: boolean;
  readonly replaces: readonly string[];
  readonly diffs: readonly string[];
  readonly deleteBeforeReplace: boolean;
}

/** A Configure after the first: refused, the settings stay the engine's. */
export class AlreadyConfiguredError extends Error {
  override name = "AlreadyConfiguredError";
}

export class NativeProvider {
  readonly ctx: ProviderContext;
  private readonly providers: ResourceProviders;

  constructor(
    readonly version: string,
    log: Logger,
  ) {
    this.ctx = new ProviderContext(log);
    this.providers = resourceProviders(this.ctx, log);
  }

  private kindOf(type: string, urn: string): ResourceKind {
    const token = type !== "" ? type : parseUrn(urn).type;
    const def = RESOURCES.find((r) => resourceToken(r.kind) === token);
    if (def === undefined) throw new UnknownTokenError(`${PACKAGE}: unknown resource type ${token}; this plugin serves ${RESOURCES.map((r) => resourceToken(r.kind)).join(", ")}`);
    return def.kind;
  }

  /**
   * The hidden owner the SDK's dynamic resources pass (`project/stack/Kind/name`): the
   * journal keys its records by it. Here the engine names the resource itself.
   */
  private owned(bag: Bag, kind: ResourceKind, urn: string): Bag {
    const u = parseUrn(urn);
    return u.name === "" ? bag : { ...bag, [OWNER_KEY]: `${u.project}/${u.stack}/${kind}/${u.name}` };
  }

  // ---------------------------------------------------------------- configuration

  /** The provider's arguments, each setting checked by its own rules; the key is kept a secret. */
  checkConfig(news: Bag): CheckAnswer {
    const { bag, secrets } = reveal(news);
    const failures: CheckFailure[] = [];
    const known = new Set<string>(Object.keys(SETTINGS));
    for (const key of Object.keys(bag)) {
      if (!known.has(key) && !ENGINE_PROVIDER_KEYS.has(key)) {
        failures.push({ property: key, reason: `unknown setting "${key}"; allowed settings: ${[...known].join(", ")}` });
      }
    }
    for (const f of configFailures(configSource(bag, true), isUnknown)) failures.push({ property: f.setting, reason: f.reason });
    const secretSettings = new Set((Object.keys(SETTINGS) as SettingName[]).filter((n) => SETTINGS[n].secret));
    return { inputs: conceal(bag, secrets, secretSettings), failures };
  }

  /** A change of settings changes the provider in place: replacing it would replace every order it holds. */
  diffConfig(olds: Bag, news: Bag): DiffAnswer {
    const o = reveal(olds).bag;
    const n = reveal(news).bag;
    const diffs = changedKeys(o, n, Object.keys(SETTINGS));
    return { changes: diffs.length > 0, replaces: [], diffs, deleteBeforeReplace: false };
  }

  #configured = false;

  /**
   * Settings from the provider's arguments (or the stack's config, for the default
   * provider); the environment fills the rest. Once: the engine configures each plugin
   * process once, and its port is open to every local user (as every Pulumi plugin's),
   * so a later Configure is someone else pointing the plugin, and its key, elsewhere.
   */
  configure(args: Bag): void {
    if (this.#configured) {
      throw new AlreadyConfiguredError(
        "this provider plugin is configured already; a second Configure is refused and nothing is sent (the engine configures a plugin once: another local client may be calling its port)",
      );
    }
    this.ctx.configure(configSource(reveal(args).bag));
    this.#configured = true;
  }

  // ---------------------------------------------------------------- resources

  async check(type: string, urn: string, olds: Bag, news: Bag): Promise<CheckAnswer> {
    const kind = this.kindOf(type, urn);
    const n = reveal(news);
    const r = await this.providers[kind].check(reveal(olds).bag, n.bag);
    const { [OWNER_KEY]: _owner, ...inputs } = r.inputs ?? n.bag;
    // Filed so that the engine prints no `value {<nil>}` (kit/inputs/engine-failures.ts).
    return { inputs: conceal(inputs, n.secrets), failures: failuresForEngine(r.failures ?? [], inputs) };
  }

  async diff(type: string, urn: string, id: string, olds: Bag, news: Bag): Promise<DiffAnswer> {
    const kind = this.kindOf(type, urn);
    const o = reveal(olds).bag;
    const n = this.owned(reveal(news).bag, kind, urn);
    const r = await this.providers[kind].diff(id, o, n);
    const def = RESOURCES.find((d) => d.kind === kind)!;
    const replaces = r.replaces ?? [];
    const diffs = [...new Set([...replaces, ...changedKeys(o, n, [...def.replaceKeys, ...def.updateKeys])])];
    return { changes: r.changes === true, replaces, diffs, deleteBeforeReplace: r.deleteBeforeReplace === true };
  }

  async create(type: string, urn: string, news: Bag): Promise<{ id: string; outs: Bag }> {
    const kind = this.kindOf(type, urn);
    const n = reveal(news);
    const r = await this.providers[kind].create(this.owned(n.bag, kind, urn));
    return { id: r.id, outs: conceal(r.outs ?? {}, n.secrets, secretOutputs(kind)) };
  }

  /** Refresh, or (with no state) `pulumi import`: an empty id means the resource is gone. */
  async read(type: string, urn: string, id: string, props: Bag, inputs: Bag): Promise<{ id: string; props: Bag; inputs?: Bag }> {
    const kind = this.kindOf(type, urn);
    const p = reveal(props);
    const i = reveal(inputs);
    const state = Object.keys(p.bag).length > 0 ? p.bag : undefined;
    const r = await this.providers[kind].read(id, state);
    if (r.id === undefined || r.id === "" || r.props === undefined) return { id: "", props: {} };
    return {
      id: r.id,
      props: conceal(r.props, p.secrets, i.secrets, secretOutputs(kind)),
      ...(r.inputs !== undefined ? { inputs: conceal(r.inputs, p.secrets, i.secrets, secretOutputs(kind)) } : {}),
    };
  }

  async update(type: string, urn: string, id: string, olds: Bag, news: Bag): Promise<Bag> {
    const kind = this.kindOf(type, urn);
    const n = reveal(news);
    const r = await this.providers[kind].update(id, reveal(olds).bag, this.owned(n.bag, kind, urn));
    return conceal(r.outs ?? {}, n.secrets, secretOutputs(kind));
  }

  async delete(type: string, urn: string, id: string, props: Bag): Promise<void> {
    const kind = this.kindOf(type, urn);
    await this.providers[kind].delete(id, reveal(props).bag);
  }

  // ---------------------------------------------------------------- functions

  /** The functions the SDK runs in the program's process, here in the provider's: getOrderDuplicates, pkcs12Bundle. */
  async invoke(token: string, args: Bag): Promise<Bag> {
    const fn = FUNCTIONS.find((f) => resourceToken(f.name) === token);
    if (fn === undefined) throw new UnknownTokenError(`${PACKAGE}: unknown function ${token}; this plugin serves ${FUNCTIONS.map((f) => resourceToken(f.name)).join(", ")}`);
    const a = reveal(args);
    const result: Bag =
      fn.name === "pkcs12Bundle"
        ? // Made here, sent nowhere; its inputs checked as the SDK checks them (naming the field, never a value).
          { ...bundlePkcs12(a.bag) }
        : await getOrderDuplicates(this.ctx, a.bag as { orderId: number });
    // A secret argument makes the whole result secret: it was derived from it.
    return conceal(result, a.secrets.size > 0 ? new Set(Object.keys(result)) : new Set(), new Set(FUNCTION_SECRETS[fn.name] ?? []));
  }
}
