// The bench's simulator process: `node bin/bench/sim-process.js <latencyMs> <keys>`.
// A process of its own (as CertCentral is), with a pool of keys too long for argv flags.
import { startSimulator } from "../simulator";

export function benchKey(i: number): string {
  return `bench-key-${String(i).padStart(4, "0")}`;
}

async function main(): Promise<void> {
  const latencyMs = Number(process.argv[2]);
  const keys = Number(process.argv[3]);
  // Revokes approved at once: each program's destroy ends its orders, so the next
  // program's look-back (same certificates) skips them from the list alone.
  const sim = await startSimulator({ port: 0, apiKeys: Array.from({ length: keys }, (_, i) => benchKey(i)), settings: { latencyMs, autoApproveRevoke: true } });
  process.stdout.write(`listening on ${sim.url}\n`);
  process.once("SIGTERM", () => void sim.close().then(() => process.exit(0)));
  // The bench closes stdin when it ends, even when it dies: do not outlive it.
  process.stdin.on("end", () => void sim.close().then(() => process.exit(0)));
  process.stdin.resume();
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`bench simulator failed: ${String(err)}\n`);
    process.exit(1);
  });
}
