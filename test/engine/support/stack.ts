// What the engine tests ask of a simulator and a stack, written once.
import type { Stack } from "@pulumi/pulumi/automation";
import type { SimulatorAdmin } from "../../../simulator";

/** The API calls the simulator saw since the last call, as "METHOD /path"; the log is then cleared. */
export async function takeCalls(sim: { readonly admin: SimulatorAdmin }): Promise<string[]> {
  const calls = (await sim.admin.requests()).map((r) => `${r.method} ${r.path}`);
  await sim.admin.clearRequests();
  return calls;
}

/** The stack's outputs as plain values. */
export async function plainOutputs(stack: Stack): Promise<Record<string, unknown>> {
  return Object.fromEntries(Object.entries(await stack.outputs()).map(([k, v]) => [k, v.value]));
}
