// Between the resource's terms and DigiCert's: the order body a program's inputs make,
// and the outputs and refreshed inputs an order's info makes.
import {
  currentProductId,
  isClientProductId,
  isDocumented,
  ORDER_STATUSES,
  PAYMENT_METHODS,
  productFamily,
  type EmailValidationResponse,
  type OrderClientCertificateRequest,
  type OrderInfo,
} from "../../digicert";
import type { OrderIdentity } from "../../exactly-once/orders/identity";
import type { CertificatePem, PemTarget } from "../../kit/orders/certificate-pem";
import { compact, sameValue } from "../../kit/inputs/equal";
import { organizationIdOf, orderRequests } from "../../kit/orders/order-info";
import type { ClientCertificateOrderInputs, ClientCertificateOrderOutputs } from "./schema";

/**
 * The common name DigiCert gives the certificate, as far as the inputs tell: the first
 * email for mailbox-validated products ("DigiCert automatically sets the common name value
 * to the first email address"), the individual's names or pseudonym, or the commonName
 * declared. For "organization_name" it is the organization's name, which the inputs do
 * not hold: a declared commonName, else "".
 */
export function subjectName(i: ClientCertificateOrderInputs): string {
  const c = i.certificate;
  const first = c.emails?.[0] ?? "";
  const family = productFamily(i.productId);
  if (family === "mailbox" || family === "secure_email_mailbox") return first;
  switch (c.commonNameIndicator) {
    case "given_name_surname":
      return c.commonName ?? `${c.individual?.firstName ?? ""} ${c.individual?.lastName ?? ""}`.trim();
    case "pseudonym":
      return c.commonName ?? c.individual?.pseudonym ?? "";
    case "email_address":
      return first;
    default:
      return c.commonName ?? "";
  }
}

/** Whether DigiCert names the certificate after the declared commonName (no rule of the product names it otherwise). */
export function namedByCommonName(i: ClientCertificateOrderInputs): boolean {
  const family = productFamily(i.productId);
  return (family === "authentication" || family === "sponsor") && i.certificate.commonNameIndicator === undefined;
}

/** The order as DigiCert's orders list shows it, for the exactly-once look-ups: by the name DigiCert gives it. */
export function orderIdentity(i: ClientCertificateOrderInputs): OrderIdentity {
  // The CSR tells an order apart where DigiCert shows no emails (orders not S/MIME).
  // Only an imported client_authentication_plus order lacks emails, and check refuses to place one without them.
  return { ...i, certificate: { commonName: subjectName(i), emails: i.certificate.emails ?? [], csr: i.certificate.csr } };
}

/** The documented order body, in the client's camelCase. */
export function toOrderRequest(i: ClientCertificateOrderInputs): OrderClientCertificateRequest {
  const family = productFamily(i.productId);
  // Sponsor-validated client products: DigiCert's own example sends common_name (the
  // person's name) beside the indicator, and the base table still lists it as required.
  // Mailbox-validated and Secure Email products take none: DigiCert names them itself.
  const commonName = family === "authentication" || family === "sponsor" ? subjectName(i) || undefined : undefined;
  const emails = i.certificate.emails;
  // "emails: required" (Order client certificate). Check refuses a new order without them; an
  // imported order that has none (DigiCert shows none for client_authentication_plus) is never sent.
  if (emails === undefined) throw new Error(`certificate.emails are required to place a ${i.productId} order (DigiCert's Order client certificate page); no order was placed`);
  return compact({
    certificate: compact({
      ...i.certificate,
      emails,
      commonName,
      // "Place the usage_designation object inside the certificate object" (Order Secure Email (S/MIME)
      // certificate). profile_type stands beside it: the page's example shows it inside `certificate`,
      // as public clients send it. The page's table and its example comment disagree on the default
      // (strict vs multipurpose), and the table makes it an account setting: only a declared
      // profileType is sent.
      profileType: i.profileType,
    }),
    organization: { id: i.organizationId },
    container: i.containerId === undefined ? undefined : { id: i.containerId },
    // DigiCert requires validity_years even when a custom expiration date overrides it.
    validityYears: i.validityYears ?? 1,
    customExpirationDate: i.customExpirationDate,
    autoRenew: i.autoRenew,
    renewalOfOrderId: i.renewalOfOrderId,
    skipApproval: i.skipApproval,
    customFields: i.customFields,
    paymentMethod: i.paymentMethod,
  });
}

/** The order's PEM outputs are its current certificate's: downloadable once the order is issued. */
export function pemTarget(info: OrderInfo): PemTarget {
  const issued = info.status === "issued" ? true : isDocumented(ORDER_STATUSES, info.status) ? false : "maybe";
  return { certificateId: info.certificate.id, serialNumber: info.certificate.serialNumber, issued };
}

/** The emailValidations output from DigiCert's "Email validation status" answer. */
export function emailValidationsOf(r: EmailValidationResponse): NonNullable<ClientCertificateOrderOutputs["emailValidations"]> {
  return (r.emails ?? []).map((e) => compact({ email: e.email, status: e.status, dateEmailed: e.dateEmailed }));
}

export function outputsFromInfo(
  inputs: ClientCertificateOrderInputs,
  info: OrderInfo,
  pem?: CertificatePem,
  emailValidations?: ClientCertificateOrderOutputs["emailValidations"],
): ClientCertificateOrderOutputs {
  const c = info.certificate;
  return compact({
    ...inputs,
    orderId: info.id,
    certificateId: c.id,
    requests: orderRequests(info),
    status: info.status,
    certificateStatus: c.status,
    validFrom: c.validFrom,
    validTill: c.validTill,
    serialNumber: c.serialNumber,
    thumbprint: c.thumbprint,
    certificatePem: pem?.certificatePem,
    chainPem: pem?.chainPem,
    subjectCommonName: c.commonName,
    emailValidations,
  });
}

/**
 * What DigiCert holds, in the program's terms, so that later diffs compare against it.
 * Optional fields DigiCert always reports (a default container, empty units) are only
 * taken when the program declares them; certificate details are only taken while the
 * order was never reissued, since a reissue legitimately changes them.
 */
export function refreshedInputs(old: ClientCertificateOrderInputs, info: OrderInfo): ClientCertificateOrderInputs {
  const next: ClientCertificateOrderInputs = { ...old };
  const productId = info.product?.nameId;
  // An older id and its current equivalent are one product: the program's spelling stays.
  if (isClientProductId(productId) && currentProductId(productId) !== currentProductId(old.productId)) next.productId = productId;
  const organizationId = organizationIdOf(info);
  if (organizationId !== undefined) next.organizationId = organizationId;
  if (old.containerId !== undefined && info.container?.id !== undefined) next.containerId = info.container.id;
  const reissued = info.requests.some((r) => r.type === "reissue" && r.status === "approved");
  const c = info.certificate;
  if (!reissued) {
    const cert = { ...old.certificate };
    // Only where the declared commonName is the certificate's name; otherwise DigiCert's name is the subjectCommonName output.
    if (c.commonName !== undefined && namedByCommonName(old)) cert.commonName = c.commonName;
    if (c.emails !== undefined && !sameValue([...c.emails].sort(), [...(old.certificate.emails ?? [])].sort())) cert.emails = [...c.emails];
    if (old.certificate.organizationUnits !== undefined && c.organizationUnits !== undefined) {
      cert.organizationUnits = [...c.organizationUnits];
    }
    next.certificate = cert;
  }
  return next;
}

/**
 * The inputs of an order as DigiCert holds it, for `pulumi import`: what the order was
 * placed with and DigiCert reports back. Inputs the order's info does not report (revocationComments,
 * renewBeforeDays, skipApproval, autoRenew, customFields, adoptOrderId) are left out, so
 * their defaults apply. After a reissue DigiCert reports the reissued certificate's details:
 * the CSR is then the reissue's, not the order's, and is left out.
 */
export function importedInputs(info: OrderInfo): ClientCertificateOrderInputs | { refused: string } {
  const productId = info.product?.nameId;
  if (!isClientProductId(productId)) return { refused: `order ${info.id} is a ${productId ?? "product DigiCert does not name"} order, not a client certificate order` };
  const organizationId = organizationIdOf(info);
  if (organizationId === undefined) return { refused: `DigiCert reports no organization for order ${info.id}` };
  const c = info.certificate;
  if (c.commonName === undefined) return { refused: `DigiCert reports no common name for order ${info.id}` };
  const noEmails = c.emails === undefined || c.emails.length === 0;
  if (noEmails && productFamily(productId) !== "authentication") {
    // DigiCert returns emails "only for S/MIME certificate orders": an S/MIME order without them is not one it describes.
    return {
      refused:
        `DigiCert reports no emails for order ${info.id}, a ${productId} (S/MIME) order, and the resource's inputs need them. ` +
        `Declare the resource in the program with its emails and \`adoptOrderId: ${info.id}\` instead: \`pulumi up\` then takes the order without placing one`,
    };
  }
  const reissued = info.requests.some((r) => r.type === "reissue");
  const validity = c.certValidity;
  const years = validity?.years === 1 || validity?.years === 2 ? validity.years : undefined;
  return compact({
    productId,
    certificate: compact({
      // Products DigiCert names itself take no commonName input.
      commonName: ["authentication", "sponsor"].includes(productFamily(productId)) ? c.commonName : undefined,
      // Not S/MIME (client_authentication_plus): DigiCert returns no emails, the inputs go without.
      emails: noEmails ? undefined : [...(c.emails ?? [])],
      signatureHash: "sha256" as const,
      organizationUnits: c.organizationUnits !== undefined && c.organizationUnits.length > 0 ? [...c.organizationUnits] : undefined,
      csr: !reissued && c.csr !== undefined && c.csr !== "" ? c.csr : undefined,
    }),
    organizationId,
    containerId: info.container?.id,
    validityYears: validity?.customExpirationDate === undefined ? years : undefined,
    customExpirationDate: validity?.customExpirationDate,
    // renewed_order_id is only a hint (a renewal of DigiCert's example names 0): taken when it names an order.
    renewalOfOrderId: info.isRenewal === true && info.renewedOrderId !== undefined && info.renewedOrderId > 0 ? info.renewedOrderId : undefined,
    paymentMethod: isDocumented(PAYMENT_METHODS, info.paymentMethod) ? info.paymentMethod : undefined,
  });
}
