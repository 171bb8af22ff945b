// The stack the reliability runs (and input-safety.test.ts) drive: N orders (products
// rotating), each with its CT status and every k-th with a reissue; its size and shape
// come from stack config, so one program serves every run.
//
// The products rotated are those whose orders issue on approval with a common name and
// emails alone: client_authentication_plus and the reference pages' two older ids. The
// current S/MIME products wait for DigiCert to validate each email and need
// commonNameIndicator and individual (current-products.test.ts covers them); in these
// runs an order must issue within the up, so that its reissue can follow.
import * as fs from "fs";
import * as path from "path";
import { ROOT, typescriptProgram } from "./program";

// A real CSR (CN=Lock Cole; its key was not kept): the simulator answers 400 to one that
// does not parse, and the provider refuses one that does not verify.
const CSR = fs.readFileSync(path.join(ROOT, "test/fixtures/csr/lock-cole.csr.pem"), "utf8");

const INDEX = `import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import * as digicert from "pulumi-digicert";

const config = new pulumi.Config();
const orders = config.requireNumber("orders");
const reissueEvery = config.getNumber("reissueEvery") ?? 0;
const ctStatus = config.getBoolean("ctStatus") ?? true;
const tag = config.require("tag");
const products = ["client_premium_sha2", "client_authentication_plus", "client_digital_signature_plus_sha2"] as const;
const csr = ${JSON.stringify(CSR)};

export const orderIds: pulumi.Output<number>[] = [];
for (let i = 0; i < orders; i++) {
  const name = \`user-\${String(i).padStart(3, "0")}\`;
  const commonName = \`\${tag} User \${i}\`;
  const order = new digicert.ClientCertificateOrder(name, {
    productId: products[i % products.length]!,
    certificate: { commonName, emails: [\`user\${i}@\${tag}.example.com\`], signatureHash: "sha256" },
    organizationId: 112233,
    validityYears: 1,
    skipApproval: true,
    revocationComments: "removed by the reliability suite",
  });
  orderIds.push(order.orderId);
  const ct = ctStatus ? new digicert.OrderCtStatus(\`\${name}-ct\`, { orderId: order.orderId, disableCt: true }) : undefined;
  if (reissueEvery > 0 && i % reissueEvery === 0) {
    new digicert.CertificateReissue(
      \`\${name}-reissue\`,
      { orderId: order.orderId, certificate: { commonName, csr, signatureHash: "sha256" }, comments: "key rotation", skipApproval: true },
      { dependsOn: ct ? [ct] : [] },
    );
  }
}

// One extra resource or function call with the inputs under test (bad-input previews),
// from config or, for inputs that must not sit in config (the engine echoes config in
// its events), from probe.json beside the program.
type Probe = { kind: string; args: Record<string, unknown> };
const probe = config.getObject<Probe>("probe") ?? (fs.existsSync("probe.json") ? (JSON.parse(fs.readFileSync("probe.json", "utf8")) as Probe) : undefined);
if (probe) {
  const args = probe.args as never;
  if (probe.kind === "ClientCertificateOrder") new digicert.ClientCertificateOrder("probe", args);
  else if (probe.kind === "CertificateReissue") new digicert.CertificateReissue("probe", args);
  else if (probe.kind === "OrderCtStatus") new digicert.OrderCtStatus("probe", args);
  else if (probe.kind === "getOrderDuplicates") digicert.getOrderDuplicatesOutput(args);
  else throw new Error(\`unknown probe kind \${probe.kind}\`);
}
`;

export const RELIABILITY_PROGRAM = typescriptProgram("reliability", INDEX);
