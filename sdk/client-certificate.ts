// The ClientCertificate component for TypeScript programs: the one implementation
// (provider/components/client-certificate/), its order and key registered as the
// package's dynamic resources, as a program declaring them itself would.
import type * as pulumi from "@pulumi/pulumi";
import type { ChildResources } from "../provider/components/client-certificate/children";
import { ClientCertificateComponent, type ClientCertificateArgs } from "../provider/components/client-certificate/component";
import { ClientCertificateKey } from "./client-certificate-key";
import { ClientCertificateOrder } from "./client-certificate-order";

export { CLIENT_CERTIFICATE_OUTPUTS, CLIENT_CERTIFICATE_TYPE, type ClientCertificateArgs } from "../provider/components/client-certificate/component";

const dynamicChildren: ChildResources = {
  order: (name, args, opts) => new ClientCertificateOrder(name, args, opts),
  key: (name, args, opts) => new ClientCertificateKey(name, args, opts),
};

/**
 * A client certificate with its key: the key made in this process (never sent to
 * DigiCert, kept only as a secret), the order placed with its CSR, renewed inside
 * `renewBeforeDays` with a new key (`rotateKeyOnRenewal`), and the files a client loads
 * as outputs: PEM, full chain, PKCS#12. See docs/client-certificate.md.
 */
export class ClientCertificate extends ClientCertificateComponent {
  constructor(name: string, args: ClientCertificateArgs, opts?: pulumi.ComponentResourceOptions) {
    super(name, args, opts, dynamicChildren);
  }
}
