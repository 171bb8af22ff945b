import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as digicert from "pulumi-digicert";

// Everything a team would vary per stack comes from config, so the same program runs
// against the simulator and against real DigiCert.
const config = new pulumi.Config();
const organizationId = config.getNumber("organizationId") ?? 112233;
const commonName = config.get("commonName") ?? "Lock Cole";
const validityYears = config.getNumber("validityYears") ?? 1;
const adoptOrderId = config.getNumber("adoptOrderId");

const order = new digicert.ClientCertificateOrder("lock-cole", {
  productId: "client_premium_sha2",
  certificate: {
    commonName,
    emails: ["locke.cole@example.com"],
    signatureHash: "sha256",
    organizationUnits: ["Accounting"],
  },
  organizationId,
  // Any number from config: a value other than 1 or 2 fails at preview, in check.
  validityYears,
  skipApproval: true,
  paymentMethod: "balance",
  revocationComments: "Removed from the client-certificates stack",
});

// Keep this certificate out of public CT logs.
const ct = new digicert.OrderCtStatus("lock-cole-ct", { orderId: order.orderId, disableCt: true });

// A new key pair: reissue the certificate with a fresh CSR.
const reissue = new digicert.CertificateReissue(
  "lock-cole-reissue",
  {
    orderId: order.orderId,
    certificate: {
      commonName,
      csr: fs.readFileSync(path.join(__dirname, "reissue.csr.pem"), "utf8"),
      signatureHash: "sha256",
    },
    comments: "Key rotation",
    skipApproval: true,
  },
  { dependsOn: [ct] },
);

const duplicates = digicert.getOrderDuplicatesOutput({ orderId: order.orderId });

// An order placed outside the stack, brought under it without ordering again.
const adopted =
  adoptOrderId === undefined
    ? undefined
    : new digicert.ClientCertificateOrder("adopted", {
        productId: "client_premium_sha2",
        certificate: { commonName: "Terra Branford", emails: ["terra.branford@example.com"], signatureHash: "sha256" },
        organizationId,
        adoptOrderId,
      });

export const orderId = order.orderId;
export const orderStatus = order.status;
export const certificateId = order.certificateId;
export const reissuedCertificateId = reissue.certificateId;
export const ctLoggingDisabled = ct.disableCt;
export const duplicateCertificateIds = duplicates.certificates.apply((cs) => cs.map((c) => c.id));
export const adoptedOrderStatus = adopted ? adopted.status : "none";
