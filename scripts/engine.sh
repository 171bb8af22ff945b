#!/usr/bin/env bash
# Provide a Pulumi engine for this project without downloading a Pulumi CLI.
#
#   scripts/engine.sh          # idempotent; prints what it used or built
#   source scripts/pulumi-env.sh   # then: pulumi version, pulumi up, ...
#
# Order of preference:
#   1. a `pulumi` already on PATH that is not our own .tools/bin/pulumi
#      (set ENGINE_FORCE_BUILD=1 to ignore it);
#   2. .tools/bin/{pulumi,pulumi-language-nodejs,pulumi-language-python,
#      pulumi-resource-pulumi-nodejs} when present, reporting
#      $PULUMI_ENGINE_VERSION and built from the current tools/pulumi-engine
#      sources (stamp file: a hash of every .go file, go.mod, go.sum and the
#      wrapper script there, so editing any of them triggers a rebuild);
#   3. otherwise build them from Go modules (tools/pulumi-engine/go.mod + the
#      committed go.sum) with the Go toolchain installed here.
#
# What gets built:
#   pulumi                   github.com/pulumi/pulumi/pkg/v3/cmd/pulumi (the real CLI/engine)
#   pulumi-language-nodejs   tools/pulumi-engine/cmd/pulumi-language-nodejs, a minimal
#                            stand-in: the upstream module
#                            github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3
#                            is not served by the Go module proxy we can reach (403).
#   pulumi-language-python   tools/pulumi-engine/cmd/pulumi-language-python, a stand-in
#                            for SDK generation only (`pulumi package gen-sdk
#                            --language python`); upstream's
#                            github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3
#                            gets the same 403.
#   pulumi-resource-pulumi-nodejs  shell wrapper that runs the program's own
#                            @pulumi/pulumi/cmd/dynamic-provider.
# The module cache (GOMODCACHE) and build cache (GOCACHE) are Go's defaults, so
# a second build on the same machine reuses them.
set -euo pipefail

PULUMI_ENGINE_VERSION=v3.259.0
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MOD="$ROOT/tools/pulumi-engine"
BIN="$ROOT/.tools/bin"
STAMP="$BIN/.engine-stamp"

log() { echo "engine.sh: $*" >&2; }

# 1. Someone else's pulumi on PATH?
if [ "${ENGINE_FORCE_BUILD:-0}" != 1 ]; then
    if existing=$(command -v pulumi 2>/dev/null) && [ -n "$existing" ]; then
        existing_real=$(readlink -f "$existing")
        ours_real=$(readlink -f "$BIN/pulumi" 2>/dev/null || true)
        if [ "$existing_real" != "$ours_real" ]; then
            log "using pulumi already on PATH: $existing ($("$existing" version 2>/dev/null || echo 'version unknown'))"
            exit 0
        fi
    fi
fi

sources_hash() {
    (
        cd "$MOD"
        {
            echo "$PULUMI_ENGINE_VERSION"
            find . -type f \( -name '*.go' -o -name go.mod -o -name go.sum -o -name 'pulumi-resource-*' \) \
                -not -path './.*' | LC_ALL=C sort | xargs sha256sum
        } | sha256sum | cut -d' ' -f1
    )
}

# 2. Cached build still good?
want_stamp=$(sources_hash)
if [ -x "$BIN/pulumi" ] && [ -x "$BIN/pulumi-language-nodejs" ] && [ -x "$BIN/pulumi-language-python" ] &&
    [ -x "$BIN/pulumi-resource-pulumi-nodejs" ] &&
    [ "$(cat "$STAMP" 2>/dev/null || true)" = "$want_stamp" ] &&
    [ "$(PULUMI_SKIP_UPDATE_CHECK=true "$BIN/pulumi" version 2>/dev/null || true)" = "$PULUMI_ENGINE_VERSION" ] &&
    [ "$("$BIN/pulumi-language-nodejs" -version 2>/dev/null || true)" = "$PULUMI_ENGINE_VERSION" ] &&
    [ "$("$BIN/pulumi-language-python" -version 2>/dev/null || true)" = "$PULUMI_ENGINE_VERSION" ]; then
    log "cached: $BIN/pulumi $PULUMI_ENGINE_VERSION (nothing to do)"
    exit 0
fi

# 3. Build.
if ! command -v go >/dev/null 2>&1; then
    log "error: no 'go' on PATH; install Go >= 1.25 to build the Pulumi engine" >&2
    exit 1
fi
export GOTOOLCHAIN=local
export GOFLAGS="${GOFLAGS:-}"
mkdir -p "$BIN"
tmp=$(mktemp -d "$BIN/.build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

log "building Pulumi engine $PULUMI_ENGINE_VERSION with $(go env GOVERSION) (GOMODCACHE=$(go env GOMODCACHE)) ..."
start=$(date +%s)
(
    cd "$MOD"
    # -mod=readonly: go.sum is committed; a missing or changed checksum is an error, not a silent update.
    go build -mod=readonly -trimpath \
        -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_ENGINE_VERSION" \
        -o "$tmp/" \
        github.com/pulumi/pulumi/pkg/v3/cmd/pulumi \
        ./cmd/pulumi-language-nodejs \
        ./cmd/pulumi-language-python
)
install -m 0755 "$MOD/pulumi-resource-pulumi-nodejs" "$tmp/pulumi-resource-pulumi-nodejs"
for f in pulumi pulumi-language-nodejs pulumi-language-python pulumi-resource-pulumi-nodejs; do
    mv -f "$tmp/$f" "$BIN/$f"
done
echo "$want_stamp" >"$STAMP"
secs=$(($(date +%s) - start))

got=$(PULUMI_SKIP_UPDATE_CHECK=true "$BIN/pulumi" version)
if [ "$got" != "$PULUMI_ENGINE_VERSION" ]; then
    log "error: built pulumi reports '$got', expected $PULUMI_ENGINE_VERSION" >&2
    exit 1
fi
log "built $BIN/pulumi $got, pulumi-language-nodejs, pulumi-language-python, pulumi-resource-pulumi-nodejs" \
    "in ${secs}s ($(du -sh "$BIN/pulumi" | cut -f1) + $(du -sh "$BIN/pulumi-language-nodejs" | cut -f1)" \
    "+ $(du -sh "$BIN/pulumi-language-python" | cut -f1))"
