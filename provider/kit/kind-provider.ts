// The edge between the engine and a kind. The engine hands every call property bags;
// this class decodes them once (inputs through the kind's inputs schema, stored state
// through its state schema) and hands the kind typed values, as pulumi-go-provider's
// `infer` does. A kind implements the typed methods (`onCreate`, `onRead`, ...) and
// nothing below them sees a bag. What every kind does alike also lives here: check
// against its inputs schema, diff by its key lists, carry outputs over an update that
// changes nothing at DigiCert.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { z } from "zod";
import { checkResult, ownerOf, OWNER_KEY, storedState, validInputs, withoutProviderKey } from "./inputs/check";
import { csrSubjectWarnings } from "./inputs/csr";
import type { StateReader } from "./inputs/relaxed";
import { changedKeys, compact } from "./inputs/equal";
import type { ProviderContext } from "./runtime/context";
import type { Logger } from "./runtime/log";
import { InvalidInputsError, type CheckFailure } from "./runtime/errors";

/** A property bag as the engine hands it over: inputs, or stored state with `__provider`. */
export type PropertyBag = Record<string, unknown>;

/** The engine's calls, on bags: what both servings route to a kind. */
export type EngineMethods = Required<Pick<dynamic.ResourceProvider, "check" | "diff" | "create" | "read" | "update" | "delete">>;

/** What a call carries beside the inputs: whose journal record a paid POST writes, if the SDK named the resource. */
export interface Call {
  readonly owner: string | undefined;
}

/** What the edge needs of a kind's definition (`defineResource`'s result), by its inputs and state types. */
export interface KindDefinition<I, S> {
  readonly kind: string;
  readonly inputs: z.ZodType<I>;
  readonly state: StateReader<S>;
  readonly storedInputs: StateReader<I>;
  readonly replaceKeys: readonly string[];
  readonly updateKeys: readonly string[];
  readonly computedKeys: readonly string[];
}

/**
 * A read with no stored state: `pulumi import` (or the `import` resource option) asks
 * for a resource by its id alone, and read builds its inputs from DigiCert.
 */
export function isImport(props: PropertyBag | undefined): boolean {
  return props === undefined || Object.keys(withoutProviderKey(props)).filter((k) => k !== OWNER_KEY).length === 0;
}

export abstract class KindProvider<I extends PropertyBag, S extends PropertyBag> implements EngineMethods {
  constructor(
    protected readonly def: KindDefinition<I, S>,
    protected readonly ctx: ProviderContext,
    protected readonly log: Logger,
  ) {}

  // ---- The edge: bags in, typed values to the kind. ----

  async check(olds: PropertyBag, news: PropertyBag): Promise<dynamic.CheckResult> {
    const checked = checkResult(this.inputsSchema(olds, news), news);
    const result = { ...checked, failures: [...checked.failures, ...this.crossFieldFailures(olds, checked.inputs)] };
    // A dynamic provider's check has no warnings to return: its stderr lines are what the engine shows.
    if (result.failures.length === 0) for (const w of csrSubjectWarnings(this.def.kind, result.inputs)) this.log.warn(w);
    return result;
  }

  async diff(id: string, olds: PropertyBag, news: PropertyBag): Promise<dynamic.DiffResult> {
    return this.onDiff(id, this.state(olds), news, this.call(news));
  }

  async create(raw: PropertyBag): Promise<dynamic.CreateResult> {
    return this.onCreate(this.validated(raw), this.call(raw));
  }

  async read(id: string, props?: PropertyBag): Promise<dynamic.ReadResult> {
    return isImport(props) ? this.onImport(id) : this.onRead(id, this.state(props));
  }

  async update(id: string, olds: PropertyBag, news: PropertyBag): Promise<dynamic.UpdateResult> {
    const old = this.state(olds);
    return this.onUpdate(id, old, this.validated(news, old), this.call(news));
  }

  async delete(id: string, props: PropertyBag): Promise<void> {
    return this.onDelete(id, this.state(props));
  }

  // ---- What a kind implements, on typed values. ----

  /**
   * `news` are the inputs as planned: at preview some values are unknown, so they are
   * compared, not decoded. By default: the kind's replace and update keys.
   */
  protected async onDiff(_id: string, old: S, news: PropertyBag, _call: Call): Promise<dynamic.DiffResult> {
    const replaces = [...changedKeys(old, news, this.def.replaceKeys), ...this.replacesBeyondInputs(old)];
    const updates = changedKeys(old, news, this.def.updateKeys);
    // Create the new resource before deleting the old: a certificate stays valid throughout.
    return { changes: replaces.length + updates.length > 0, replaces, deleteBeforeReplace: false };
  }

  protected abstract onCreate(inputs: I, call: Call): Promise<dynamic.CreateResult>;
  protected abstract onRead(id: string, old: S): Promise<dynamic.ReadResult>;
  /** `pulumi import`: the resource by its id alone. */
  protected abstract onImport(id: string): Promise<dynamic.ReadResult>;
  protected abstract onUpdate(id: string, old: S, inputs: I, call: Call): Promise<dynamic.UpdateResult>;
  protected abstract onDelete(id: string, old: S): Promise<void>;

  // ---- Rules a kind may add to check and diff. ----

  /**
   * The schema new inputs are checked with. `olds` are the inputs of the resource as it
   * exists (none for a new one): a kind may judge what it already holds differently.
   */
  protected inputsSchema(_olds: PropertyBag, _news: PropertyBag): z.ZodType<I> {
    return this.def.inputs;
  }

  /** Rules between fields the schema cannot state; values unknown at preview are not judged. */
  protected crossFieldFailures(_olds: PropertyBag, _inputs: PropertyBag): CheckFailure[] {
    return [];
  }

  /** Replacements the state calls for whatever the inputs say (none unless a kind says so). */
  protected replacesBeyondInputs(_old: S): string[] {
    return [];
  }

  // ---- Helpers for the kinds. ----

  /** The inputs among stored state. */
  protected storedInputs(state: S): I {
    return this.def.storedInputs.parse(state);
  }

  /** The new inputs with the outputs of stored state: an update that calls no API. */
  protected carriedOver(inputs: I, old: S): S {
    const outputs = Object.fromEntries(this.def.computedKeys.map((k) => [k, old[k]]));
    return this.def.state.parse(compact({ ...inputs, ...outputs }));
  }

  /**
   * Whose journal record this is: the resource the SDK names, at the DigiCert API this
   * stack orders from (two simulators, or two accounts' URLs, never share a record).
   */
  protected call(raw: PropertyBag | undefined): Call {
    const owner = ownerOf(raw);
    return { owner: owner === undefined ? undefined : `${this.ctx.settings.baseUrl} ${owner}` };
  }

  /**
   * Inputs decoded once, at the edge (`olds`: the resource as it exists, for an update);
   * bad values that were unknown at preview fail here, before any API call.
   */
  private validated(raw: PropertyBag, olds: PropertyBag = {}): I {
    const inputs = validInputs(this.def.kind, this.inputsSchema(olds, raw), raw);
    const failures = this.crossFieldFailures(olds, inputs);
    if (failures.length > 0) throw new InvalidInputsError(this.def.kind, failures);
    return inputs;
  }

  /** Stored state, decoded once at the edge. */
  private state(raw: PropertyBag | undefined): S {
    return storedState(this.def.kind, this.def.state, raw ?? {});
  }
}
