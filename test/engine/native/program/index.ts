// The stack the native-plugin tests drive: what it declares is read from stack.json,
// which each step of the test rewrites. Resources are registered by type token, as any
// SDK generated from schema.json does; `dynamic: true` declares one with this package's
// dynamic SDK instead (the stack a user moves from).
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import type { Stack } from "./declared";

const stack = JSON.parse(fs.readFileSync(path.join(__dirname, "stack.json"), "utf8")) as Stack;
const OUTPUTS = ["orderId", "status", "certificateId", "requests", "disableCt"];

class Provider extends pulumi.ProviderResource {
  constructor(name: string, args: Record<string, unknown>) {
    super("digicert", name, args);
  }
}

class Native extends pulumi.CustomResource {
  constructor(type: string, name: string, props: Record<string, unknown>, opts: pulumi.CustomResourceOptions) {
    super(type, name, { ...Object.fromEntries(OUTPUTS.map((k) => [k, undefined])), ...props }, opts);
  }
}

const providers = new Map(stack.providers.map((p) => [p.name, new Provider(p.name, p.args)]));
const declared = new Map<string, pulumi.CustomResource>();

/** `{ "$ref": "name.output" }`: another resource's output. */
function value(v: unknown): unknown {
  if (typeof v === "object" && v !== null && "$ref" in v) {
    const [name, out] = String((v as { $ref: string }).$ref).split(".");
    return (declared.get(name!) as unknown as Record<string, pulumi.Output<unknown>>)[out!];
  }
  return v;
}

for (const r of stack.resources) {
  const props = Object.fromEntries(
    Object.entries(r.props).map(([k, v]) => [k, r.secrets?.includes(k) ? pulumi.secret(value(v)) : value(v)]),
  );
  const opts: pulumi.CustomResourceOptions = {
    ...(r.provider !== undefined ? { provider: providers.get(r.provider) } : {}),
    ...(r.protect ? { protect: true } : {}),
  };
  if (r.dynamic) {
    // The package's dynamic SDK, loaded only by a stack that declares one.
    const digicert = require("pulumi-digicert") as Record<string, new (n: string, a: unknown, o?: pulumi.CustomResourceOptions) => pulumi.CustomResource>;
    declared.set(r.name, new digicert[r.type.split(":").pop()!]!(r.name, props, opts));
  } else {
    declared.set(r.name, new Native(r.type, r.name, props, opts));
  }
}

const exported: Record<string, pulumi.Output<unknown>> = {};
for (const [name, res] of declared) {
  const outs = res as unknown as Record<string, pulumi.Output<unknown> | undefined>;
  exported[name] = pulumi.output(Object.fromEntries(OUTPUTS.filter((k) => outs[k] !== undefined).map((k) => [k, outs[k]])));
}
for (const i of stack.invokes) {
  const orderId = (declared.get(i.orderOf) as unknown as { orderId: pulumi.Output<number> }).orderId;
  exported[i.name] = orderId.apply((id) =>
    pulumi.runtime.invoke("digicert:index:getOrderDuplicates", { orderId: id }, i.provider !== undefined ? { provider: providers.get(i.provider) } : {}),
  );
}
module.exports = exported;
