// prepack's prune: output whose source was renamed or deleted leaves bin/ before packing;
// output with a source, and tsc's build state, stay.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pruneBuild } from "../../tools/prune-build";

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "digicert-prune-"));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function touch(file: string): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), "");
}

test("removes the outputs of a renamed source and the folder of a moved one, keeps the rest", () => {
  touch("sdk/client-certificate-order.ts");
  touch("sdk/index.ts");
  const kept = ["bin/sdk/client-certificate-order.js", "bin/sdk/client-certificate-order.d.ts", "bin/sdk/index.js", "bin/product.tsbuildinfo"];
  const gone = [
    "bin/sdk/clientCertificateOrder.js",
    "bin/sdk/clientCertificateOrder.d.ts",
    "bin/sdk/clientCertificateOrder.js.map",
    "bin/provider/simulator/main.js",
    "bin/provider/simulator/handlers/order.d.ts.map",
  ];
  for (const f of [...kept, ...gone]) touch(f);

  expect(pruneBuild(root).sort()).toEqual(gone.map((f) => path.normalize(f)).sort());
  for (const f of kept) expect(fs.existsSync(path.join(root, f))).toBe(true);
  expect(fs.existsSync(path.join(root, "bin/provider"))).toBe(false);
});

test("a checkout with nothing built has nothing to prune", () => {
  expect(pruneBuild(root)).toEqual([]);
});
