// Bad input through the real engine: a sample of the cases test/reliability/bad-input.test.ts
// refuses at `check` goes through `pulumi preview`, failing there naming the field and
// reaching no API; and DigiCert's own 404 shows through `pulumi up` with its code and message.
import { API_KEY, startFixture, type Fixture } from "../../support/providers";
import { BAD_INPUTS } from "../../support/bad-inputs";
import { createStack, type EngineStack } from "../support/operations";
import { leaks } from "../support/key-leaks";

jest.setTimeout(10 * 60_000);

let f: Fixture;

beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  await f.sim.close();
});

describe("a sample through `pulumi preview` on the real engine", () => {
  let es: EngineStack;
  beforeAll(async () => {
    es = await createStack("bad-input", {
      "digicert:baseUrl": { value: f.sim.baseUrl },
      "digicert:apiKey": { value: API_KEY, secret: true },
      orders: { value: "0" },
      tag: { value: "Bad" },
    });
  });
  afterAll(async () => {
    await es?.close();
  });

  const sample = ["unknown product id", "custom expiration date in the past", "fractional organization id", "empty CSR on reissue", 'disableCt as the string "true"', "unknown field"];
  const picked = BAD_INPUTS.filter((c) => sample.includes(c.what) && !(c.what === "unknown field" && c.kind !== "ClientCertificateOrder"));
  picked.push(BAD_INPUTS.find((c) => c.kind === "getOrderDuplicates" && c.what === "negative order id")!);

  test.each(picked.map((c) => [`${c.kind}: ${c.what}`, c] as const))("%s: preview fails naming the field, no request reaches DigiCert", async (_n, c) => {
    await es.stack.setConfig("probe", { value: JSON.stringify({ kind: c.kind, args: c.inputs }) });
    await f.sim.admin.clearRequests();
    const p = await es.run("preview");
    expect(p.ok).toBe(false);
    const shown = `${p.error ?? ""}\n${p.diagnostics.join("\n")}`;
    expect(shown).toContain(c.field.split(/[.[]/).pop()!);
    expect(shown).toMatch(c.allowed);
    expect(await f.sim.admin.requests()).toEqual([]);
    expect(leaks(p.text, API_KEY)).toEqual([]);
  });
});

describe("DigiCert's own refusals carry its codes and messages (at the provider: test/reliability/bad-input.test.ts)", () => {
  test("through the engine: up on an order DigiCert does not have shows DigiCert's 404 code and message", async () => {
    const es = await createStack("digicert-404", {
      "digicert:baseUrl": { value: f.sim.baseUrl },
      "digicert:apiKey": { value: API_KEY, secret: true },
      orders: { value: "0" },
      tag: { value: "NotFound" },
      probe: { value: JSON.stringify({ kind: "OrderCtStatus", args: { orderId: 19_999_999, disableCt: true } }) },
    });
    try {
      const up = await es.run("up");
      expect(up.ok).toBe(false);
      expect(up.failed).toEqual([expect.objectContaining({ message: expect.stringMatching(/DigiCert PUT \/order\/certificate\/19999999\/ct-status failed \(404\): not_found\|order: order 19999999 not found/) })]);
      expect(leaks(up.text, API_KEY)).toEqual([]);
    } finally {
      await es.close();
    }
  });
});
