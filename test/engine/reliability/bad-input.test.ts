// Bad input through the real engine: a sample of the cases test/reliability/bad-input.test.ts
// refuses at `check` goes through `pulumi preview`, failing there naming the field and
// reaching no API; and DigiCert's own 404 shows through `pulumi up` with its code and message.
import { API_KEY } from "../../support/providers";
import { BAD_INPUTS } from "../../support/bad-inputs";
import { EngineFixture, type EngineStack, type TestSimulator } from "../support/fixture";
import { leaks } from "../support/key-leaks";
import { RELIABILITY_PROGRAM } from "../support/reliability-program";

jest.setTimeout(10 * 60_000);

const fx = new EngineFixture();
let sim: TestSimulator;

beforeAll(async () => {
  sim = await fx.simulator({ apiKeys: [API_KEY] });
});
afterAll(() => fx.close());

describe("a sample through `pulumi preview` on the real engine", () => {
  let es: EngineStack;
  beforeAll(async () => {
    es = await fx.stack({ name: "bad-input", program: RELIABILITY_PROGRAM, sim, config: { orders: { value: "0" }, tag: { value: "Bad" } } });
  });

  const sample = ["unknown product id", "custom expiration date in the past", "fractional organization id", "empty CSR on reissue", 'disableCt as the string "true"', "unknown field"];
  const picked = BAD_INPUTS.filter((c) => sample.includes(c.what) && !(c.what === "unknown field" && c.kind !== "ClientCertificateOrder"));
  picked.push(BAD_INPUTS.find((c) => c.kind === "getOrderDuplicates" && c.what === "negative order id")!);

  test.each(picked.map((c) => [`${c.kind}: ${c.what}`, c] as const))("%s: preview fails naming the field, no request reaches DigiCert", async (_n, c) => {
    await es.stack.setConfig("probe", { value: JSON.stringify({ kind: c.kind, args: c.inputs }) });
    await sim.admin.clearRequests();
    const p = await es.run("preview");
    expect(p.ok).toBe(false);
    const shown = `${p.error ?? ""}\n${p.diagnostics.join("\n")}`;
    expect(shown).toContain(c.field.split(/[.[]/).pop()!);
    expect(shown).toMatch(c.allowed);
    expect(await sim.admin.requests()).toEqual([]);
    expect(leaks(p.text, API_KEY)).toEqual([]);
  });
});

describe("DigiCert's own refusals carry its codes and messages (at the provider: test/reliability/bad-input.test.ts)", () => {
  test("through the engine: up on an order DigiCert does not have shows DigiCert's 404 code and message", async () => {
    const es = await fx.stack({
      name: "digicert-404",
      program: RELIABILITY_PROGRAM,
      sim,
      config: {
        orders: { value: "0" },
        tag: { value: "NotFound" },
        probe: { value: JSON.stringify({ kind: "OrderCtStatus", args: { orderId: 19_999_999, disableCt: true } }) },
      },
    });
    const up = await es.run("up");
    expect(up.ok).toBe(false);
    expect(up.failed).toEqual([expect.objectContaining({ message: expect.stringMatching(/DigiCert PUT \/order\/certificate\/19999999\/ct-status failed \(404\): not_found\|order: order 19999999 not found/) })]);
    expect(leaks(up.text, API_KEY)).toEqual([]);
  });
});
