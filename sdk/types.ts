// The SDK's argument and output types: defined in the kit (provider/kit/sdk-types.ts), where
// the ClientCertificate component, served by both the SDK and the native plugin, uses them too.
export type { Args, DeepInput, ResourceOutputs } from "../provider/kit/sdk-types";
