// Bad input fails at `check` (or, for the function, before its call) with a message
// naming the field and what is allowed, and reaches no API. DigiCert's own
// 400/401/403/404 answers surface as errors carrying DigiCert's codes and messages.
// The same through the real engine (a sample of the cases through `pulumi preview`):
// test/engine/reliability/bad-input.test.ts.
import { getOrderDuplicates } from "../../provider/kinds/get-order-duplicates/function";
import { ProviderContext } from "../../provider/kit/runtime/context";
import { MemoryLogger } from "../../provider/kit/runtime/log";
import { ClientCertificateOrderProvider } from "../../provider/kinds/client-certificate-order/provider";
import { orderInputs, reissueInputs, startFixture, type Fixture } from "../support/providers";
import { BAD_INPUTS, type BadInput } from "../support/bad-inputs";
import { publish, type Row } from "../support/figures";

let f: Fixture;
const rows: Row[] = [];

beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  await f.sim.close();
  if (rows.length > 0) {
    publish("bad-input", `Bad input: ${rows.length} cases, each refused at check with no API call`, rows);
  }
});

/** The failures check reports, as "field: reason" lines; for the function, its error's lines. */
async function refusal(c: BadInput): Promise<{ property: string; reason: string }[]> {
  if (c.kind === "getOrderDuplicates") {
    const err = await getOrderDuplicates(f.ctx, c.inputs as never).then(
      () => undefined,
      (e: Error) => e,
    );
    if (!err) return [];
    return err.message
      .split("\n")
      .slice(1)
      .map((l) => /^ {2}- ([^:]+): (.*)$/.exec(l))
      .flatMap((m) => (m ? [{ property: m[1]!, reason: m[2]! }] : []));
  }
  const provider = c.kind === "ClientCertificateOrder" ? f.order : c.kind === "CertificateReissue" ? f.reissue : f.ct;
  return [...((await provider.check({}, c.inputs)).failures ?? [])];
}

test(`at least 40 cases across the three resources and the function`, () => {
  expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(40);
  expect(new Set(BAD_INPUTS.map((c) => c.kind))).toEqual(new Set(["ClientCertificateOrder", "CertificateReissue", "OrderCtStatus", "getOrderDuplicates"]));
});

describe.each(BAD_INPUTS.map((c) => [`${c.kind}: ${c.what}`, c] as const))("%s", (_name, c) => {
  test("refused at check naming the field and what is allowed, with no API call", async () => {
    await f.sim.admin.clearRequests();
    const failures = await refusal(c);
    // A private key's failure is filed under no property and names the field first in its reason.
    const names = (x: { property: string; reason: string }) => x.property === c.field || (x.property === "" && x.reason.startsWith(`${c.field}: `));
    const named = failures.find(names);
    expect({ field: c.field, named: named !== undefined, failures }).toEqual({ field: c.field, named: true, failures });
    expect(named!.reason).toMatch(c.allowed);
    expect(await f.sim.admin.requests()).toEqual([]);
    rows.push({ resource: c.kind, input: c.what, field: `\`${c.field}\``, message: named!.reason.replace(/\|/g, "\\|").slice(0, 160) });
  });
});

describe("DigiCert's own refusals carry its codes and messages", () => {
  const configured = (key: string) => {
    const ctx = new ProviderContext(new MemoryLogger());
    const config: Record<string, string> = { "digicert:apiKey": key, "digicert:baseUrl": f.sim.baseUrl, "digicert:waitForIssuanceSeconds": "0" };
    ctx.configure({ get: (k) => config[k] }, {});
    return ctx;
  };

  test("403: an unknown API key, answered as recorded from www.digicert.com", async () => {
    const order = new ClientCertificateOrderProvider(configured("not-a-known-key-93c1"), new MemoryLogger());
    const err = (await order.create(orderInputs()).catch((e: Error) => e)) as Error;
    // The first request of a create is the look-back's read of recent orders.
    expect(err.message).toMatch(/DigiCert GET \/order\/certificate failed \(403\): access_denied\|access_denied_invalid_key: Access denied due to access_denied_invalid_key\. Nothing was ordered/);
    expect(err.message).not.toContain("not-a-known-key-93c1");
  });

  test("403: a key without the permission", async () => {
    await f.sim.admin.addFaults([{ kind: "status", status: 403, method: "GET" }]);
    await expect(f.order.read("10000001", orderInputs())).rejects.toThrow(/DigiCert GET \/order\/certificate\/10000001 failed \(403\): access_denied\|missing_permission/);
  });

  test("404: reissuing or setting CT status on an order DigiCert does not have", async () => {
    await expect(f.reissue.create(reissueInputs(19_999_999))).rejects.toThrow(/DigiCert POST \/order\/certificate\/19999999\/reissue failed \(404\): not_found\|order: order 19999999 not found/);
    await expect(f.ct.create({ orderId: 19_999_999, disableCt: true })).rejects.toThrow(/failed \(404\): not_found\|order/);
  });

  test("400: renewing an order that does not exist, reissuing an order not yet issued, CT status with CT logging off", async () => {
    await expect(f.order.create(orderInputs({ renewalOfOrderId: 19_999_999 }))).rejects.toThrow(
      /failed \(400\): invalid_value: renewal_of_order_id: order 19999999 does not exist/,
    );
    const waiting = await f.order.create(orderInputs({ skipApproval: false }));
    await expect(f.reissue.create(reissueInputs(Number(waiting.id)))).rejects.toThrow(/failed \(400\): invalid_order_status: order \d+ is needs_approval/);
    await f.sim.admin.setSettings({ ctLoggingEnabled: false });
    const issued = await f.order.create(orderInputs());
    await expect(f.ct.create({ orderId: Number(issued.id), disableCt: true })).rejects.toThrow(/failed \(400\): cert_transparency_turned_off_for_account/);
    await f.sim.admin.setSettings({ ctLoggingEnabled: true });
  });
});
