// ClientCertificateOrder, defined once: what a program declares (with the rules `check`
// applies), what the provider adds, and which changes replace the order. The SDK class,
// diff, the state schema, schema.json and docs/ClientCertificateOrder.md come from here.
import { z } from "zod";
import { defineResource, OBJECT_TYPES, type InputsOf, type OutputsOf, type StateOf } from "../../kit/inputs/definition";
import { CLIENT_PRODUCT_IDS, PROFILE_TYPES, MAX_TEXT, PAYMENT_METHODS, REVOKE_SCOPES, bool, boundedString, csr, list, orderRequest, positiveId, text } from "../../kit/inputs/fields";
import { refuseControlCharactersButLineBreaks } from "../../kit/inputs/text";
import { clientCertificateDetails, emailValidation } from "./certificate-details";
import { customExpirationDate, existingExpirationDate, MAX_CUSTOM_EXPIRATION_DAYS } from "./expiration-date";

export { clientCertificateDetails, emailValidation } from "./certificate-details";
export { MAX_CUSTOM_EXPIRATION_DAYS, daysFromToday } from "./expiration-date";

/** The provider's default for `renewBeforeDays`, as ACME's `min_days_remaining`. */
export const DEFAULT_RENEW_BEFORE_DAYS = 30;
// Below the shortest validity DigiCert sells (one year), with room to spare: a window as
// long as the validity would renew again right after every renewal.
export const MAX_RENEW_BEFORE_DAYS = 180;

const customField = z
  .strictObject(
    {
      metadataId: positiveId("the custom field's metadata id").describe("ID of the custom order field."),
      value: boundedString("the custom field's value", MAX_TEXT).superRefine(refuseControlCharactersButLineBreaks).describe("Value for the custom order field."),
    },
    { error: "must be an object { metadataId, value }" },
  )
  .describe("A custom order field; which ones are required depends on the account.")
  .register(OBJECT_TYPES, { name: "CustomField", description: "A custom order field." });

export const clientCertificateOrder = defineResource({
  kind: "ClientCertificateOrder",
  inputs: z
    .strictObject({
      productId: z
        .enum(CLIENT_PRODUCT_IDS, { error: `must be one of ${list(CLIENT_PRODUCT_IDS)}` })
        .describe("Client certificate product to order."),
      certificate: clientCertificateDetails,
      profileType: z
        .enum(PROFILE_TYPES, { error: `must be one of ${list(PROFILE_TYPES)}` })
        .optional()
        .describe(
          'Secure Email only: the certificate profile, "strict" or "multipurpose". When absent DigiCert applies the account\'s default for the product (strict unless changed in CertCentral\'s product settings). ' +
            "Not for the client_* products and class1_smime, whose S/MIME certificates DigiCert issues with the Multipurpose profile. Sent as `certificate.profile_type`.",
        ),
      organizationId: positiveId("the DigiCert organization id").describe("ID of the organization to associate with the order."),
      containerId: positiveId("the DigiCert container id").optional().describe("ID of the container (division) to place the order in."),
      validityYears: z
        .union([z.literal(1), z.literal(2)], { error: "must be 1 or 2 (years)" })
        .optional()
        .describe("Years the certificate is valid: 1 or 2. Overridden by customExpirationDate. Default 1."),
      customExpirationDate: customExpirationDate
        .optional()
        .describe(`Custom expiration date (yyyy-MM-dd), less than ${MAX_CUSTOM_EXPIRATION_DAYS} days in the future. Overrides validityYears. A renewal cannot keep the same date: once the order is due for renewal, set a new date to renew it.`),
      autoRenew: z
        .number({ error: "must be a whole number of automatic renewals, 0 or more" })
        .int({ error: "must be a whole number of automatic renewals, 0 or more" })
        .min(0, { error: "must be a whole number of automatic renewals, 0 or more" })
        .max(10, { error: "must be at most 10 automatic renewals" })
        .optional()
        .describe("How many times DigiCert renews the order automatically. With autoRenew above 0 the provider does not renew the order itself (renewBeforeDays does not apply)."),
      renewalOfOrderId: positiveId("the order this one renews").optional().describe("ID of the previous order, when this order is a renewal."),
      renewBeforeDays: z
        .number({ error: "must be a whole number of days (negative turns renewal off)" })
        .int({ error: "must be a whole number of days (negative turns renewal off)" })
        .max(MAX_RENEW_BEFORE_DAYS, {
          error: `must be at most ${MAX_RENEW_BEFORE_DAYS} days: a window as long as the certificate's validity would renew again right after each renewal`,
        })
        .optional()
        .describe(
          `Renew the certificate when this many days or fewer are left before it expires: the next \`pulumi up\` places a renewal order (renewal_of_order_id) with the same details, and the renewed order is not revoked. Decided from the stored validTill and today's date. Default ${DEFAULT_RENEW_BEFORE_DAYS}; a negative value turns renewal off; at most ${MAX_RENEW_BEFORE_DAYS}. Not allowed beside autoRenew, with which DigiCert renews the order itself.`,
        ),
      skipApproval: bool("skip the approval step").optional().describe("Skip the approval step. Default false."),
      customFields: z
        .array(customField, { error: "must be a list of { metadataId, value }" })
        .max(50, { error: "must list at most 50 custom fields" })
        .optional()
        .describe("Custom order fields; whether they are required depends on the account."),
      paymentMethod: z
        .enum(PAYMENT_METHODS, { error: `must be one of ${list(PAYMENT_METHODS)}` })
        .optional()
        .describe('How to pay for the order: "balance" (default), "card" or "profile".'),
      revocationComments: text().optional().describe("Comments sent with the revoke request when the order is deleted or replaced."),
      revokeScope: z
        .enum(REVOKE_SCOPES, { error: `must be one of ${list(REVOKE_SCOPES)}` })
        .optional()
        .describe(
          'What deleting the order revokes: "certificate" (default) revokes its current certificate (PUT /certificate/{id}/revoke; the order stays active and can be reissued); ' +
            '"order" revokes every certificate of the order, duplicates and reissues included, in one request (PUT /order/certificate/{id}/revoke), without reading the order first.',
        ),
      skipRevokeApproval: bool("revoke without an administrator's approval")
        .optional()
        .describe(
          "Revoke at once when the order is deleted or replaced (skip_approval), instead of filing a revoke request an administrator approves. DigiCert allows it only for an API key with administrator rights. Default false.",
        ),
      nextCsr: csr
        .optional()
        .describe(
          "The CSR the next order this resource places is placed with, when certificate.csr is absent: the first order and, unless keepCsrOnRenewal, each renewal. " +
            "For programs that make a new key for every order (the ClientCertificate component passes a new key's CSR at every run): a change alone calls no API and plans no change. " +
            "The orderCsr output tells which CSR the held order was placed with.",
        ),
      keepCsrOnRenewal: bool("renew with the held order's CSR")
        .optional()
        .describe("With nextCsr: a renewal is placed with the held order's CSR (orderCsr, the same key) instead of nextCsr. Default false."),
      adoptOrderId: positiveId("an existing DigiCert order to adopt")
        .optional()
        .describe("Adopt this existing order instead of placing a new one: create reads it, delete revokes it like any other order."),
    })
    .describe("Orders a DigiCert client certificate. Deleting the order revokes its current certificate."),
  computed: {
    orderId: z
      .number()
      .int()
      .describe("ID of the order the resource holds: after a renewal, the renewal's (the resource's ID stays the order it was created with). Use this, not the ID, to refer to the order."),
    certificateId: z.number().int().optional().describe("ID of the order's current certificate; present once the request is approved."),
    requests: z.array(orderRequest).describe("The order's new-order request and its status."),
    status: z
      .string()
      .describe("Status of the order: needs_approval, pending, processing, waiting_pickup, issued, reissue_pending, rejected, revoked, canceled or expired."),
    certificateStatus: z
      .string()
      .optional()
      .describe(
        'Status of the order\'s current certificate as DigiCert reports it (certificate.status), e.g. "issued" or "revoked". A certificate revoked outside the stack can leave the order "issued": this tells, and the next `pulumi up` replaces the order.',
      ),
    validFrom: z.string().optional().describe("Date the certificate is valid from (yyyy-MM-dd), once issued."),
    validTill: z.string().optional().describe("Date the certificate expires (yyyy-MM-dd), once issued."),
    serialNumber: z.string().optional().describe("Serial number of the certificate, once issued."),
    thumbprint: z.string().optional().describe("Thumbprint of the certificate, once issued."),
    certificatePem: z
      .string()
      .optional()
      .describe(
        "The order's current certificate (the leaf), PEM, once issued; after a reissue, the reissued one (the one deleting the order revokes). " +
          "Checked: it parses as X.509 and its serial number is DigiCert's. Public, not a secret.",
      ),
    chainPem: z
      .string()
      .optional()
      .describe("The issuing CA certificates DigiCert lists after the leaf (intermediate(s), then root), PEM, without the leaf; once issued."),
    subjectCommonName: z
      .string()
      .optional()
      .describe("The common name DigiCert holds for the certificate: for class1_smime and secure_email_mailbox the first email, which DigiCert sets itself."),
    orderCsr: z
      .string()
      .optional()
      .describe("The CSR the order the resource holds was placed with (certificate.csr or nextCsr), when the resource placed it. Public."),
    emailValidations: z
      .array(emailValidation)
      .optional()
      .describe(
        "S/MIME products: each email address and whether its recipient followed DigiCert's validation link (GET .../email-validation); read while the order waits, at create and at refresh. DigiCert issues once all are validated.",
      ),
  },
  // Everything DigiCert fixed when the order was placed: a change means a new order.
  // Once the order is due for renewal, a change to its term (validityYears,
  // customExpirationDate) is carried out by the renewal instead (renewal.ts).
  replaceKeys: [
    "productId",
    "certificate",
    "profileType",
    "organizationId",
    "containerId",
    "validityYears",
    "customExpirationDate",
    "autoRenew",
    "renewalOfOrderId",
    "skipApproval",
    "customFields",
    "paymentMethod",
    "adoptOrderId",
  ],
  // revocationComments, revokeScope and skipRevokeApproval are used only when the order is
  // deleted, renewBeforeDays only by diff: they change in place without an API call
  // (unless the order is due for renewal). nextCsr and keepCsrOnRenewal matter only when
  // an order is placed: their change alone is no change (diff.ts).
  updateKeys: ["revocationComments", "renewBeforeDays", "revokeScope", "skipRevokeApproval", "nextCsr", "keepCsrOnRenewal"],
});

/**
 * The inputs of an order that already exists with this customExpirationDate: the same
 * rules except the date's distance from today, which time alone changes.
 */
export const existingOrderInputs = clientCertificateOrder.inputs.extend({
  customExpirationDate: existingExpirationDate.optional(),
});

export type ClientCertificateOrderInputs = InputsOf<typeof clientCertificateOrder>;
export type ClientCertificateOrderOutputs = OutputsOf<typeof clientCertificateOrder>;
export type ClientCertificateOrderState = StateOf<typeof clientCertificateOrder>;
