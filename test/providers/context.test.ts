// The dynamic-provider host configures the shared context before every call of every
// resource: one client (its shared reads, its rate limiter) must survive that.
import { ProviderContext } from "../../provider/kit/runtime/context";
import { API_KEY, orderInputs, startFixture } from "../support/providers";

function source(values: Record<string, string>): { get: (k: string) => string | undefined } {
  return { get: (k) => values[k] };
}

describe("ProviderContext", () => {
  const base = { "digicert:apiKey": API_KEY, "digicert:baseUrl": "http://127.0.0.1:1/services/v2", "digicert:allowInsecureHttp": "true" };

  it("keeps its client while the settings stay the same, and makes a new one when they change", () => {
    const ctx = new ProviderContext();
    ctx.configure(source(base), {});
    const first = ctx.client();
    ctx.configure(source({ ...base }), {});
    expect(ctx.client()).toBe(first);
    ctx.configure(source({ ...base, "digicert:baseUrl": "http://127.0.0.1:2/services/v2" }), {});
    const second = ctx.client();
    expect(second).not.toBe(first);
    expect(second.baseUrl).toBe("http://127.0.0.1:2/services/v2");
    ctx.configure(source({ ...base, "digicert:apiKey": `${API_KEY}-other` }), {});
    expect(ctx.client()).not.toBe(second);
  });

  it("reconfigured before each call, as the host does, two resources' reads of one order still share one request", async () => {
    const f = await startFixture();
    try {
      const created = await f.order.create(orderInputs());
      const config = source({ "digicert:apiKey": API_KEY, "digicert:baseUrl": f.sim.baseUrl });
      await f.sim.admin.clearRequests();
      f.ctx.configure(config, {});
      const order = f.order.read(created.id, created.outs as unknown as Record<string, unknown>);
      f.ctx.configure(config, {});
      const ct = f.ct.read(created.id);
      await Promise.all([order, ct]);
      expect((await f.sim.admin.requests()).map((r) => `${r.method} ${r.path}`)).toEqual([`GET /order/certificate/${created.id}`]);
    } finally {
      await f.sim.close();
    }
  });
});
