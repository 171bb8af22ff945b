// The SDK's argument types take what `pulumi.Config` gives, with no cast: `getNumber` and
// `get` (`T | undefined`) for optional inputs, `requireNumber` for required ones. Checked
// by the type-check (`npx tsc`, and ts-jest here); the runtime part shows the values
// reach the resource as given.
import * as pulumi from "@pulumi/pulumi";
import type { ClientCertificateOrderArgs, CertificateReissueArgs } from "../../sdk";

function orderArgs(config: pulumi.Config): ClientCertificateOrderArgs {
  return {
    productId: "client_authentication_plus",
    certificate: { commonName: config.require("commonName"), emails: [], signatureHash: "sha256" },
    organizationId: config.requireNumber("organizationId"),
    containerId: config.getNumber("containerId"),
    validityYears: config.getNumber("validityYears"),
    autoRenew: config.getNumber("autoRenew"),
    revocationComments: config.get("revocationComments"),
    skipApproval: config.getBoolean("skipApproval"),
  };
}

function reissueArgs(config: pulumi.Config): CertificateReissueArgs {
  return {
    orderId: config.requireNumber("orderId"),
    certificate: { commonName: "x", csr: config.require("csr"), signatureHash: "sha256" },
    comments: config.get("comments"),
  };
}

// What stays refused: a string where a number goes, a product that does not exist.
export const refused: ClientCertificateOrderArgs = {
  // @ts-expect-error a product id outside the kind's list
  productId: "client_nonexistent",
  certificate: { commonName: "x", emails: [], signatureHash: "sha256" },
  // @ts-expect-error a string where a number goes
  organizationId: "112233",
};

test("config values fill the arguments as they are", () => {
  pulumi.runtime.setAllConfig({ "project:commonName": "Alice", "project:organizationId": "112233", "project:validityYears": "2", "project:orderId": "7", "project:csr": "CSR" });
  const config = new pulumi.Config("project");
  expect(orderArgs(config)).toMatchObject({ organizationId: 112233, validityYears: 2, containerId: undefined, revocationComments: undefined });
  expect(reissueArgs(config)).toMatchObject({ orderId: 7, certificate: { csr: "CSR" } });
});
