// The ClientCertificate component, one implementation for both servings: the SDK's class
// (sdk/client-certificate.ts) and the native plugin's Construct pass how its order and key
// are registered (children.ts).
import * as pulumi from "@pulumi/pulumi";
import { csrFor, generateKey, type EcdsaCurve, type KeyAlgorithm, type RsaBits } from "../../credentials/key";
import type { Pkcs12Profile } from "../../credentials/pkcs12";
import type { ClientCertificateOrderInputs } from "../../kinds/client-certificate-order/schema";
import { DEFAULT_RENEW_BEFORE_DAYS } from "../../kinds/client-certificate-order/schema";
import type { Args } from "../../kit/sdk-types";
import type { ChildResources } from "./children";
import { checkKeyTerms, credentialOf, type Credential } from "./credential";
import { CLIENT_CERTIFICATE_TYPE } from "./schema";

export { CLIENT_CERTIFICATE_TYPE };

/** The order's inputs the component takes, under the same names: all but the CSR and what only a bare order does. */
export type OrderTerms = Omit<ClientCertificateOrderInputs, "certificate" | "nextCsr" | "keepCsrOnRenewal" | "adoptOrderId" | "renewalOfOrderId" | "autoRenew"> & {
  certificate: Omit<ClientCertificateOrderInputs["certificate"], "csr">;
};

export interface KeyTerms {
  /** "RSA" (the default) or "ECDSA", as @pulumi/tls names them. */
  keyAlgorithm?: KeyAlgorithm;
  /** RSA: 2048 (the default), 3072 or 4096. */
  rsaBits?: RsaBits;
  /** ECDSA: "P256" (the default) or "P384". */
  ecdsaCurve?: EcdsaCurve;
  /** Renew with a new key (the default), or with the same one (false). */
  rotateKeyOnRenewal?: boolean;
  /** With it, the pkcs12 output holds key, certificate and chain. A secret. */
  pkcs12Password?: string;
  /** "modern" (the default: AES-256-CBC, PBKDF2-HMAC-SHA-256, SHA-256 MAC) or "legacy" (3DES, SHA-1 MAC). */
  pkcs12Profile?: Pkcs12Profile;
  /** The name a keychain shows for the PKCS#12's key and certificate; default the resource's name. */
  friendlyName?: string;
}

export type ClientCertificateArgs = Args<OrderTerms> & Args<KeyTerms>;

/** The component's outputs: what the plugin's Construct returns, and schema.json lists. */
export const CLIENT_CERTIFICATE_OUTPUTS = [
  "orderId",
  "certificateId",
  "status",
  "validFrom",
  "validTill",
  "subjectCommonName",
  "certificatePem",
  "chainPem",
  "fullChainPem",
  "privateKeyPem",
  "pkcs12",
  "serialNumber",
  "sha256Fingerprint",
  "notBefore",
  "notAfter",
  "renewAfter",
] as const satisfies readonly (keyof ClientCertificateComponent)[];

/**
 * A client certificate with its key: the key made in this process (never sent to
 * DigiCert, kept only as a secret), the order placed with its CSR, renewed inside
 * `renewBeforeDays` with a new key (`rotateKeyOnRenewal`), and the files a client loads
 * as outputs: PEM, full chain, PKCS#12. See docs/client-certificate.md.
 */
export class ClientCertificateComponent extends pulumi.ComponentResource {
  readonly orderId: pulumi.Output<number>;
  readonly certificateId: pulumi.Output<number | undefined>;
  readonly status: pulumi.Output<string>;
  readonly validFrom: pulumi.Output<string | undefined>;
  readonly validTill: pulumi.Output<string | undefined>;
  readonly subjectCommonName: pulumi.Output<string | undefined>;
  /** The leaf, PEM. */
  readonly certificatePem: pulumi.Output<string | undefined>;
  /** The issuing CA certificates, PEM, without the leaf. */
  readonly chainPem: pulumi.Output<string | undefined>;
  /** Leaf first, then the chain. */
  readonly fullChainPem: pulumi.Output<string | undefined>;
  /** The certificate's key, PKCS#8 PEM: a secret. */
  readonly privateKeyPem: pulumi.Output<string | undefined>;
  /** Key, certificate and chain as PKCS#12, base64, with pkcs12Password: a secret. */
  readonly pkcs12: pulumi.Output<string | undefined>;
  readonly serialNumber: pulumi.Output<string | undefined>;
  readonly sha256Fingerprint: pulumi.Output<string | undefined>;
  readonly notBefore: pulumi.Output<string | undefined>;
  readonly notAfter: pulumi.Output<string | undefined>;
  /** notAfter less renewBeforeDays: the first `up` from then on renews. */
  readonly renewAfter: pulumi.Output<string | undefined>;

  /** `children`: how the order and the key are registered (children.ts). */
  constructor(name: string, args: ClientCertificateArgs, opts: pulumi.ComponentResourceOptions | undefined, children: ChildResources) {
    super(CLIENT_CERTIFICATE_TYPE, name, {}, opts);
    const { keyAlgorithm, rsaBits, ecdsaCurve, rotateKeyOnRenewal, pkcs12Password, pkcs12Profile, friendlyName, ...order } = args;
    // Plain values are checked now, before anything is registered (a bad one fails the
    // preview); values that are Outputs when they resolve.
    checkKeyTerms(name, { keyAlgorithm, rsaBits, ecdsaCurve, rotateKeyOnRenewal, pkcs12Password, pkcs12Profile, friendlyName });

    // A new key at every run, made here; kept (by the key resource) only if the order is
    // placed with its CSR: at the first order, and at a renewal with a new key.
    const candidate = pulumi
      .output({ keyAlgorithm, rsaBits, ecdsaCurve, certificate: order.certificate })
      .apply(async (a) => {
        checkKeyTerms(name, { keyAlgorithm: a.keyAlgorithm, rsaBits: a.rsaBits, ecdsaCurve: a.ecdsaCurve });
        const key = generateKey({ keyAlgorithm: a.keyAlgorithm, rsaBits: a.rsaBits, ecdsaCurve: a.ecdsaCurve } as never);
        const csrPem = await csrFor(key.privateKeyPem, { commonName: a.certificate.commonName, emails: a.certificate.emails ?? [] });
        return { privateKeyPem: key.privateKeyPem, csrPem };
      });

    const orderResource = children.order(
      `${name}-order`,
      {
        ...order,
        nextCsr: candidate.csrPem,
        keepCsrOnRenewal: pulumi.output(rotateKeyOnRenewal).apply((r) => r === false),
      } as never,
      { parent: this },
    );
    const key = children.key(
      `${name}-key`,
      { candidatePrivateKeyPem: pulumi.secret(candidate.privateKeyPem), candidateCsrPem: candidate.csrPem, orderCsr: orderResource.orderCsr },
      { parent: this },
    );

    const credential = pulumi
      .all([orderResource.certificatePem, orderResource.chainPem, key.privateKeyPem, order.renewBeforeDays, pkcs12Password, pkcs12Profile, friendlyName])
      .apply(([certificatePem, chainPem, privateKeyPem, before, password, profile, fname]) => {
        checkKeyTerms(name, { pkcs12Password: password, pkcs12Profile: profile, friendlyName: fname });
        return credentialOf({ name, certificatePem, chainPem, privateKeyPem, renewBeforeDays: before ?? DEFAULT_RENEW_BEFORE_DAYS, password, profile, friendlyName: fname });
      });
    const pick = <K extends keyof Credential>(k: K) => credential.apply((c) => c[k]);

    this.orderId = orderResource.orderId;
    this.certificateId = orderResource.certificateId;
    this.status = orderResource.status;
    this.validFrom = orderResource.validFrom;
    this.validTill = orderResource.validTill;
    this.subjectCommonName = orderResource.subjectCommonName;
    this.certificatePem = pick("certificatePem");
    this.chainPem = pick("chainPem");
    this.fullChainPem = pick("fullChainPem");
    this.privateKeyPem = pulumi.secret(pick("privateKeyPem"));
    this.pkcs12 = pulumi.secret(pick("pkcs12"));
    this.serialNumber = pick("serialNumber");
    this.sha256Fingerprint = pick("sha256Fingerprint");
    this.notBefore = pick("notBefore");
    this.notAfter = pick("notAfter");
    this.renewAfter = pick("renewAfter");
    // Every output the schema lists (the plugin's Construct returns the same list).
    this.registerOutputs(Object.fromEntries(CLIENT_CERTIFICATE_OUTPUTS.map((k) => [k, this[k]])));
  }
}

