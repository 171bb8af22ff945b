// Command-line flags of main.ts, parsed apart from the process so tests can check them.
import { scaledRateLimits } from "./rate-limit";
import type { SimulatorOptions, SimulatorSettings } from "./types";

export const USAGE = `usage: node bin/simulator/main.js --port N [--host H] [--state FILE]
  [--api-key K]... [--auto-approve] [--auto-approve-revoke] [--issue-delay-ms N] [--latency-ms N]
  [--rate-limit-scale F]   DigiCert's rate windows times F (0.1: 100 per 0.5 s, 1000 per 18 s)`;

export class UsageError extends Error {
  override name = "UsageError";
}

function count(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || value === "" || !Number.isInteger(n) || n < 0) throw new UsageError(`${flag} needs a whole number >= 0`);
  return n;
}

export function parseArgs(argv: readonly string[]): SimulatorOptions {
  const apiKeys: string[] = [];
  const settings: Partial<SimulatorSettings> = {};
  const opts: SimulatorOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? "";
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--port": {
        const port = count(flag, argv[++i]);
        if (port > 65535) throw new UsageError("--port must be 0..65535");
        opts.port = port;
        break;
      }
      case "--host":
        opts.host = value();
        break;
      case "--state":
        opts.stateFile = value();
        break;
      case "--api-key":
        apiKeys.push(value());
        break;
      case "--auto-approve":
        settings.autoApprove = true;
        break;
      case "--auto-approve-revoke":
        settings.autoApproveRevoke = true;
        break;
      case "--issue-delay-ms":
        settings.issueDelayMs = count(flag, argv[++i]);
        break;
      case "--latency-ms":
        settings.latencyMs = count(flag, argv[++i]);
        break;
      case "--rate-limit-scale": {
        const f = Number(value());
        if (!Number.isFinite(f) || f <= 0) throw new UsageError(`${flag} needs a number > 0`);
        settings.rateLimits = scaledRateLimits(f);
        break;
      }
      default:
        throw new UsageError(`unknown argument ${flag}`);
    }
  }
  if (apiKeys.length > 0) opts.apiKeys = apiKeys;
  if (Object.keys(settings).length > 0) opts.settings = settings;
  return opts;
}
