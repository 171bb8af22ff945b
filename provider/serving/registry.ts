// The one registry of kinds: each resource kind's definition beside its implementation,
// and the package's functions. Both servings (the dynamic host and the native plugin),
// schema.json, the docs and the SDK are built from this table. A kind without an
// implementation, or an implementation without a kind, does not type-check.
import type { ProviderContext } from "../kit/runtime/context";
import type { Logger } from "../kit/runtime/log";
import type { EngineMethods } from "../kit/kind-provider";
import { clientCertificateOrder } from "../kinds/client-certificate-order/schema";
import { ClientCertificateOrderProvider } from "../kinds/client-certificate-order/provider";
import { certificateReissue } from "../kinds/certificate-reissue/schema";
import { CertificateReissueProvider } from "../kinds/certificate-reissue/provider";
import { orderCtStatus } from "../kinds/order-ct-status/schema";
import { OrderCtStatusProvider } from "../kinds/order-ct-status/provider";
import { getOrderDuplicates } from "../kinds/get-order-duplicates/schema";
import { PKCS12_BUNDLE_SECRETS, pkcs12BundleFunction } from "../credentials/pkcs12-inputs";
import { clientCertificateKey } from "../kinds/client-certificate-key/schema";
import { ClientCertificateKeyProvider } from "../kinds/client-certificate-key/provider";

export const RESOURCES = [clientCertificateOrder, certificateReissue, orderCtStatus, clientCertificateKey] as const;
export const FUNCTIONS = [getOrderDuplicates, pkcs12BundleFunction] as const;
export type FunctionName = (typeof FUNCTIONS)[number]["name"];

/** A function's inputs and result that are secrets whatever its arguments: schema.json marks them, the plugin wraps them. */
export const FUNCTION_SECRETS: Partial<Record<FunctionName, readonly string[]>> = {
  pkcs12Bundle: PKCS12_BUNDLE_SECRETS,
};

export type ResourceKind = (typeof RESOURCES)[number]["kind"];

/**
 * Outputs that are secrets whatever the inputs: the key ClientCertificateKey keeps.
 * schema.json marks them, the plugin wraps them, the SDK class lists them in
 * additionalSecretOutputs.
 */
export const SECRET_OUTPUTS: Partial<Record<ResourceKind, readonly string[]>> = {
  ClientCertificateKey: ["privateKeyPem", "candidatePrivateKeyPem"],
};
export const RESOURCE_KINDS: readonly ResourceKind[] = RESOURCES.map((r) => r.kind);

/** The module of the dynamic resources' types: `pulumi-nodejs:dynamic/digicert:<Kind>`. */
export const MODULE = "digicert";

export type ResourceProviders = Record<ResourceKind, EngineMethods>;

/** The implementation of every kind, over one context: what both servings call. */
export function resourceProviders(ctx: ProviderContext, log: Logger): ResourceProviders {
  return {
    ClientCertificateOrder: new ClientCertificateOrderProvider(ctx, log),
    CertificateReissue: new CertificateReissueProvider(ctx, log),
    OrderCtStatus: new OrderCtStatusProvider(ctx, log),
    ClientCertificateKey: new ClientCertificateKeyProvider(),
  };
}
