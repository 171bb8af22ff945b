// What `make bench` reads from its environment: a run with another revoke scope is never
// the committed full run, and a scope it does not know is refused by name.
import { benchOptions } from "../../bench/options";

test("BENCH_REVOKE_SCOPE=order: the orders revoke whole, and the run is not the full one", () => {
  const o = benchOptions({ BENCH_REVOKE_SCOPE: "order" });
  expect(o.revokeScope).toBe("order");
  expect(o.full).toBe(false);
});

test("without it, or with the default named, the full run revokes certificates", () => {
  for (const env of [{}, { BENCH_REVOKE_SCOPE: "certificate" }]) {
    const o = benchOptions(env);
    expect(o.revokeScope).toBeUndefined();
    expect(o.full).toBe(true);
  }
});

test("any other scope is refused, naming the variable and what it takes", () => {
  expect(() => benchOptions({ BENCH_REVOKE_SCOPE: "orders" })).toThrow(/BENCH_REVOKE_SCOPE must be "order" or "certificate" \(the default\), got "orders"/);
});
