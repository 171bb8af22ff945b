// Public argument types, derived from the provider's zod schemas (the one source of
// truth) so that the SDK can never drift from what `check` accepts.
import type * as pulumi from "@pulumi/pulumi";

type Scalar = string | number | boolean;

/** `T` with every property, element and nested property accepting `pulumi.Input`. */
export type DeepInput<T> = T extends Scalar
  ? T
  : T extends readonly (infer U)[]
    ? pulumi.Input<DeepInput<U>>[]
    : { [K in keyof T]: pulumi.Input<DeepInput<T[K]>> };

/** Resource arguments: each top-level field is a `pulumi.Input`. */
export type Args<T> = { [K in keyof T]: pulumi.Input<DeepInput<T[K]>> };
