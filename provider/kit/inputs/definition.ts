// A resource kind, defined once: its inputs, the outputs it adds, and which inputs
// replace and which update. Everything else about the kind is derived from this: the
// SDK class's outputs, diff's key lists, the state schema each provider method reads
// stored state with, schema.json and the reference docs.
import { z } from "zod";
import { relaxed, type StateReader } from "./relaxed";

/** The input keys neither replacing nor updating: must be none, or the definition does not type-check. */
type Unclassified<I, R extends readonly PropertyKey[], U extends readonly PropertyKey[]> = Exclude<keyof I, R[number] | U[number]>;

export interface ResourceSpec<K extends string, I extends z.ZodRawShape, C extends z.ZodRawShape, R extends readonly (keyof I & string)[], U extends readonly (keyof I & string)[]> {
  /** The type name: `digicert:index:<kind>` in schema.json, `pulumi-nodejs:dynamic/digicert:<kind>` in the engine. */
  readonly kind: K;
  /** What a program declares; its description is the resource's. */
  readonly inputs: z.ZodObject<I, z.core.$strict>;
  /** What the provider adds to the inputs in its outputs. */
  readonly computed: C;
  /** Inputs DigiCert fixed at creation: a change replaces the resource. */
  readonly replaceKeys: R;
  /** Inputs whose change the provider's `update` carries out. */
  readonly updateKeys: U;
}

export function defineResource<
  K extends string,
  I extends z.ZodRawShape,
  C extends z.ZodRawShape,
  const R extends readonly (keyof I & string)[],
  const U extends readonly (keyof I & string)[],
>(spec: ResourceSpec<K, I, C, R, U> & ([Unclassified<I, R, U>] extends [never] ? unknown : { unclassifiedInputs: Unclassified<I, R, U> })) {
  const outputs = spec.inputs.extend(spec.computed);
  return {
    ...spec,
    description: spec.inputs.description ?? "",
    outputs,
    /**
     * Stored state as every release wrote it: fields this release does not know are
     * dropped, outputs may be missing (another release's state, or a bag of inputs
     * alone), and input rules that depend on the day or may tighten later are not
     * applied again.
     */
    state: relaxed(spec.inputs.extend(z.object(spec.computed).partial().shape)),
    /** The inputs among stored state, read the same way: what `read` refreshes and returns as inputs. */
    storedInputs: relaxed(spec.inputs),
    computedKeys: Object.keys(spec.computed) as (keyof C & string)[],
  };
}

export type ResourceDefinition = ReturnType<typeof defineResource>;
export type InputsOf<D extends { inputs: z.ZodType }> = z.infer<D["inputs"]>;
export type OutputsOf<D extends { outputs: z.ZodType }> = z.infer<D["outputs"]>;
export type StateOf<D extends { state: StateReader<unknown> }> = D["state"] extends StateReader<infer T> ? T : never;

export interface FunctionDefinition<N extends string = string, I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  readonly name: N;
  /** What the program passes; its description is the function's. */
  readonly inputs: I;
  readonly result: O;
}

export function defineFunction<N extends string, I extends z.ZodObject, O extends z.ZodObject>(d: FunctionDefinition<N, I, O>): FunctionDefinition<N, I, O> {
  return d;
}

/** How schema.json names an object type, and descriptions for its fields that carry none (schemas of the client). */
export interface ObjectTypeName {
  readonly name: string;
  readonly description: string;
  readonly fieldDescriptions?: Readonly<Record<string, string>>;
}

/** Object types by schema instance: every object in a definition needs a name here, or schema generation fails. */
export const OBJECT_TYPES = z.registry<ObjectTypeName>();

/** How schema.json names a string enum, recognised by its values. */
export interface EnumTypeName {
  readonly name: string;
  readonly values: readonly string[];
  readonly description: string;
}
