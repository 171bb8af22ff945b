// The outputs of an order that exists, once its POST is behind it: from the order's
// answer when DigiCert issued at once, else read back (waiting for issuance as long as
// the settings say), with the certificate's PEM. Nothing here may fail a create or a
// renewal: the order is paid for, and losing it from the stack would order it again.
import type { OrderInfo } from "../../digicert";
import { certificatePems, type CertificatePem, type StoredPem } from "../../kit/orders/certificate-pem";
import { IN_PROGRESS } from "../../kit/orders/order-info";
import { CertificateCheckError } from "../../kit/runtime/errors";
import { messageOf } from "../../kit/runtime/log";
import { waitFor } from "../../kit/runtime/wait";
import { outputsFromAnswer } from "./issued-at-once";
import { isSmimeProduct } from "../../digicert";
import { emailValidationsOf, outputsFromInfo, pemTarget } from "./mapping";
import type { OrderRun } from "./run";
import type { ClientCertificateOrderInputs, ClientCertificateOrderOutputs } from "./schema";

type EmailValidations = NonNullable<ClientCertificateOrderOutputs["emailValidations"]>;

/** The order POST's `certificate_chain`, when DigiCert issued at once: leaf, intermediate, root. */
export interface PostedChain {
  readonly certificateId: number;
  readonly pems: readonly string[];
}

/** An order POST's outcome: the order, and the outputs known before reading it back. */
export interface Placed {
  readonly orderId: number;
  readonly first: ClientCertificateOrderOutputs;
  readonly how: "placed" | "adopted";
  /** The POST's certificate_chain, when DigiCert issued at once. */
  readonly chain?: PostedChain;
}

/**
 * The outputs of an order that exists: read back from DigiCert, or as first known when
 * that read fails.
 */
export async function settled(run: OrderRun, inputs: ClientCertificateOrderInputs, placed: Placed): Promise<ClientCertificateOrderOutputs> {
  if (placed.how === "placed" && placed.chain !== undefined) {
    try {
      const outs = outputsFromAnswer(inputs, { orderId: placed.orderId, requests: placed.first.requests ?? [], ...placed.chain });
      run.log.info(`order ${placed.orderId}: issued at once; certificate ${placed.chain.certificateId} (serial ${outs.serialNumber ?? "?"}) stored as PEM, from the order's answer`);
      return outs;
    } catch (err) {
      run.log.warn(`order ${placed.orderId}: the certificate in the order's answer does not check (${messageOf(err)}); reading the order back instead`);
    }
  }
  let waited: Waited;
  try {
    waited = await waitForIssuance(run, inputs, placed.orderId);
  } catch (err) {
    run.log.warn(`order ${placed.orderId} was ${placed.how}, but reading it back failed (${messageOf(err)}); \`pulumi refresh\` will catch up`);
    return placed.first;
  }
  const { info, emailValidations } = waited;
  const unvalidated = (emailValidations ?? []).filter((v) => v.status !== "validated");
  if (IN_PROGRESS.has(info.status) && unvalidated.length > 0) {
    run.log.info(
      `order ${info.id}: ${unvalidated.length} of ${emailValidations?.length ?? 0} email address(es) still unvalidated (${unvalidated.map((v) => v.email).join(", ")}): ` +
        "each recipient must follow the link in DigiCert's validation email before DigiCert issues; the order is recorded pending, and `pulumi refresh` picks up issuance",
    );
  }
  return outputsFromInfo(inputs, info, await pemAtCreate(run, info, placed.chain), emailValidations);
}

interface Waited {
  readonly info: OrderInfo;
  readonly emailValidations?: EmailValidations;
}

/**
 * An S/MIME order's email validation, read while the order waits: DigiCert issues only
 * once every address is validated. A failed read is logged, never thrown (the order exists).
 */
export async function readEmailValidations(run: OrderRun, productId: ClientCertificateOrderInputs["productId"], info: OrderInfo): Promise<EmailValidations | undefined> {
  if (!isSmimeProduct(productId)) return undefined;
  try {
    return emailValidationsOf(await run.ctx.client().getEmailValidation(info.id));
  } catch (err) {
    run.log.warn(`order ${info.id}: reading its email validation failed (${messageOf(err)}); \`pulumi refresh\` will read it again`);
    return undefined;
  }
}

/** The certificate's PEM at create, if it is issued; a failure is logged, never thrown: the order exists. */
export async function pemAtCreate(run: OrderRun, info: OrderInfo, chain?: PostedChain): Promise<CertificatePem | undefined> {
  try {
    return await orderPem(run, info, undefined, chain);
  } catch (err) {
    run.log.warn(
      `order ${info.id}: the PEM of certificate ${info.certificate.id ?? "?"} was not stored (${messageOf(err)}); ` +
        "the order stands, and `pulumi refresh` will fetch the certificate",
    );
    return undefined;
  }
}

/**
 * The certificate's PEM at refresh and import. A download that fails is what it is at
 * create: a warning, no PEM stored (the one stored for the same certificate is kept), and
 * the order stays in the stack; the next refresh fetches it. A PEM that does not check
 * against DigiCert's serial still fails: that is no outage, but a certificate not to use.
 */
export async function pemAtRead(run: OrderRun, info: OrderInfo, stored: StoredPem | undefined): Promise<CertificatePem | undefined> {
  try {
    return await orderPem(run, info, stored);
  } catch (err) {
    if (err instanceof CertificateCheckError) throw err;
    run.log.warn(
      `order ${info.id}: downloading certificate ${info.certificate.id ?? "?"} failed (${messageOf(err)}); no PEM stored this time. ` +
        "The order stands, and the next `pulumi refresh` fetches the certificate",
    );
    return undefined;
  }
}

/** The PEM outputs of the order's current certificate: kept, from the order's answer, or downloaded once. */
export async function orderPem(run: OrderRun, info: OrderInfo, stored: StoredPem | undefined, chain?: PostedChain): Promise<CertificatePem | undefined> {
  const r = await certificatePems({ client: run.ctx.client(), target: pemTarget(info), stored, chain });
  const certificate = `certificate ${info.certificate.id ?? "?"} (serial ${info.certificate.serialNumber ?? "?"})`;
  if (r?.pem === undefined && r?.unavailable !== undefined) {
    run.log.warn(`order ${info.id} has status "${info.status}", which DigiCert does not document, and downloading ${certificate} failed (${r.unavailable}); no PEM stored`);
  } else if (r?.pem !== undefined && r.source !== "kept") {
    run.log.info(`order ${info.id}: ${certificate} stored as PEM, ${r.source === "order" ? "from the order's answer" : "downloaded"}`);
  }
  return r?.pem;
}

async function waitForIssuance(run: OrderRun, inputs: ClientCertificateOrderInputs, orderId: number): Promise<Waited> {
  const client = run.ctx.client();
  const r = await waitFor<Waited>({
    what: `order ${orderId}`,
    timeoutSeconds: run.ctx.settings.waitForIssuanceSeconds,
    log: run.log,
    poll: async () => {
      const info = await client.getOrder(orderId);
      const pending = info.requests.filter((q) => q.status === "pending" || q.status === "submitted");
      const done = !IN_PROGRESS.has(info.status);
      // Read while the order waits: an issued order's addresses were all validated.
      const emailValidations = done ? undefined : await readEmailValidations(run, inputs.productId, info);
      const unvalidated = (emailValidations ?? []).filter((v) => v.status !== "validated").length;
      const emails = unvalidated > 0 ? `; ${unvalidated} email address(es) unvalidated: each recipient must follow DigiCert's validation link` : "";
      const progress =
        info.status === "needs_approval"
          ? `awaiting approval by a CertCentral administrator (request ${pending.map((q) => q.id).join(", ") || "?"} ${pending[0]?.status ?? "pending"})${emails}`
          : `status ${info.status}, awaiting issuance${emails}`;
      return { done, value: { info, ...(emailValidations !== undefined ? { emailValidations } : {}) }, progress };
    },
  });
  return r.value;
}
