// The implementation of every kind, over one context: what both servings call, the
// dynamic-provider host (host.ts) and the native plugin (provider/plugin/).
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { ProviderContext } from "./context";
import type { Logger } from "./log";
import type { ResourceKind } from "./kinds";
import { ClientCertificateOrderProvider } from "./client-certificate-order/provider";
import { CertificateReissueProvider } from "./certificate-reissue/provider";
import { OrderCtStatusProvider } from "./order-ct-status/provider";

export type ResourceProviders = Record<ResourceKind, Required<Pick<dynamic.ResourceProvider, "check" | "diff" | "create" | "read" | "update" | "delete">>>;

export function resourceProviders(ctx: ProviderContext, log: Logger): ResourceProviders {
  return {
    ClientCertificateOrder: new ClientCertificateOrderProvider(ctx, log),
    CertificateReissue: new CertificateReissueProvider(ctx, log),
    OrderCtStatus: new OrderCtStatusProvider(ctx, log),
  };
}
