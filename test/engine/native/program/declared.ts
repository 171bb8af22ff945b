// What stack.json declares, as the native-plugin test writes it and the program beside
// this file reads it.

/** A resource: by type token, or with `dynamic: true` by this package's dynamic SDK. */
export interface Declared {
  type: string;
  name: string;
  props: Record<string, unknown>;
  provider?: string;
  protect?: boolean;
  secrets?: string[];
  dynamic?: boolean;
}

export interface Stack {
  providers: { name: string; args: Record<string, unknown> }[];
  resources: Declared[];
  invokes: { name: string; orderOf: string; provider?: string }[];
}
