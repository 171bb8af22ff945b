// What the three resource providers do alike, from their kind's definition: check
// against its inputs schema, diff by its key lists, read stored state through its state
// schema, and carry its outputs over an update that changes nothing at DigiCert.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { z } from "zod";
import { checkResult, ownerOf, OWNER_KEY, storedState, validInputs, withoutProviderKey } from "./check";
import { csrSubjectWarnings } from "./csr";
import type { StateReader } from "./relaxed";
import { changedKeys, compact } from "./equal";
import type { ProviderContext } from "./context";
import type { Logger } from "./log";
import { InvalidInputsError, type CheckFailure } from "./errors";

/** A property bag as the engine hands it over: inputs, or stored state with `__provider`. */
export type PropertyBag = Record<string, unknown>;

/** What the base needs of a kind's definition (`defineResource`'s result), by its inputs and state types. */
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

export abstract class ResourceProviderBase<I extends PropertyBag, S extends PropertyBag> {
  constructor(
    protected readonly def: KindDefinition<I, S>,
    protected readonly ctx: ProviderContext,
    protected readonly log: Logger,
  ) {}

  /**
   * Whose journal record this is: the resource the SDK names, at the DigiCert API this
   * stack orders from (two simulators, or two accounts' URLs, never share a record).
   */
  protected journalOwner(raw: PropertyBag | undefined): string | undefined {
    const owner = ownerOf(raw);
    return owner === undefined ? undefined : `${this.ctx.settings.baseUrl} ${owner}`;
  }

  async check(olds: PropertyBag, news: PropertyBag): Promise<dynamic.CheckResult> {
    const checked = checkResult(this.inputsSchema(olds, news), news);
    const result = { ...checked, failures: [...checked.failures, ...this.crossFieldFailures(olds, checked.inputs)] };
    // A dynamic provider's check has no warnings to return: its stderr lines are what the engine shows.
    if (result.failures.length === 0) for (const w of csrSubjectWarnings(this.def.kind, result.inputs)) this.log.warn(w);
    return result;
  }

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

  async diff(_id: string, olds: PropertyBag, news: PropertyBag): Promise<dynamic.DiffResult> {
    const old = this.state(olds);
    const replaces = [...changedKeys(old, news, this.def.replaceKeys), ...this.replacesBeyondInputs(old)];
    const updates = changedKeys(old, news, this.def.updateKeys);
    // Create the new resource before deleting the old: a certificate stays valid throughout.
    return { changes: replaces.length + updates.length > 0, replaces, deleteBeforeReplace: false };
  }

  /** Replacements the state calls for whatever the inputs say (none unless a kind says so). */
  protected replacesBeyondInputs(_old: S): string[] {
    return [];
  }

  /**
   * Inputs as an operation needs them (`olds`: the resource's stored state, for an
   * update); bad values unknown at preview fail here, before any API call.
   */
  protected validated(raw: PropertyBag, olds: PropertyBag = {}): I {
    const inputs = validInputs(this.def.kind, this.inputsSchema(olds, raw), raw);
    const failures = this.crossFieldFailures(olds, inputs);
    if (failures.length > 0) throw new InvalidInputsError(this.def.kind, failures);
    return inputs;
  }

  /** Stored state, read once at the start of the method that needs it. */
  protected state(raw: PropertyBag | undefined): S {
    return storedState(this.def.kind, this.def.state, raw ?? {});
  }

  /** The inputs among stored state. */
  protected storedInputs(state: S): I {
    return this.def.storedInputs.parse(state);
  }

  /** The new inputs with the outputs of stored state: an update that calls no API. */
  protected carriedOver(inputs: I, old: S): S {
    const outputs = Object.fromEntries(this.def.computedKeys.map((k) => [k, old[k]]));
    return this.def.state.parse(compact({ ...inputs, ...outputs }));
  }
}
