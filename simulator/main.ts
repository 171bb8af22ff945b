#!/usr/bin/env node
// Runs the simulator as a process for `make up`: prints its URL once listening,
// closes cleanly on SIGINT/SIGTERM. Never prints API keys.
import { parseArgs, UsageError, USAGE } from "./cli";
import { startSimulator } from "./server";

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    console.log(USAGE);
    return;
  }
  const sim = await startSimulator(parseArgs(args));
  console.log(`listening on ${sim.url}`);
  const stop = (signal: string): void => {
    console.log(`${signal}: closing`);
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main().catch((err: unknown) => {
  if (err instanceof UsageError) {
    console.error(`${err.message}\n${USAGE}`);
    process.exit(2);
  }
  console.error(`simulator failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
