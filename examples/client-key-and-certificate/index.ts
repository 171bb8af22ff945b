// A client certificate a service presents for mutual TLS: a ClientCertificate makes the
// key in this process (kept in the stack's state as a secret), orders the certificate
// with its CSR and renews it with a new key before it runs out; the files a client loads
// are written to `certs/`. See README.md.
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as digicert from "pulumi-digicert";

const config = new pulumi.Config();
const commonName = config.get("commonName") ?? "Lock Cole";
const email = config.get("email") ?? "locke.cole@example.com";
const organizationId = config.getNumber("organizationId") ?? 112233;
// Where the client loads its certificate and key from.
const outputDir = path.resolve(config.get("outputDir") ?? "certs");

const client = new digicert.ClientCertificate("client-certificate", {
  productId: "client_authentication_plus",
  certificate: { commonName, emails: [email], signatureHash: "sha256" },
  organizationId,
  validityYears: 1,
  skipApproval: true,
  keyAlgorithm: "ECDSA",
  // The default, spelled out: the first `up` within 30 days of expiry renews the order
  // with a new key (rotateKeyOnRenewal), and the files below then get both.
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
  pulumi.all([client.certificatePem, client.chainPem, client.privateKeyPem]).apply(([certificatePem, chainPem, privateKeyPem]) => {
    if (certificatePem === undefined || chainPem === undefined || privateKeyPem === undefined) {
      pulumi.log.warn("the certificate is not issued yet (awaiting approval?): no files written; run `pulumi refresh` and `pulumi up` once it is");
      return;
    }
    fs.mkdirSync(outputDir, { recursive: true });
    write("client.crt", certificatePem, 0o644);
    write("ca-chain.pem", chainPem, 0o644);
    write("client.key", privateKeyPem, 0o600);
  });
}

export const orderId = client.orderId;
export const validTill = client.validTill;
export const renewAfter = client.renewAfter;
export const certificatePem = client.certificatePem;
export const chainPem = client.chainPem;
export const files = ["client.crt", "ca-chain.pem", "client.key"].map((f) => path.join(outputDir, f));
