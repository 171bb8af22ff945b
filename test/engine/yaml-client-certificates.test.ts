// The Pulumi YAML example (examples/yaml-client-certificates) end to end through the real
// engine, Pulumi YAML's own language host (`make engine` builds pulumi-language-yaml) and
// the native plugin pulumi-resource-digicert, against a simulator this test starts: up,
// a no-change preview, drift found by refresh, `pulumi import` whose generated YAML runs
// with no change planned, a replace that revokes the old certificate, destroy with its
// revoke, and a bad input refused at preview. Every step counts the simulator's
// requests to prove what was and was not called.
import * as fs from "fs";
import * as path from "path";
import { exampleProgram } from "./support/fixture";
import { useYamlStack } from "./support/yaml-stack";

jest.setTimeout(10 * 60_000);

const KEY = "yaml-key-2b9e61c4d8";
const REVOCATION_COMMENTS = "Removed from the yaml-client-certificates stack";

const yaml = useYamlStack({
  name: "yaml",
  apiKey: KEY,
  program: () => exampleProgram("yaml-client-certificates", ["Pulumi.yaml", "reissue.csr.pem"]),
});

let orderId: number;
let importedOrderId: number;

test("1. preview of a new stack lists the three native resources to create, calling nothing", async () => {
  const p = await yaml.es.stack.preview();
  expect(p.changeSummary).toEqual({ create: 4 });
  for (const t of ["digicert:index:ClientCertificateOrder", "digicert:index:OrderCtStatus", "digicert:index:CertificateReissue"]) {
    expect(p.stdout).toContain(t);
  }
  expect(await yaml.sim.takeCalls()).toEqual([]);
});

test("2. up orders once, sets CT, reissues and lists the order's duplicates through the invoke", async () => {
  const r = await yaml.es.stack.up();
  expect(r.summary.resourceChanges).toEqual({ create: 4 });
  const out = await yaml.es.outputs();
  orderId = out["orderId"] as number;
  const calls = await yaml.sim.takeCalls();
  expect(calls.filter((c) => c.startsWith("POST /order/certificate/client_"))).toHaveLength(1);
  expect(calls).toContain(`PUT /order/certificate/${orderId}/ct-status`);
  expect(calls).toContain(`POST /order/certificate/${orderId}/reissue`);
  expect(calls).toContain(`GET /order/certificate/${orderId}/duplicate`);
  const o = await yaml.sim.order(orderId);
  expect(o.disable_ct).toBe(true);
  expect(o.requests.some((q) => q.type === "reissue")).toBe(true);
  expect(o.certificate.id).toBe(out["reissuedCertificateId"]);
  expect(out).toMatchObject({ orderStatus: "issued", ctLoggingDisabled: true, duplicateCertificates: [] });
  // The state names the native types, and holds no serialized provider.
  const digicert = (await yaml.es.resources()).filter((x) => x.type.startsWith("digicert:"));
  expect(digicert.map((x) => x.type).sort()).toEqual(["digicert:index:CertificateReissue", "digicert:index:ClientCertificateOrder", "digicert:index:OrderCtStatus"]);
  for (const x of digicert) expect(Object.keys({ ...x.inputs, ...x.outputs })).not.toContain("__provider");
  // The API key: in no resource of ours (the engine keeps the stack's config, secret, in the default provider's state).
  expect(digicert.filter((x) => JSON.stringify([x.inputs, x.outputs]).includes(KEY))).toEqual([]);
  expect(await yaml.es.exportText()).not.toContain(KEY);
});

test("3. a second preview reports no changes", async () => {
  await yaml.sim.takeCalls();
  const p = await yaml.es.stack.preview();
  expect(p.changeSummary).toEqual({ same: 4 });
  // Only the function reads DigiCert during a preview; no resource does.
  expect(await yaml.sim.takeCalls()).toEqual([`GET /order/certificate/${orderId}/duplicate`]);
});

test("4. a change behind the stack's back shows as drift: refresh records it, the next up restores it", async () => {
  await yaml.sim.api("PUT", `/order/certificate/${orderId}/ct-status`, { disable_ct: false });
  await yaml.sim.takeCalls();
  const preview = await yaml.es.stack.preview({ refresh: true });
  expect(preview.changeSummary).toMatchObject({ update: 1 });
  const r = await yaml.es.stack.refresh();
  expect(r.summary.resourceChanges).toMatchObject({ update: 1 });
  expect(await yaml.es.outputsOf("lock-cole-ct")).toMatchObject({ disableCt: false });
  expect((await yaml.sim.takeCalls()).filter((c) => !c.startsWith("GET"))).toEqual([]);
  const up = await yaml.es.stack.up();
  expect(up.summary.resourceChanges).toMatchObject({ update: 1, same: 3 });
  expect((await yaml.sim.order(orderId)).disable_ct).toBe(true);
  const calls = await yaml.sim.takeCalls();
  expect(calls.filter((c) => !c.startsWith("GET"))).toEqual([`PUT /order/certificate/${orderId}/ct-status`]);
});

test("5. changing the common name plans a replace; up orders anew and revokes the old certificate", async () => {
  const old = await yaml.sim.order(orderId);
  await yaml.es.stack.setConfig("commonName", { value: "Locke Cole" });
  await yaml.sim.takeCalls();
  const p = await yaml.es.stack.preview({ diff: true });
  expect(p.changeSummary).toMatchObject({ replace: 3 });
  expect((await yaml.sim.takeCalls()).filter((c) => !c.includes("/duplicate"))).toEqual([]);
  const r = await yaml.es.stack.up();
  expect(r.summary.resourceChanges).toMatchObject({ replace: 3 });
  const newOrderId = (await yaml.es.outputs())["orderId"] as number;
  expect(newOrderId).not.toBe(orderId);
  const calls = await yaml.sim.takeCalls();
  expect(calls.filter((c) => c.startsWith("POST /order/certificate/client_"))).toHaveLength(1);
  expect(calls).toContain(`PUT /certificate/${old.certificate.id}/revoke`);
  expect((await yaml.sim.order(orderId)).requests.find((q) => q.type === "revoke")).toMatchObject({ status: "pending", comments: REVOCATION_COMMENTS });
  orderId = newOrderId;
});

test("6. pulumi import of an order placed outside the stack: no new order, and the generated YAML runs with no change planned", async () => {
  importedOrderId = await yaml.sim.placeOrder({ payment_method: "balance" });
  await yaml.sim.takeCalls();
  const generated = path.join(yaml.es.workDir, "imported.yaml");
  await yaml.es.cli("import", "digicert:index:ClientCertificateOrder", "terra", String(importedOrderId), "--yes", "--protect=false", "--out", generated);
  expect((await yaml.sim.takeCalls()).filter((c) => !c.startsWith("GET"))).toEqual([]);
  expect(await yaml.es.outputsOf("terra")).toMatchObject({ orderId: importedOrderId, certificate: { commonName: "Terra Branford" } });

  // What pulumi-language-yaml wrote for it: the resource with the inputs read from DigiCert.
  const code = fs.readFileSync(generated, "utf8");
  expect(code).toMatch(/^resources:\n  terra:\n    type: digicert:(index:)?ClientCertificateOrder\n/);
  expect(code).toContain("commonName: Terra Branford");
  expect(code).toContain("organizationId: 112233");
  expect(code).not.toContain("protect");

  // Added to the program as it is (under its `resources:`), nothing to do.
  const programFile = path.join(yaml.es.workDir, "Pulumi.yaml");
  const program = fs.readFileSync(programFile, "utf8");
  expect(program).toContain("\nresources:\n");
  fs.writeFileSync(programFile, program.replace("\nresources:\n", `\nresources:\n${code.replace(/^resources:\n/, "")}`));
  const p = await yaml.es.stack.preview({ diff: true });
  expect(p.changeSummary).toEqual({ same: 5 });
  expect((await yaml.sim.takeCalls()).filter((c) => !c.includes("/duplicate"))).toEqual([]);
});

test("7. destroy revokes the order with its comments, restores CT logging and lets the imported order go", async () => {
  const before = await yaml.sim.order(orderId);
  await yaml.sim.takeCalls();
  const r = await yaml.es.stack.destroy();
  expect(r.summary.resourceChanges).toEqual({ delete: 5 });
  const o = await yaml.sim.order(orderId);
  expect(o.disable_ct).toBe(false);
  expect(o.requests.find((q) => q.type === "revoke")).toMatchObject({ status: "pending", comments: REVOCATION_COMMENTS });
  const calls = await yaml.sim.takeCalls();
  expect(calls).toContain(`PUT /certificate/${before.certificate.id}/revoke`);
  expect(calls.filter((c) => c.includes("/revoke"))).toHaveLength(1);
  // The imported order was never approved: deleting it rejects its waiting request (DigiCert
  // cancels only pending and waiting_pickup orders), and cancels nothing.
  const imported = await yaml.sim.order(importedOrderId);
  expect(imported.status).toBe("rejected");
  const request = imported.requests.find((q) => q.type === "new_request");
  expect(calls).toContain(`PUT /request/${request?.id}/status`);
  expect(calls).not.toContain(`PUT /order/certificate/${importedOrderId}/status`);
  expect(calls.filter((c) => c.startsWith("POST /order/certificate/client_"))).toEqual([]);
  expect(await yaml.es.resources()).toEqual([]);
});

test("8. a bad input fails preview with a message naming the field, and no request reaches DigiCert", async () => {
  await yaml.es.stack.setConfig("validityYears", { value: "3" });
  await yaml.sim.takeCalls();
  await expect(yaml.es.stack.preview()).rejects.toThrow(/validityYears.*must be 1 or 2/s);
  expect(await yaml.sim.takeCalls()).toEqual([]);
});
