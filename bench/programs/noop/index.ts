// The engine's floor: the same resources, inputs and dependencies as the DigiCert
// bench program, through a dynamic provider whose every method returns at once.
import * as pulumi from "@pulumi/pulumi";

type Props = Record<string, unknown>;

const noop: pulumi.dynamic.ResourceProvider = {
  async check(_olds: Props, news: Props) {
    return { inputs: news };
  },
  async diff() {
    return { changes: false };
  },
  async create(inputs: Props) {
    return { id: String(inputs["seq"]), outs: { ...inputs, orderId: inputs["seq"] } };
  },
  async read(id: string, props?: Props) {
    return { id, props: props ?? {} };
  },
  async update(_id: string, _olds: Props, news: Props) {
    return { outs: news };
  },
  async delete() {},
};

class Noop extends pulumi.dynamic.Resource {
  declare readonly orderId: pulumi.Output<number>;
  constructor(name: string, props: Props, type: string) {
    super(noop, name, { orderId: undefined, ...props }, undefined, "noop", type);
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
  const order = new Noop(
    `cert-${i}`,
    {
      seq: i + 1,
      productId: "client_premium_sha2",
      certificate: { commonName: `Bench User ${run} ${i}`, emails: [`bench.user.${run}.${i}@example.com`], signatureHash: "sha256" },
      organizationId: 112233,
      validityYears: 1,
      skipApproval: true,
      revocationComments: "Removed by make bench",
      ...(revokeScope !== undefined ? { revokeScope } : {}),
    },
    "ClientCertificateOrder",
  );
  new Noop(`cert-${i}-ct`, { seq: i + 1, orderId: order.orderId, disableCt: true }, "OrderCtStatus");
}
