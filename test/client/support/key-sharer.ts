// One process of several using the same API key (a stack's provider, in miniature): it
// sends REQUESTS reads of an order that does not exist (each a 404 that the simulator
// admits and counts against the key) and prints one JSON line: how each ended and the
// client's warnings. Run by test/client/rate-ledger.test.ts with ts-node.
import { DigiCertApiError, DigiCertClient } from "../../../provider/digicert";

async function main(): Promise<void> {
  const env = process.env;
  const warnings: string[] = [];
  const client = new DigiCertClient({
    apiKey: env["SHARER_KEY"] ?? "",
    baseUrl: env["SHARER_BASE_URL"] ?? "",
    rateLimits: JSON.parse(env["SHARER_WINDOWS"] ?? "[]") as { limit: number; windowMs: number }[],
    rateLimitWaitMs: Number(env["SHARER_WAIT_MS"] ?? "60000"),
    ...(env["SHARER_LEDGER_DIR"] ? { rateLedgerDir: env["SHARER_LEDGER_DIR"] } : {}),
    log: (level, message) => {
      if (level === "warn") warnings.push(message);
    },
  });
  const n = Number(env["SHARER_REQUESTS"] ?? "0");
  const outcomes = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      try {
        await client.getOrder(424242 + i);
        return "ok";
      } catch (err) {
        return err instanceof DigiCertApiError ? `${err.name} ${err.status}` : String(err);
      }
    }),
  );
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[o] = (counts[o] ?? 0) + 1;
  process.stdout.write(`${JSON.stringify({ counts, warnings })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
