// What the reissue's steps share within one provider process.
import type { ProviderContext } from "../../kit/runtime/context";
import type { Logger } from "../../kit/runtime/log";
import type { ClaimSet } from "../../exactly-once/lookup";

export interface ReissueRun {
  readonly ctx: ProviderContext;
  readonly log: Logger;
  /** Reissue requests this process filed or recovered. */
  readonly claims: ClaimSet;
  /** Certificates the reissues in state hold (a reissue with approval skipped has no request id to claim). */
  readonly heldCertificates: Set<number>;
  /** When this run began; tests that play an earlier run in the same process set it. */
  readonly runStartedAt: number | undefined;
}
