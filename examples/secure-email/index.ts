import * as pulumi from "@pulumi/pulumi";
import * as digicert from "pulumi-digicert";

// A Secure Email for Business certificate (secure_email_sponsor): a person of the
// organization signs and encrypts email. See docs/which-product.md.
const config = new pulumi.Config();
const organizationId = config.getNumber("organizationId") ?? 112233;
const email = config.get("email") ?? "alice@example.com";

const alice = new digicert.ClientCertificateOrder("alice-email", {
  productId: "secure_email_sponsor",
  // Absent, DigiCert applies the account's default profile (strict unless changed).
  profileType: "multipurpose",
  certificate: {
    emails: [email],
    signatureHash: "sha256",
    commonNameIndicator: "given_name_surname",
    individual: { firstName: "Alice", lastName: "Example" },
    usageDesignation: { primaryUsage: "dual_use", additionalUsages: ["non_repudiation"] },
  },
  organizationId,
  skipApproval: true,
  revocationComments: "Removed from the secure-email stack",
});

export const orderId = alice.orderId;
export const status = alice.status;
// Each address and whether its recipient followed DigiCert's validation link.
export const emailValidations = alice.emailValidations;
// Present once DigiCert issued: after validation, run `pulumi refresh`.
export const certificatePem = alice.certificatePem;
