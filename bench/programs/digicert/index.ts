// N client certificate orders (approval skipped), each with its CT status: the stack
// whose preview, up, refresh and destroy `make bench` times. N comes from config.
import * as pulumi from "@pulumi/pulumi";
import * as digicert from "pulumi-digicert";

const config = new pulumi.Config();
const count = config.requireNumber("count");
// Names of this run alone: the look-back of a later run must not meet this run's orders
// (same names, revoke pending) and read each of them, which a fresh stack never does.
const run = config.require("run");
// BENCH_REVOKE_SCOPE=order: destroy revokes each whole order in one request.
const revokeScope = config.get("revokeScope") === "order" ? ("order" as const) : undefined;

for (let i = 0; i < count; i++) {
  const order = new digicert.ClientCertificateOrder(`cert-${i}`, {
    productId: "client_premium_sha2",
    certificate: { commonName: `Bench User ${run} ${i}`, emails: [`bench.user.${run}.${i}@example.com`], signatureHash: "sha256" },
    organizationId: 112233,
    validityYears: 1,
    skipApproval: true,
    revocationComments: "Removed by make bench",
    ...(revokeScope !== undefined ? { revokeScope } : {}),
  });
  new digicert.OrderCtStatus(`cert-${i}-ct`, { orderId: order.orderId, disableCt: true });
}
