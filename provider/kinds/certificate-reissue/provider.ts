// CertificateReissue: create reissues the order's certificate, a change to the
// certificate details reissues again on the same order, delete cancels a reissue still
// pending (it would otherwise block the order's revoke) and never revokes anything.
// Each step is a file of its own; this class routes the engine's typed calls to them.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { changedKeys } from "../../kit/inputs/equal";
import { KindProvider, type Call, type PropertyBag } from "../../kit/kind-provider";
import type { ProviderContext } from "../../kit/runtime/context";
import type { Logger } from "../../kit/runtime/log";
import { journalFor } from "../../exactly-once/journal";
import { ClaimSet } from "../../exactly-once/lookup";
import { deleteReissue } from "./delete";
import { importReissue, readReissue } from "./read";
import { reissue } from "./reissue";
import type { ReissueRun } from "./run";
import { certificateReissue, REISSUE_KEYS, type CertificateReissueInputs, type CertificateReissueOutputs, type CertificateReissueState } from "./schema";

export class CertificateReissueProvider extends KindProvider<CertificateReissueInputs, CertificateReissueState> {
  private readonly run: ReissueRun;

  constructor(ctx: ProviderContext, log: Logger, runStartedAt?: number) {
    super(certificateReissue, ctx, log);
    this.run = { ctx, log, claims: new ClaimSet(), heldCertificates: new Set(), runStartedAt };
  }

  /** A reissue the engine shows in state is held, and its journal record served its purpose. */
  protected override onDiff(id: string, old: CertificateReissueState, news: PropertyBag, call: Call): Promise<dynamic.DiffResult> {
    const held = old.requests?.[0]?.id;
    if (held !== undefined) this.run.claims.claim(held);
    if (old.certificateId !== undefined) this.run.heldCertificates.add(old.certificateId);
    if (call.owner !== undefined) {
      journalFor(this.ctx.settings).forget(call.owner, (e) => e.what === "reissue" && e.orderId === Number(id) && e.requestId !== undefined && e.requestId === held);
    }
    return super.onDiff(id, old, news, call);
  }

  protected async onCreate(inputs: CertificateReissueInputs, call: Call): Promise<dynamic.CreateResult<CertificateReissueOutputs>> {
    return { id: String(inputs.orderId), outs: await reissue(this.run, inputs, call.owner) };
  }

  protected async onUpdate(_id: string, old: CertificateReissueState, inputs: CertificateReissueInputs, call: Call): Promise<dynamic.UpdateResult<CertificateReissueState>> {
    if (changedKeys(old, inputs, REISSUE_KEYS).length > 0) return { outs: await reissue(this.run, inputs, call.owner) };
    return { outs: this.carriedOver(inputs, old) };
  }

  protected onRead(id: string, old: CertificateReissueState): Promise<dynamic.ReadResult> {
    return readReissue(this.run, id, old, this.storedInputs(old));
  }

  protected onImport(id: string): Promise<dynamic.ReadResult> {
    return importReissue(this.run, id);
  }

  protected onDelete(id: string, old: CertificateReissueState): Promise<void> {
    return deleteReissue(this.run, id, old);
  }
}
