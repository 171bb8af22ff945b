// The lifecycle of each resource, written once: docs/lifecycle.md and each resource's
// reference page are generated from it (`make schema`). A kind without its lifecycle or
// example is a type error.
import type { FUNCTIONS, ResourceKind } from "../../provider/serving/registry";

export interface Lifecycle {
  readonly check: string;
  readonly diff: string;
  readonly create: string;
  readonly read: string;
  readonly update: string;
  readonly delete: string;
}

export const LIFECYCLE: Record<ResourceKind, Lifecycle> = {
  ClientCertificateOrder: {
    check:
      "every input by its zod schema: product id, emails, signature hash `sha256`, validity 1|2, custom expiration date `yyyy-MM-dd` in the future and less than 825 days ahead (an existing order's unchanged date is not judged by today again), payment method, positive integer ids, `renewBeforeDays` a whole number at most 180 and not beside `autoRenew`, a new custom expiration date beyond the renewal window, unknown fields, sizes, no control characters in names, each email once (case-insensitively), a CSR that is one PEM `CERTIFICATE REQUEST` that parses and whose signature verifies (a subject naming someone else than the inputs is a warning); each failure names the field and what is allowed. An input holding a private key is refused and not kept",
    diff:
      "a change to anything DigiCert fixed at ordering (product, certificate, organization, container, validity, custom expiration date, auto renew, renewal of, skip approval, custom fields, payment method, adoptOrderId) **replaces**: the new order is placed, then the old one revoked. An order DigiCert revoked, rejected, canceled or expired outside the stack also plans a replacement (`status`), and so does an order whose certificate was revoked outside the stack while the order still reads `issued` (`certificateStatus`); the plan logs why. `revocationComments`, `revokeScope`, `skipRevokeApproval` and `renewBeforeDays` **update in place** with no API call. An issued order whose stored `validTill` is `renewBeforeDays` days away or less (default 30; see [renewal](renewal.md)) plans an **update that renews it**, decided from state and today's date with no API call, and logs why (`valid till 2027-01-02, 25 days left, renewBeforeDays 30`); a change to `validityYears` or `customExpirationDate` then goes with the renewal instead of replacing. Not with `autoRenew` (DigiCert renews), nor to the same `customExpirationDate` (logged: a new date is needed)",
    create:
      "`POST /order/certificate/{product_id}` once, or adopts `adoptOrderId` (reading it, ordering nothing). Before the POST, unless this machine's journal knows the resource, one read of DigiCert's orders of the last `digicert:orderLookbackHours` (one per run): an order with the same certificate that no resource holds stops the create, naming it ([interrupted runs](interrupted-runs.md)). Then create waits, bounded by `digicert:waitForIssuanceSeconds` and logging progress, for approval and issuance. Nothing after the order is placed can fail the create. The POST is never sent again: when its answer is lost (timeout, reset, 5xx), create looks for the order in DigiCert's orders list for up to `digicert:orderLookupSeconds` and adopts exactly one match, or fails saying nothing was placed, or names the candidates and `adoptOrderId`. An order DigiCert issues at once is described from the POST's answer, with no read-back: its `certificate_chain` gives the PEM (`certificatePem`, `chainPem`) and the signed certificate's serial, thumbprint and validity; otherwise create reads the order while it waits, and the PEM comes from one `GET /certificate/{certificate_id}/download/format/pem_all` once issued; a failed download is logged and left to refresh",
    read:
      "`GET /order/certificate/{order_id}` of the order it holds (`orderId`: after a renewal, the renewal, while the ID stays the first order): status, current certificate id and its own status (`certificateStatus`: a certificate revoked on an order that stays `issued` shows only there), validity, serial number, thumbprint; the organization id from `certificate.organization.id` (DigiCert's example has none at the top level), emails only where DigiCert returns them (S/MIME orders); revoked, rejected, canceled or newly issued orders show as drift; refreshed inputs are returned so later diffs compare against DigiCert; an order that no longer exists reads as gone. The PEM outputs are the **current** certificate's (after a reissue, the reissued one): kept while the certificate id is the same, else downloaded once it is issued. A stored PEM must parse as X.509 and carry the serial DigiCert reports: a mismatch is an error naming both. A download that fails is a warning, at refresh and import as at create: no PEM is stored that time and the next refresh fetches it. Statuses DigiCert does not document are read as they are, logged once, and drive no replacement",
    update:
      "a due renewal: reads the order (one already renewed by an interrupted run or by hand is taken, not renewed again; one no longer due or no longer issued is not renewed), then `POST /order/certificate/{product_id}` once with `renewal_of_order_id` and the same details, CSR, organization and container, recovered like create's POST when its answer is lost, and waits like create; `orderId`, `certificateId`, `validTill` and the PEM outputs become the renewal's. The renewed order is **not revoked**. Otherwise `revocationComments` or `renewBeforeDays`, with no API call",
    delete:
      "by the documented path for the order's status now (Update order status, Update request status, Revoke pages). **Awaiting approval** (`needs_approval`): its waiting request is **rejected** (`PUT /request/{request_id}/status`, `rejected`): DigiCert cancels only `pending` and `waiting_pickup` orders. **`pending` or `waiting_pickup`**: **canceled** (`PUT /order/certificate/{order_id}/status`), so it cannot be issued and billed later. **Issued**: revoked by `revokeScope`. `certificate` (default) reads the order for its **current** certificate (a reissue may have replaced the one seen at creation), then `PUT /certificate/{certificate_id}/revoke` with `revocationComments`: the order stays active (it can still be reissued) and, like any revoke, is not refunded; a duplicate or an earlier certificate of the order stays valid. `order` sends one `PUT /order/certificate/{order_id}/revoke`, with no read before it: every certificate of the order, **duplicates and reissues included**, is revoked and the order ends: one request per order instead of two, at the cost of every copy of the certificate; only when DigiCert refuses it (an order not issued, already revoked, a revoke pending, a pending reissue) is the order read to decide. (In a `pulumi destroy` an `OrderCtStatus` on the order is deleted first and, for a revoke by certificate, reads the order ahead while the key's budget has room; it keeps the order's scope as the provider last saw it (`orderRevokeScope`), so for `order` it reads nothing.) Without `skipRevokeApproval` each revoke is a request a CertCentral administrator must approve (logged with its id); with it the certificate or order is revoked at once, which DigiCert allows only for an API key with administrator rights (a key without them fails the delete) and which cannot be taken back by rejecting the request. Already revoked (the order, or its certificate while the order reads `issued`), expired, canceled or rejected, a revoke already pending, or an order gone: logged, not an error. A pending reissue: fails with DigiCert's reason and what to do (cancel the reissue or wait). `processing`, or a status DigiCert does not document: neither revoked nor canceled, a warning names what was left. Orders the resource renewed before are not revoked: they run out on their own",
  },
  CertificateReissue: {
    check:
      "orderId, common name and DNS names without control characters, CSR (one PEM `CERTIFICATE REQUEST` that parses and whose signature verifies; a subject common name other than the input's is a warning), signature hash, server platform id, comments (line breaks, no other control characters), sizes, unknown fields. An input holding a private key is refused and not kept",
    diff:
      "a new `orderId` **replaces**; a change to `certificate` **updates**: a new reissue on the same order; `comments` and `skipApproval` update in place with no API call",
    create:
      "`POST /order/certificate/{order_id}/reissue`, then waits for approval and issuance like an order. Before the POST, unless this machine's journal settles it, the order is read: its latest reissue request, filed within `digicert:orderLookbackHours` and held by no resource, stops the reissue, naming it ([interrupted runs](interrupted-runs.md))",
    read: "the reissue request's status, and its certificate once issued, with its PEM (`certificatePem`, `chainPem`; downloaded once, checked like an order's)",
    update: "a new reissue when the certificate details changed; otherwise no API call",
    delete:
      "**revokes nothing**. A reissue still waiting for approval is withdrawn, since it would block the order's revoke: its request is rejected (`PUT /request/{request_id}/status`), or, when its request is not known, the pending reissue is canceled (`PUT /order/certificate/{order_id}/status`); an issued one stays the order's certificate and is revoked when the order is deleted. An order or request status DigiCert does not document cancels nothing: a warning says so",
  },
  ClientCertificateKey: {
    check: "the candidate key and its CSR, `orderCsr`, unknown fields: the inputs hold a private key by design (a secret, made by the ClientCertificate component); it is not a DigiCert resource and calls no API",
    diff: "an **update** only when the order was just placed with the candidate's CSR (`orderCsr` is the candidate's and not the held one's): the first order, a renewal with a new key; a new candidate alone is no change",
    create: "keeps the candidate key as `privateKeyPem` (a secret); fails if the order was not placed with this run's key (an interrupted earlier run placed it)",
    read: "nothing to read: the key lives only in the state",
    update: "keeps the candidate key when the order was placed with it; otherwise the held key stays",
    delete: "nothing outside the state to delete",
  },
  OrderCtStatus: {
    check: "orderId, `disableCt` a boolean, unknown fields. An input holding a private key is refused and not kept",
    diff: "a new `orderId` **replaces**; `disableCt` **updates in place**",
    create: "`PUT /order/certificate/{order_id}/ct-status` (204)",
    read: "the order's `disable_ct`; a change made outside the stack shows as drift",
    update: "the same `PUT`",
    delete:
      "restores CT logging (`disable_ct: false`), DigiCert's default; an order gone, or not in a state that allows the change, is logged and not an error",
  },
};

export const FUNCTION_LIFECYCLE: Record<(typeof FUNCTIONS)[number]["name"], string> = {
  getOrderDuplicates:
    "runs in the program's own process (dynamic providers implement no invoke) with the same `digicert:*` settings: `GET /order/certificate/{order_id}/duplicate`; its input is checked first, with no API call for a bad one",
  pkcs12Bundle:
    "runs in the program's own process (the native plugin's, as an invoke, for Pulumi YAML and the generated SDKs) and sends nothing anywhere; its inputs are checked first, each failure naming the field and never a value; the result is a secret (the Output form's, and the invoke's)",
};

export const EXAMPLES: Record<ResourceKind | (typeof FUNCTIONS)[number]["name"], string> = {
  ClientCertificateOrder: `import * as digicert from "pulumi-digicert";

const order = new digicert.ClientCertificateOrder("lock-cole", {
  productId: "client_premium_sha2",
  certificate: {
    commonName: "Lock Cole",
    emails: ["locke.cole@example.com"],
    signatureHash: "sha256",
    organizationUnits: ["Accounting"],
  },
  organizationId: 112233,
  validityYears: 1,
  skipApproval: true,
  paymentMethod: "balance",
  revocationComments: "Removed from the stack",
});

export const orderId = order.orderId;
export const certificateId = order.certificateId;`,
  CertificateReissue: `import * as fs from "fs";
import * as digicert from "pulumi-digicert";

declare const order: digicert.ClientCertificateOrder;

const reissue = new digicert.CertificateReissue("lock-cole-reissue", {
  orderId: order.orderId,
  certificate: {
    commonName: "Lock Cole",
    csr: fs.readFileSync("reissue.csr.pem", "utf8"),
    signatureHash: "sha256",
  },
  comments: "Key rotation",
  skipApproval: true,
});

export const reissuedCertificateId = reissue.certificateId;`,
  OrderCtStatus: `import * as digicert from "pulumi-digicert";

declare const order: digicert.ClientCertificateOrder;

// Keep this certificate out of public CT logs.
new digicert.OrderCtStatus("lock-cole-ct", { orderId: order.orderId, disableCt: true });`,
  ClientCertificateKey: `// Made by the ClientCertificate component, not declared by programs:
import * as digicert from "pulumi-digicert";

const certificate = new digicert.ClientCertificate("lock-cole", {
  productId: "client_authentication_plus",
  certificate: { commonName: "Lock Cole", emails: ["locke.cole@example.com"], signatureHash: "sha256" },
  organizationId: 112233,
});
export const privateKeyPem = certificate.privateKeyPem; // a secret
`,
  getOrderDuplicates: `import * as digicert from "pulumi-digicert";

declare const order: digicert.ClientCertificateOrder;

const duplicates = digicert.getOrderDuplicatesOutput({ orderId: order.orderId });
export const duplicateIds = duplicates.certificates.apply((cs) => cs.map((c) => c.id));

// Or, with a known order id:
// const { certificates } = await digicert.getOrderDuplicates({ orderId: 123456 });`,
  pkcs12Bundle: `import * as pulumi from "@pulumi/pulumi";
import * as digicert from "pulumi-digicert";

// A key the program keeps itself (e.g. @pulumi/tls's PrivateKey), and its order's certificate.
declare const privateKeyPem: pulumi.Output<string>;
declare const order: digicert.ClientCertificateOrder;

const bundle = digicert.pkcs12BundleOutput({
  certificatePem: order.certificatePem.apply((p) => p ?? ""),
  chainPem: order.chainPem.apply((p) => p ?? ""),
  privateKeyPem,
  password: new pulumi.Config().requireSecret("p12Password"),
  profile: "legacy",
});
export const pkcs12 = bundle.pkcs12; // a secret, base64`,
};
