// The API floor: the DigiCert calls the provider makes for each step, made directly
// with the client (same rate limiter, same concurrency as the engine), no engine.
// What this costs is the API time no provider could avoid.
import { performance } from "node:perf_hooks";
import { DigiCertClient, type OrderId } from "../provider/digicert";
import { takeRequests, type BenchSimulator } from "./simulator";
import { runTag } from "./run-tag";
import { STEPS, type Step, type StepSamples } from "./steps";

type Task = () => Promise<Task[]>;

function read(c: DigiCertClient, id: OrderId): Task {
  return async () => {
    await c.getOrder(id);
    return [];
  };
}

/** Runs tasks `parallel` at a time; a finished task may release more (its dependents), as in the engine. */
export function pool(parallel: number, initial: Task[]): Promise<void> {
  const queue = [...initial];
  let active = 0;
  return new Promise((resolve, reject) => {
    let failed = false;
    const pump = (): void => {
      if (failed) return;
      if (queue.length === 0 && active === 0) return resolve();
      while (active < parallel && queue.length > 0) {
        const task = queue.shift() as Task;
        active++;
        task().then(
          (more) => {
            active--;
            queue.push(...more);
            pump();
          },
          (err: unknown) => {
            failed = true;
            reject(err);
          },
        );
      }
    };
    pump();
  });
}

export async function apiFloor(sim: BenchSimulator, n: number, parallel: number, revokeScope?: "order"): Promise<StepSamples> {
  const client = (): DigiCertClient => new DigiCertClient({ apiKey: sim.freshKey(), baseUrl: sim.baseUrl });
  const orders: OrderId[] = [];
  const run = runTag("api");
  // ClientCertificateOrder.create: the order, one read for its certificate, its PEM; then its OrderCtStatus.
  const orderTasks = (c: DigiCertClient): Task[] =>
    Array.from({ length: n }, (_, i) => async () => {
      const placed = await c.orderClientCertificate("client_premium_sha2", {
        certificate: { commonName: `Bench User ${run} ${i}`, emails: [`bench.user.${run}.${i}@example.com`], signatureHash: "sha256" },
        organization: { id: 112233 },
        validityYears: 1,
        skipApproval: true,
      });
      const info = await c.getOrder(placed.id);
      // The certificate's PEM, as the provider takes it: from the order POST's
      // certificate_chain when the order issued at once, else one pem_all download.
      if (!placed.certificateChain?.length && info.status === "issued" && info.certificate.id !== undefined) {
        await c.downloadCertificate(info.certificate.id, "pem_all");
      }
      orders.push(placed.id);
      return [
        async () => {
          await c.setCtStatus(placed.id, true);
          return [];
        },
      ];
    });
  const steps: Record<Step, (c: DigiCertClient) => Task[]> = {
    // Before any order, the look-back's one read of recent orders (every create waits for it).
    up: (c) => [
      async () => {
        await c.listOrders({ filters: { productNameId: "client_premium_sha2", organizationId: 112233 }, sort: "-date_created", limit: 1000 });
        return orderTasks(c);
      },
    ],
    preview: () => [],
    // Both resources of a certificate read its order.
    refresh: (c) => orders.flatMap((id) => [read(c, id), read(c, id)]),
    // The CT status goes first (it depends on the order), then the order is read and its
    // certificate revoked; with revokeScope order, the whole order in one request, unread.
    destroy: (c) =>
      orders.map((id) => async () => {
        await c.setCtStatus(id, false);
        return [
          async () => {
            if (revokeScope === "order") {
              await c.revokeOrder(id, { comments: "Removed by make bench" });
              return [];
            }
            const info = await c.getOrder(id);
            if (info.certificate.id !== undefined) await c.revokeCertificate(info.certificate.id, "Removed by make bench");
            return [];
          },
        ];
      }),
  };
  const samples = {} as StepSamples;
  for (const step of STEPS) {
    const c = client();
    await takeRequests(sim.admin);
    const started = performance.now();
    await pool(parallel, steps[step](c));
    samples[step] = { seconds: (performance.now() - started) / 1000, requests: await takeRequests(sim.admin) };
  }
  return samples;
}
