// The bench stack served by the native plugin (pulumi-resource-digicert): the same N
// orders and CT statuses as bench/programs/digicert, registered by type token as any
// SDK generated from schema.json registers them.
import * as pulumi from "@pulumi/pulumi";

class Native extends pulumi.CustomResource {
  declare readonly orderId: pulumi.Output<number>;
  constructor(type: string, name: string, props: Record<string, unknown>) {
    super(`digicert:index:${type}`, name, { orderId: undefined, ...props });
  }
}

const config = new pulumi.Config();
const count = config.requireNumber("count");
// Names of this run alone: the look-back of a later run must not meet this run's orders
// (same names, revoke pending) and read each of them, which a fresh stack never does.
const run = config.require("run");
// BENCH_REVOKE_SCOPE=order: destroy revokes each whole order in one request.
const revokeScope = config.get("revokeScope") === "order" ? ("order" as const) : undefined;

for (let i = 0; i < count; i++) {
  const order = new Native("ClientCertificateOrder", `cert-${i}`, {
    productId: "client_premium_sha2",
    certificate: { commonName: `Bench User ${run} ${i}`, emails: [`bench.user.${run}.${i}@example.com`], signatureHash: "sha256" },
    organizationId: 112233,
    validityYears: 1,
    skipApproval: true,
    revocationComments: "Removed by make bench",
    ...(revokeScope !== undefined ? { revokeScope } : {}),
  });
  new Native("OrderCtStatus", `cert-${i}-ct`, { orderId: order.orderId, disableCt: true });
}
