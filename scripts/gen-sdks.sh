#!/usr/bin/env bash
# `make sdks`: the SDKs `pulumi package gen-sdk` generates from schema.json, for the
# native plugin's resources (docs/dev/generated-sdks.md), into .state/sdks/ (git-ignored;
# not committed: test/engine/gen-sdk.test.ts generates and checks them on every run).
#   .state/sdks/nodejs/bin   the Node.js SDK compiled, with its package.json: the npm
#                            package @pulumi-digicert/native (`npm install .state/sdks/nodejs/bin`)
#   .state/sdks/python       the Python SDK (`pip install .state/sdks/python`)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT="$ROOT/.state/sdks"
# shellcheck source=scripts/pulumi-env.sh
source "$ROOT/scripts/pulumi-env.sh"
rm -rf "$OUT"
mkdir -p "$OUT"
for language in nodejs python; do
    pulumi package gen-sdk "$ROOT/schema.json" --language "$language" --out "$OUT"
done
# Inside the checkout, so @pulumi/pulumi and @types/node resolve from its node_modules.
(cd "$OUT/nodejs" && node "$ROOT/node_modules/typescript/bin/tsc" -p tsconfig.json)
cp "$OUT/nodejs/package.json" "$OUT/nodejs/bin/package.json"
echo "gen-sdks.sh: $OUT/nodejs/bin (npm package $(node -p 'require(process.argv[1]).name' "$OUT/nodejs/package.json")), $OUT/python"
