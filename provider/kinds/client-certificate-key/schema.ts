// ClientCertificateKey, defined once: the key of a ClientCertificate, kept in state as a
// secret. The component makes a new key in its own process at every run (the candidate)
// and passes its CSR to the order as nextCsr; this resource keeps the candidate only
// when the order was placed with it (orderCsr): at the first order and at each renewal
// with a new key. Otherwise it keeps the key it holds. Not a DigiCert resource: it calls
// no API, and its key never reaches one.
import { z } from "zod";
import { defineResource, type InputsOf, type OutputsOf, type StateOf } from "../../kit/inputs/definition";
import { csr } from "../../kit/inputs/fields";

export const clientCertificateKey = defineResource({
  kind: "ClientCertificateKey",
  inputs: z
    .strictObject({
      candidatePrivateKeyPem: z.string({ error: "must be a PEM private key" }).min(1).describe("This run's new key, PKCS#8 PEM (a secret): kept only if the order was placed with its CSR."),
      candidateCsrPem: csr.describe("The CSR of this run's new key."),
      orderCsr: z.string().optional().describe("The CSR the order was placed with (the order's orderCsr output)."),
    })
    .describe("The private key of a ClientCertificate, kept as a secret: made by the component, kept when the order is placed with it. Used by the ClientCertificate component."),
  computed: {
    privateKeyPem: z.string().describe("The key the order's certificate was issued for, PKCS#8 PEM. A secret."),
    publicKeyPem: z.string().describe("Its public key, SPKI PEM."),
    csrPem: z.string().describe("The CSR the order was placed with."),
  },
  replaceKeys: [],
  updateKeys: ["candidatePrivateKeyPem", "candidateCsrPem", "orderCsr"],
});

export type ClientCertificateKeyInputs = InputsOf<typeof clientCertificateKey>;
export type ClientCertificateKeyOutputs = OutputsOf<typeof clientCertificateKey>;
export type ClientCertificateKeyState = StateOf<typeof clientCertificateKey>;
