// Every resource kind and function of the package, by definition: schema.json, the
// docs and the host's table of implementations are built from these lists.
import { clientCertificateOrder } from "./client-certificate-order/schema";
import { certificateReissue } from "./certificate-reissue/schema";
import { orderCtStatus } from "./order-ct-status/schema";
import { getOrderDuplicates } from "./get-order-duplicates/schema";

export const RESOURCES = [clientCertificateOrder, certificateReissue, orderCtStatus] as const;
export const FUNCTIONS = [getOrderDuplicates] as const;

export type ResourceKind = (typeof RESOURCES)[number]["kind"];
export const RESOURCE_KINDS: readonly ResourceKind[] = RESOURCES.map((r) => r.kind);

/** The module of the dynamic resources' types: `pulumi-nodejs:dynamic/digicert:<Kind>`. */
export const MODULE = "digicert";
