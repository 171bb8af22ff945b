import * as pulumi from "@pulumi/pulumi";
import { clientCertificateKey, type ClientCertificateKeyInputs, type ClientCertificateKeyOutputs } from "../provider/kinds/client-certificate-key/schema";
import { SECRET_OUTPUTS } from "../provider/serving/registry";
import { dynamicType, registeredProps } from "./resource";
import type { Args, ResourceOutputs } from "./types";

export type ClientCertificateKeyArgs = Args<ClientCertificateKeyInputs>;

export interface ClientCertificateKey extends ResourceOutputs<ClientCertificateKeyOutputs> {}

/** The key of a ClientCertificate, kept as a secret. Made by the component; not for programs. */
export class ClientCertificateKey extends pulumi.CustomResource {
  constructor(name: string, args: ClientCertificateKeyArgs, opts?: pulumi.CustomResourceOptions) {
    const secrets = SECRET_OUTPUTS.ClientCertificateKey ?? [];
    super(dynamicType(clientCertificateKey), name, registeredProps(clientCertificateKey, name, args), {
      ...opts,
      additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...secrets],
    });
  }
}
