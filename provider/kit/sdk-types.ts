// Public argument and output types, derived from each kind's definition (the one source
// of truth) so that the SDK can never drift from what `check` accepts and the provider returns.
import type * as pulumi from "@pulumi/pulumi";

type Scalar = string | number | boolean;

/**
 * `T` with every property, element and nested property accepting `pulumi.Input`. A
 * number restricted to some values (`validityYears: 1 | 2`) takes any number, so that
 * `config.getNumber(...)` needs no cast: `check` refuses the others, naming the field.
 * Strings keep their literals (`productId`), which editors complete.
 */
export type DeepInput<T> = T extends number
  ? number
  : T extends Scalar
  ? T
  : T extends readonly (infer U)[]
    ? pulumi.Input<DeepInput<U>>[]
    : { [K in keyof T]: pulumi.Input<DeepInput<T[K]>> };

/** Resource arguments: each top-level field is a `pulumi.Input`. */
export type Args<T> = { [K in keyof T]: pulumi.Input<DeepInput<T[K]>> };

/**
 * A resource's outputs: every input and every output of its kind as a `pulumi.Output`,
 * optional ones as `Output<T | undefined>`. Merged into each SDK class, so an output
 * the kind does not declare is a type error, and one it declares cannot be missing.
 */
export type ResourceOutputs<T> = { readonly [K in keyof Required<T>]: pulumi.Output<T[K]> };
