// Secrets across the plugin's boundary: unwrapped for the resources, wrapped again on
// the way out, so a secret input stays a secret in state.
import { conceal, reveal, secret, SECRET_SIG, SIG_KEY } from "../../provider/serving/plugin/wire";

test("reveal unwraps secrets at any depth and names the top-level property that held one", () => {
  const r = reveal({ a: secret("k"), b: { c: [1, secret(2)] }, d: "plain" });
  expect(r.bag).toEqual({ a: "k", b: { c: [1, 2] }, d: "plain" });
  expect([...r.secrets].sort()).toEqual(["a", "b"]);
});

test("conceal wraps the named properties, drops undefined values, and leaves the others plain", () => {
  const out = conceal({ a: "k", b: { c: 1, x: undefined }, d: "plain", e: undefined }, new Set(["a"]), new Set(["b"]));
  expect(out).toEqual({ a: { [SIG_KEY]: SECRET_SIG, value: "k" }, b: { [SIG_KEY]: SECRET_SIG, value: { c: 1 } }, d: "plain" });
});

test("a round trip keeps what was secret secret", () => {
  const wire = { key: secret("s3cret"), n: 3 };
  const r = reveal(wire);
  expect(conceal(r.bag, r.secrets)).toEqual(wire);
});
