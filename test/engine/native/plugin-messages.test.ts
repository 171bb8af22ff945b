// What the native plugin says reaches the user: through the real engine and Pulumi
// YAML, the provider's messages go to the engine's log (serving/plugin/engine-log.ts),
// at their severity and attached to their resource, so `pulumi up` and `destroy` show
// them on the resource's line and under it in Diagnostics without --debug: the
// CSR-subject warning (check) and the revoke request an administrator must approve
// (delete).
import { makeCsr } from "../../support/csr";
import { useYamlStack } from "../support/yaml-stack";

jest.setTimeout(10 * 60_000);

const KEY = "messages-key-3d7a90c1f5";
const TYPE = "digicert:index:ClientCertificateOrder";

const PROGRAM = `name: plugin-messages
runtime: yaml
resources:
  lock-cole:
    type: ${TYPE}
    properties:
      productId: client_premium_sha2
      certificate:
        commonName: Lock Cole
        emails:
          - locke.cole@example.com
        signatureHash: sha256
        csr:
          fn::readFile: ./terra.csr.pem
      organizationId: 112233
      validityYears: 1
      skipApproval: true
      paymentMethod: balance
`;

const yaml = useYamlStack({
  name: "messages",
  apiKey: KEY,
  program: async () => {
    // A CSR made for someone else than the order names: allowed, with a warning.
    const csr = await makeCsr({ commonName: "Terra Branford", emails: ["locke.cole@example.com"] });
    return { files: { "Pulumi.yaml": PROGRAM, "terra.csr.pem": csr } };
  },
});

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The engine's Diagnostics section holds `message` under the resource, at `severity` ("" for info). */
function underResource(stdout: string, name: string, severity: "warning: " | "", message: RegExp): void {
  const diagnostics = stdout.slice(stdout.indexOf("Diagnostics:"));
  expect(stdout).toContain("Diagnostics:");
  expect(diagnostics).toMatch(new RegExp(`  ${escape(TYPE)} \\(${escape(name)}\\):\\n(    .*\\n)*    ${escape(severity)}${message.source}`));
}

test("up shows the CSR-subject warning on the order's line, as a warning, without --debug", async () => {
  const r = await yaml.es.stack.up();
  expect(r.summary.resourceChanges).toEqual({ create: 2 });
  const warning = /ClientCertificateOrder certificate\.csr: the CSR's subject common name is "Terra Branford", certificate\.commonName is "Lock Cole"; DigiCert issues the certificate with what the request body says, not with the CSR's subject/;
  // On the resource's progress line...
  expect(r.stdout).toMatch(new RegExp(`${escape(TYPE)} lock-cole .*warning: ${warning.source}`));
  // ...and under it in Diagnostics; never on the stack, never as stderr noise.
  underResource(r.stdout, "lock-cole", "warning: ", warning);
  expect(r.stdout).not.toMatch(/pulumi:pulumi:Stack \(plugin-messages-messages\):\n\s+.*CSR's subject/);
  expect(r.stdout).not.toContain("digicert: warning:");
});

test("destroy shows the revoke request an administrator must approve, on the order's line", async () => {
  const r = await yaml.es.stack.destroy();
  expect(r.summary.resourceChanges).toEqual({ delete: 2 });
  const message = /certificate \d+ of order \d+: revoke request \d+ is pending; a CertCentral administrator must approve it before DigiCert revokes the certificate/;
  expect(r.stdout).toMatch(new RegExp(`${escape(TYPE)} lock-cole .*${message.source}`));
  underResource(r.stdout, "lock-cole", "", message);
});
