// Read: refresh follows the order the resource holds now; `pulumi import ORDER_ID`
// builds the resource's inputs from the order as DigiCert holds it.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { IN_PROGRESS, readHeldOrder, readOrder, SHARED_READ_MS } from "../../kit/orders/order-info";
import { ImportRefusedError } from "../../kit/runtime/errors";
import { importedInputs, outputsFromInfo, refreshedInputs, subjectName } from "./mapping";
import { currentOrderId } from "./renewal";
import type { OrderRun } from "./run";
import { pemAtRead, readEmailValidations } from "./settle";
import { clientCertificateOrder, type ClientCertificateOrderInputs, type ClientCertificateOrderState } from "./schema";

export async function readOrderResource(
  run: OrderRun,
  id: string,
  old: ClientCertificateOrderState,
  storedInputs: ClientCertificateOrderInputs,
): Promise<dynamic.ReadResult> {
  const orderId = currentOrderId(id, old);
  run.claims.claim(orderId);
  // A 404 fails the refresh: DigiCert keeps every order, so it is a wrong key or region.
  const info = await readHeldOrder(run.ctx.client(), orderId, "this ClientCertificateOrder", { maxAgeMs: SHARED_READ_MS });
  const inputs = refreshedInputs(storedInputs, info);
  // The current certificate's PEM: kept while it is the same certificate, else fetched
  // once it is issued (after a reissue, the reissued one). A PEM that does not check fails
  // the refresh; a download that fails is a warning, as at create.
  const pem = await pemAtRead(run, info, old);
  return { id, props: outputsFromInfo(inputs, info, pem, await refreshedEmailValidations(run, inputs, info, old)), inputs };
}

/**
 * Read while the order waits, and once more at the refresh that finds it issued after
 * stored addresses were unvalidated; otherwise the stored list is kept (no API call).
 */
async function refreshedEmailValidations(
  run: OrderRun,
  inputs: ClientCertificateOrderInputs,
  info: Parameters<typeof readEmailValidations>[2],
  old: ClientCertificateOrderState,
): Promise<ClientCertificateOrderState["emailValidations"]> {
  const stored = old.emailValidations;
  const waiting = IN_PROGRESS.has(info.status) || (stored ?? []).some((v) => v.status !== "validated");
  if (!waiting) return stored;
  return (await readEmailValidations(run, inputs.productId, info)) ?? stored;
}

/** `pulumi import ... ORDER_ID`: the order as DigiCert holds it, its inputs built from DigiCert. */
export async function importOrder(run: OrderRun, id: string): Promise<dynamic.ReadResult> {
  const orderId = /^[1-9]\d*$/.test(id) ? Number(id) : undefined;
  if (orderId === undefined) throw new ImportRefusedError(clientCertificateOrder.kind, id, "the import id of an order is its order id, a positive integer");
  const info = await readOrder(run.ctx.client(), orderId);
  if (info === undefined) return {};
  const inputs = importedInputs(info);
  if ("refused" in inputs) throw new ImportRefusedError(clientCertificateOrder.kind, id, inputs.refused);
  run.claims.claim(orderId);
  run.log.info(`order ${orderId} (${subjectName(inputs)}) imported with status ${info.status}; nothing was ordered`);
  return { id, props: outputsFromInfo(inputs, info, await pemAtRead(run, info, undefined)), inputs };
}
