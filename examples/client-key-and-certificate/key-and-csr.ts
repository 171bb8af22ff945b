// A private key and a certificate signing request (CSR) for it, made once, when the
// resource is created, and kept in the stack's state: the key as a secret (encrypted
// there), the CSR in the clear. Later runs read them from state and never make them
// again; only a change to the subject or the key algorithm makes a new pair. The same as
// @pulumi/tls's PrivateKey and CertRequest (see README.md), with nothing to install but
// two npm packages: it is a Pulumi dynamic resource, and the key never leaves this stack.
import * as pulumi from "@pulumi/pulumi";

export type KeyAlgorithm = "RSA" | "ECDSA";

export interface KeyAndCsrArgs {
  /** The CSR's subject common name (DigiCert takes the certificate's names from the order, not the CSR). */
  commonName: pulumi.Input<string>;
  /** Email addresses, as the CSR's subject alternative names. */
  emails: pulumi.Input<pulumi.Input<string>[]>;
  /** "RSA" (2048 bits, the default) or "ECDSA" (P-256). */
  keyAlgorithm?: pulumi.Input<KeyAlgorithm>;
}

interface KeyAndCsrInputs {
  commonName: string;
  emails: string[];
  keyAlgorithm?: KeyAlgorithm;
}

interface KeyAndCsrOutputs extends KeyAndCsrInputs {
  privateKeyPem: string;
  publicKeyPem: string;
  csrPem: string;
}

// What makes a different key: a change to any of these replaces the pair.
const KEY_INPUTS = ["commonName", "emails", "keyAlgorithm"] as const;

const provider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: KeyAndCsrInputs): Promise<pulumi.dynamic.CreateResult<KeyAndCsrOutputs>> {
    // Required here, not at the top of the file: Pulumi serializes this function into the
    // state, and the dynamic-provider host runs it from there. @peculiar/x509 needs the
    // Reflect metadata API loaded first.
    require("reflect-metadata");
    const x509: typeof import("@peculiar/x509") = require("@peculiar/x509");
    const { createHash, webcrypto } = require("node:crypto") as typeof import("node:crypto");
    const crypto = webcrypto as unknown as Crypto;
    x509.cryptoProvider.set(crypto);

    const rsa = (inputs.keyAlgorithm ?? "RSA") === "RSA";
    const algorithm = rsa
      ? { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }
      : { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
    const keys = await crypto.subtle.generateKey(algorithm, true, ["sign", "verify"]);
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({
      name: [{ CN: [inputs.commonName] }],
      keys,
      signingAlgorithm: algorithm,
      extensions: [new x509.SubjectAlternativeNameExtension(inputs.emails.map((value) => ({ type: "email" as const, value })))],
    });
    const pem = (label: string, der: ArrayBuffer) =>
      `-----BEGIN ${label}-----\n${Buffer.from(der).toString("base64").match(/.{1,64}/g)!.join("\n")}\n-----END ${label}-----\n`;
    const spki = await crypto.subtle.exportKey("spki", keys.publicKey);
    return {
      // The key's fingerprint: nothing secret, and the same for the key's whole life.
      id: createHash("sha256").update(Buffer.from(spki)).digest("hex").slice(0, 32),
      outs: {
        ...inputs,
        privateKeyPem: pem("PRIVATE KEY", await crypto.subtle.exportKey("pkcs8", keys.privateKey)),
        publicKeyPem: pem("PUBLIC KEY", spki),
        csrPem: csr.toString("pem") + "\n",
      },
    };
  },

  async diff(_id: string, olds: KeyAndCsrOutputs, news: KeyAndCsrInputs): Promise<pulumi.dynamic.DiffResult> {
    const replaces = KEY_INPUTS.filter((k) => JSON.stringify(olds[k] ?? null) !== JSON.stringify(news[k] ?? null));
    return { changes: replaces.length > 0, replaces, deleteBeforeReplace: false };
  },

  // Nothing outside the state to read or delete: the key lives only here.
};

export class KeyAndCsr extends pulumi.dynamic.Resource {
  /** The private key, PKCS#8 PEM: a secret, encrypted in the state. */
  declare readonly privateKeyPem: pulumi.Output<string>;
  /** The public key, SPKI PEM. */
  declare readonly publicKeyPem: pulumi.Output<string>;
  /** The CSR, PEM: what the certificate order sends to DigiCert. */
  declare readonly csrPem: pulumi.Output<string>;

  constructor(name: string, args: KeyAndCsrArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = { privateKeyPem: undefined, publicKeyPem: undefined, csrPem: undefined };
    super(provider, name, { ...outputs, ...args }, { ...opts, additionalSecretOutputs: ["privateKeyPem"] }, "example", "KeyAndCsr");
  }
}
