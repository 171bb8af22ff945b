// What the three resource providers do alike: check against their zod inputs schema,
// and diff by fixed lists of keys that replace and that update in place.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { z } from "zod";
import { checkResult, validInputs } from "./check";
import { changedKeys } from "./equal";
import type { ProviderContext } from "./context";
import type { Logger } from "./log";
import type { ResourceKind } from "./kinds";

export abstract class ResourceProviderBase<S extends z.ZodType> {
  constructor(
    protected readonly kind: ResourceKind,
    protected readonly schema: S,
    /** Keys DigiCert fixed at creation: a change replaces the resource. */
    protected readonly replaceKeys: readonly string[],
    /** Keys a change to which the provider's `update` carries out. */
    protected readonly updateKeys: readonly string[],
    protected readonly ctx: ProviderContext,
    protected readonly log: Logger,
  ) {}

  async check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.CheckResult> {
    return checkResult(this.schema, news);
  }

  async diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.DiffResult> {
    const replaces = [...changedKeys(olds, news, this.replaceKeys), ...this.replacesBeyondInputs(olds)];
    const updates = changedKeys(olds, news, this.updateKeys);
    // Create the new resource before deleting the old: a certificate stays valid throughout.
    return { changes: replaces.length + updates.length > 0, replaces, deleteBeforeReplace: false };
  }

  /** Replacements the state calls for whatever the inputs say (none unless a kind says so). */
  protected replacesBeyondInputs(_olds: Record<string, unknown>): string[] {
    return [];
  }

  /** Inputs as an operation needs them; bad values unknown at preview fail here, before any API call. */
  protected validated(raw: Record<string, unknown>): z.infer<S> {
    return validInputs(this.kind, this.schema, raw);
  }
}
