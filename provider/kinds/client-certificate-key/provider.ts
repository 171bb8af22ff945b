// ClientCertificateKey: no API, no journal. Keeps this run's candidate key only when the
// order was placed with its CSR; otherwise the key it holds stays, whatever the
// candidate (a new one at every run). The inputs hold a private key by design, so this
// is not a KindProvider: its check refuses keys in inputs, as a DigiCert resource must.
import { createHash, createPrivateKey, createPublicKey } from "node:crypto";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { UNKNOWN } from "../../kit/inputs/check";
import type { EngineMethods, PropertyBag } from "../../kit/kind-provider";
import { clientCertificateKey, type ClientCertificateKeyInputs, type ClientCertificateKeyOutputs } from "./schema";

function parse(bag: PropertyBag): ClientCertificateKeyInputs {
  const r = clientCertificateKey.inputs.safeParse(Object.fromEntries(Object.entries(bag).filter(([k]) => !k.startsWith("__"))));
  // Paths only: a value may be the key.
  if (!r.success) throw new Error(`ClientCertificateKey: ${r.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  return r.data;
}

/** Whether the order was just placed with the candidate's CSR (unknown at preview: maybe). */
function placedWithCandidate(news: PropertyBag, held: string | undefined): boolean {
  const orderCsr = news["orderCsr"];
  if (orderCsr === UNKNOWN) return true;
  return typeof orderCsr === "string" && orderCsr === news["candidateCsrPem"] && orderCsr !== held;
}

/** The outputs: the inputs but the candidate key (kept as privateKeyPem, or not at all). */
type Stored = Omit<ClientCertificateKeyOutputs, "candidatePrivateKeyPem">;

function adopt(inputs: ClientCertificateKeyInputs): Stored {
  const key = createPrivateKey(inputs.candidatePrivateKeyPem);
  const { candidatePrivateKeyPem: _candidate, ...rest } = inputs;
  return {
    ...rest,
    privateKeyPem: inputs.candidatePrivateKeyPem,
    publicKeyPem: createPublicKey(key).export({ type: "spki", format: "pem" }).toString(),
    csrPem: inputs.candidateCsrPem,
  };
}

export class ClientCertificateKeyProvider implements EngineMethods {
  async check(_olds: PropertyBag, news: PropertyBag): Promise<dynamic.CheckResult> {
    const r = clientCertificateKey.inputs.safeParse(Object.fromEntries(Object.entries(news).filter(([k]) => !k.startsWith("__"))));
    // At preview an input may be unknown (the candidate, when the certificate's names are
    // another resource's outputs not yet known): judged when it is known.
    const failures = r.success ? [] : r.error.issues.filter((i) => news[String(i.path[0])] !== UNKNOWN);
    if (failures.length === 0) return { inputs: news };
    return { inputs: news, failures: failures.map((i) => ({ property: i.path.join(".") || "(inputs)", reason: i.message })) };
  }

  async diff(_id: string, olds: PropertyBag, news: PropertyBag): Promise<dynamic.DiffResult> {
    const held = typeof olds["csrPem"] === "string" ? olds["csrPem"] : undefined;
    return { changes: placedWithCandidate(news, held), replaces: [], deleteBeforeReplace: false };
  }

  async create(news: PropertyBag): Promise<dynamic.CreateResult> {
    const inputs = parse(news);
    if (inputs.orderCsr !== inputs.candidateCsrPem) {
      if (inputs.orderCsr === undefined) throw new Error("the order reports no orderCsr: it was not placed by this release's ClientCertificateOrder, so the key it was placed with is unknown");
      throw new Error(
        "the order was not placed with this run's key (orderCsr is not this run's CSR): an earlier run that was interrupted placed it, and its key was not kept. " +
          "No key is stored; revoke that order in CertCentral and remove the ClientCertificate from the stack state (`pulumi state delete`), then run `pulumi up` to order anew.",
      );
    }
    const outs = adopt(inputs);
    const id = createHash("sha256").update(outs.publicKeyPem).digest("hex").slice(0, 32);
    return { id, outs };
  }

  async update(_id: string, olds: PropertyBag, news: PropertyBag): Promise<dynamic.UpdateResult> {
    const inputs = parse(news);
    const held = typeof olds["csrPem"] === "string" ? olds["csrPem"] : undefined;
    if (inputs.orderCsr === inputs.candidateCsrPem && inputs.orderCsr !== held) return { outs: adopt(inputs) };
    const { candidatePrivateKeyPem: _candidate, ...kept } = olds;
    return { outs: { ...kept, candidateCsrPem: inputs.candidateCsrPem, ...(inputs.orderCsr !== undefined ? { orderCsr: inputs.orderCsr } : {}) } };
  }

  async read(id: string, props?: PropertyBag): Promise<dynamic.ReadResult> {
    return { id, props: props ?? {} };
  }

  async delete(): Promise<void> {
    // The key lives only in the state: nothing outside it to delete.
  }
}
