// Input safety through the real engine: a private key pasted after a CSR fails
// `pulumi preview` and `pulumi up` naming the field, with no request to DigiCert and the
// key's body nowhere in the engine's output, events or state; a CSR naming someone else
// previews with a warning the engine shows; a line break in a name fails the preview.
// The inputs come from probe.json beside the program, not from stack config, which the
// engine echoes in its events.
import * as fs from "fs";
import * as path from "path";
import { makeCsr } from "../support/csr";
import { keyLeaks, privateKey } from "../support/private-keys";
import { CSR } from "../support/providers";
import { EngineFixture, type EngineStack, type TestSimulator } from "./support/fixture";
import { RELIABILITY_PROGRAM } from "./support/reliability-program";

jest.setTimeout(10 * 60_000);

const KEY = "input-safety-key-5e8b1d";
const fx = new EngineFixture();
let sim: TestSimulator;
let es: EngineStack;

beforeAll(async () => {
  sim = await fx.simulator({ apiKeys: [KEY] });
  es = await fx.stack({ name: "input-safety", program: RELIABILITY_PROGRAM, sim, config: { orders: { value: "0" }, tag: { value: "Safety" } } });
});
afterAll(() => fx.close());

function probe(certificate: Record<string, unknown>): void {
  const args = {
    productId: "client_premium_sha2",
    certificate: { commonName: "Lock Cole", emails: ["locke.cole@example.com"], signatureHash: "sha256", ...certificate },
    organizationId: 112233,
    skipApproval: true,
  };
  fs.writeFileSync(path.join(es.workDir, "probe.json"), JSON.stringify({ kind: "ClientCertificateOrder", args }));
}

test("a private key after the CSR: preview and up fail naming certificate.csr; no request, the key's body nowhere", async () => {
  const key = privateKey("PRIVATE KEY");
  probe({ csr: CSR + key.pem });
  await sim.admin.clearRequests();
  for (const kind of ["preview", "up"] as const) {
    const r = await es.run(kind);
    expect(r.ok).toBe(false);
    const shown = `${r.error ?? ""}\n${r.diagnostics.join("\n")}`;
    expect(shown).toMatch(/csr/);
    expect(shown).toMatch(/holds a private key \("-----BEGIN PRIVATE KEY-----"\); it was found and was not kept, sent or logged/);
    expect(keyLeaks(r.text, key.pem)).toEqual([]);
  }
  expect(await sim.admin.requests()).toEqual([]);
  expect(keyLeaks(await es.exportText(), key.pem)).toEqual([]);
});

test("a CSR naming someone else: the preview passes and shows a warning naming both", async () => {
  probe({ csr: await makeCsr({ commonName: "Terra Branford", emails: ["locke.cole@example.com"] }) });
  await sim.admin.clearRequests();
  const p = await es.run("preview");
  expect(p.ok).toBe(true);
  expect(p.diagnostics.join("\n")).toContain(
    'warning: ClientCertificateOrder certificate.csr: the CSR\'s subject common name is "Terra Branford", certificate.commonName is "Lock Cole"',
  );
  expect(await sim.admin.requests()).toEqual([]);
});

test("a line break in the common name: the preview fails naming certificate.commonName and the character", async () => {
  probe({ commonName: "Lock\nCole", csr: CSR });
  await sim.admin.clearRequests();
  const p = await es.run("preview");
  expect(p.ok).toBe(false);
  expect(`${p.error ?? ""}\n${p.diagnostics.join("\n")}`).toMatch(/commonName.*must not contain control characters or line breaks \(nor invisible format characters\); found U\+000A/);
  expect(await sim.admin.requests()).toEqual([]);
});
