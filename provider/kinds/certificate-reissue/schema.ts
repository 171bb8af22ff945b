// CertificateReissue, defined once: what a program declares, what the provider adds,
// and which changes replace it or reissue again. The SDK class, diff, the state schema,
// schema.json and docs/CertificateReissue.md come from here.
import { z } from "zod";
import { defineResource, OBJECT_TYPES, type InputsOf, type OutputsOf, type StateOf } from "../../kit/inputs/definition";
import { MAX_NAME, REISSUE_SIGNATURE_HASHES, bool, csr, list, name, orderRequest, positiveId, text } from "../../kit/inputs/fields";

export const reissueCertificateDetails = z
  .strictObject(
    {
      commonName: name("the domain or name to secure", MAX_NAME).describe("Name or domain to secure."),
      dnsNames: z
        .array(name("a domain name", 253), { error: "must be a list of domain names" })
        .max(250, { error: "must list at most 250 domain names" })
        .optional()
        .describe("Other domains to secure."),
      csr: csr.describe("Certificate signing request (PEM) for the reissued certificate."),
      serverPlatformId: z
        .number({ error: "must be an integer server platform id (-1 for other)" })
        .int({ error: "must be an integer server platform id (-1 for other)" })
        .min(-1, { error: "must be an integer server platform id (-1 for other)" })
        .optional()
        .describe("ID of the server platform. Default -1 (other)."),
      signatureHash: z
        .enum(REISSUE_SIGNATURE_HASHES, { error: `must be one of ${list(REISSUE_SIGNATURE_HASHES)}` })
        .describe("Signature hash algorithm for the reissued certificate."),
    },
    { error: "must be an object { commonName, dnsNames?, csr, serverPlatformId?, signatureHash }" },
  )
  .describe("Details of the reissued certificate.")
  .register(OBJECT_TYPES, { name: "ReissueCertificateDetails", description: "Details of a reissued certificate." });

export const certificateReissue = defineResource({
  kind: "CertificateReissue",
  inputs: z
    .strictObject({
      orderId: positiveId("the order to reissue").describe("ID of the order whose certificate is reissued."),
      certificate: reissueCertificateDetails,
      comments: text().optional().describe("Message about the reissue."),
      skipApproval: bool("skip the approval step").optional().describe("Skip the approval step. Default false."),
    })
    .describe("Reissues an order's certificate with new details. Deleting it does not revoke anything."),
  computed: {
    requests: z.array(orderRequest).describe("The reissue request and its status."),
    certificateId: z.number().int().optional().describe("ID of the reissued certificate, once approved."),
    status: z.string().describe("pending, approved or rejected (the reissue request), or issued once the reissued certificate is the order's."),
    certificatePem: z
      .string()
      .optional()
      .describe(
        "The reissued certificate (the leaf), PEM, once issued. Checked: it parses as X.509 and its serial number is DigiCert's. Public, not a secret.",
      ),
    chainPem: z
      .string()
      .optional()
      .describe("The issuing CA certificates DigiCert lists after the leaf (intermediate(s), then root), PEM, without the leaf; once issued."),
  },
  replaceKeys: ["orderId"],
  // `certificate` reissues again on the same order; the others are only used by the
  // next reissue, so they change in place with no API call.
  updateKeys: ["certificate", "comments", "skipApproval"],
});

/** The update keys whose change files a new reissue on the same order. */
export const REISSUE_KEYS = ["certificate"] as const satisfies readonly (typeof certificateReissue.updateKeys)[number][];

export type CertificateReissueInputs = InputsOf<typeof certificateReissue>;
export type CertificateReissueOutputs = OutputsOf<typeof certificateReissue>;
export type CertificateReissueState = StateOf<typeof certificateReissue>;
