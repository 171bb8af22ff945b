// What the serialized provider loads by package name inside the dynamic-provider host
// (or the program's process): the implementations, one shared context per process.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { ProviderContext, type ConfigSource } from "./config";
import { stderrLogger } from "./log";
import { ClientCertificateOrderProvider } from "./order";
import { CertificateReissueProvider } from "./reissue";
import { OrderCtStatusProvider } from "./ct-status";
import type { ResourceKind } from "./kinds";

export const context = new ProviderContext(stderrLogger);

const providers: Record<ResourceKind, dynamic.ResourceProvider> = {
  ClientCertificateOrder: new ClientCertificateOrderProvider(context, stderrLogger),
  CertificateReissue: new CertificateReissueProvider(context, stderrLogger),
  OrderCtStatus: new OrderCtStatusProvider(context, stderrLogger),
};

export function provider(kind: ResourceKind): dynamic.ResourceProvider {
  return providers[kind];
}

export function configure(config: ConfigSource): void {
  context.configure(config);
}
