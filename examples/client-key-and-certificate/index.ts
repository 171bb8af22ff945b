// A client certificate a service presents for mutual TLS: its key and CSR made once and
// kept in the stack's state, the certificate ordered from DigiCert with that CSR and
// renewed before it runs out (same key), and the three files a client loads written to
// `certs/`. See README.md.
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as digicert from "pulumi-digicert";
import { KeyAndCsr } from "./key-and-csr";

const config = new pulumi.Config();
const commonName = config.get("commonName") ?? "Lock Cole";
const email = config.get("email") ?? "locke.cole@example.com";
const organizationId = config.getNumber("organizationId") ?? 112233;
// Where the client loads its certificate and key from.
const outputDir = path.resolve(config.get("outputDir") ?? "certs");

// Made at the first `up` only; every later run reads it from state.
const key = new KeyAndCsr("client-key", { commonName, emails: [email] });

const order = new digicert.ClientCertificateOrder("client-certificate", {
  productId: "client_authentication_plus",
  certificate: { commonName, emails: [email], signatureHash: "sha256", csr: key.csrPem },
  organizationId,
  validityYears: 1,
  skipApproval: true,
  // The default, spelled out: the first `up` within 30 days of expiry renews the order
  // with the same CSR (so the same key), and the files below then get the new certificate.
  renewBeforeDays: 30,
  revocationComments: "Removed from the client-key-and-certificate stack",
});

function write(file: string, content: string, mode: number): void {
  const target = path.join(outputDir, file);
  const tmp = `${target}.tmp`;
  fs.writeFileSync(tmp, content, { mode });
  fs.chmodSync(tmp, mode);
  fs.renameSync(tmp, target); // a client never reads a half-written file
}

// Written by `up` once the certificate is issued (a preview writes nothing): the leaf,
// the issuing CA certificates, and the key, readable by this user only.
if (!pulumi.runtime.isDryRun()) {
  pulumi.all([order.certificatePem, order.chainPem, key.privateKeyPem]).apply(([certificatePem, chainPem, privateKeyPem]) => {
    if (certificatePem === undefined || chainPem === undefined) {
      pulumi.log.warn("the certificate is not issued yet (awaiting approval?): no files written; run `pulumi refresh` and `pulumi up` once it is");
      return;
    }
    fs.mkdirSync(outputDir, { recursive: true });
    write("client.crt", certificatePem, 0o644);
    write("ca-chain.pem", chainPem, 0o644);
    write("client.key", privateKeyPem, 0o600);
  });
}

export const orderId = order.orderId;
export const validTill = order.validTill;
export const csrPem = key.csrPem;
export const certificatePem = order.certificatePem;
export const chainPem = order.chainPem;
export const files = ["client.crt", "ca-chain.pem", "client.key"].map((f) => path.join(outputDir, f));
