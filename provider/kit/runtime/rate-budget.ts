// Where this machine's provider processes share a key's rate budget, and the windows the
// client counts. The ledger lives beside the journal's folder (the same runner keeps
// both), named by a hash of the key: see provider/digicert/rate-ledger.ts.
import * as os from "node:os";
import * as path from "node:path";
import { DigiCertConfigError } from "../../digicert";

export const RATE_BUDGET_FOLDER = "digicert-rate-budget";

/**
 * Beside `digicert:journalDir` when it is set, else beside its default
 * ($PULUMI_HOME/digicert-journal, as exactly-once/journal.ts resolves it).
 */
export function rateBudgetDir(journalDir: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (journalDir !== undefined) return path.join(path.dirname(path.resolve(journalDir)), RATE_BUDGET_FOLDER);
  const home = env["PULUMI_HOME"] !== undefined && env["PULUMI_HOME"] !== "" ? env["PULUMI_HOME"] : path.join(os.homedir(), ".pulumi");
  return path.join(home, RATE_BUDGET_FOLDER);
}

/**
 * Tests only: the rate windows the client counts, for a simulator whose windows are
 * scaled down (`100/500,1000/18000`: 100 per 0.5 s and 1000 per 18 s). Unset: CertCentral's.
 * Not a user setting: CertCentral's limits are not the user's to choose.
 */
export const TEST_RATE_LIMITS_ENV = "DIGICERT_TEST_RATE_LIMITS";

export function testRateLimits(env: NodeJS.ProcessEnv = process.env): { limit: number; windowMs: number }[] | undefined {
  const raw = env[TEST_RATE_LIMITS_ENV];
  if (raw === undefined || raw.trim() === "") return undefined;
  return raw.split(",").map((part) => {
    const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(part);
    if (m === null) throw new DigiCertConfigError(`${TEST_RATE_LIMITS_ENV} must read like 100/500,1000/18000 (requests/window ms)`);
    return { limit: Number(m[1]), windowMs: Number(m[2]) };
  });
}
