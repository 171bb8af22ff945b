#!/usr/bin/env bash
# Chooses the Pulumi engine this checkout runs, provides it, and records the choice in
# .tools/engine.json: every test, the benchmark and every make target read that record
# (engine/engine-env.ts, scripts/pulumi-env.sh), so they all run the same `pulumi`.
#
#   scripts/engine.sh              # idempotent; prints what it chose, used or built
#   source scripts/pulumi-env.sh   # then: pulumi version, pulumi up, ...
#
# The choice, in order (docs/dev/engine.md says what each case requires):
#   1. "path": a `pulumi` already on PATH that is not our own .tools/bin/pulumi
#      (ENGINE_FORCE_BUILD=1 ignores it). It must be a 3.x CLI with the Node.js
#      language host (pulumi-language-nodejs) and the dynamic-provider host
#      (pulumi-resource-pulumi-nodejs) beside it, as a Pulumi install ships them.
#      gen-sdk also needs a Python language host: the install's own when it has
#      one, else our stand-in, built alone and put in the project's plugin cache.
#      Pulumi YAML programs need pulumi-language-yaml: the install's own when it
#      has one, else ours (below), put in the project's plugin cache the same way.
#   2. "built": .tools/bin/{pulumi,pulumi-language-nodejs,pulumi-language-python,
#      pulumi-resource-pulumi-nodejs}, reporting $PULUMI_ENGINE_VERSION and built
#      from the current engine/pulumi-engine sources (stamp file: a hash of every
#      .go file, go.mod, go.sum and the wrapper script there, so editing any of
#      them triggers a rebuild); reused when the stamp matches, otherwise
#   3. built from Go modules (engine/pulumi-engine/go.mod + the committed go.sum)
#      with the Go toolchain installed here.
#
# What gets built:
#   pulumi                   github.com/pulumi/pulumi/pkg/v3/cmd/pulumi (the real CLI/engine)
#   pulumi-language-nodejs   engine/pulumi-engine/cmd/pulumi-language-nodejs, a minimal
#                            stand-in: the upstream module
#                            github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3
#                            is not served by the Go module proxy we can reach (403).
#   pulumi-language-python   engine/pulumi-engine/cmd/pulumi-language-python, a stand-in
#                            that runs Python programs (with the pulumi package from
#                            PyPI in the project's virtualenv) and generates SDKs
#                            (`pulumi package gen-sdk --language python`); upstream's
#                            github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3
#                            gets the same 403.
#   pulumi-resource-pulumi-nodejs  shell wrapper that runs the program's own
#                            @pulumi/pulumi/cmd/dynamic-provider.
#   pulumi-language-yaml     Pulumi YAML's own language host,
#                            github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml at
#                            $YAML_HOST_VERSION, from the module engine/pulumi-yaml (its go.sum
#                            committed); cached with its own stamp (.yaml-host-stamp: a hash
#                            of that module's go.mod, go.sum and tools.go), so neither build
#                            triggers the other.
# The module cache (GOMODCACHE) and build cache (GOCACHE) are Go's defaults, so
# a second build on the same machine reuses them.
#
# ENGINE_TOOLS (default: .tools in the checkout) is where the build goes (bin/), the
# record is written (engine.json) and PULUMI_HOME lives (pulumi-home/, with its plugin
# cache); set it to try
# the script on a copy without touching the checkout's own engine.
set -euo pipefail

# The version `make engine` builds, and the one the tests are written against.
PULUMI_ENGINE_VERSION=v3.259.0
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MOD="$ROOT/engine/pulumi-engine"
mkdir -p "${ENGINE_TOOLS:-$ROOT/.tools}"
TOOLS=$(cd "${ENGINE_TOOLS:-$ROOT/.tools}" && pwd -P)
BIN="$TOOLS/bin"
STAMP="$BIN/.engine-stamp"
PYTHON_STAMP="$BIN/.python-host-stamp"
RECORD="$TOOLS/engine.json"
HOME_DIR="$TOOLS/pulumi-home"
HOSTS=(pulumi-language-nodejs pulumi-resource-pulumi-nodejs pulumi-language-python)
# Pulumi YAML's language host (a released upstream module, unlike the stand-ins above).
YAML_HOST_VERSION=v1.25.0
YAML_MOD="$ROOT/engine/pulumi-yaml"
YAML_STAMP="$BIN/.yaml-host-stamp"

log() { echo "engine.sh: $*" >&2; }
die() {
    log "error: $*"
    exit 1
}

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

yaml_sources_hash() {
    (
        cd "$YAML_MOD"
        { echo "$YAML_HOST_VERSION"; sha256sum go.mod go.sum tools.go; } | sha256sum | cut -d' ' -f1
    )
}

reports_version() { [ "$(PULUMI_SKIP_UPDATE_CHECK=true "$@" 2>/dev/null || true)" = "$PULUMI_ENGINE_VERSION" ]; }

# go build, in module $1, of the given packages into a fresh $tmp under .tools/bin,
# stamped with version $3 through the linker variable $2.
TMPS=()
trap 'for d in "${TMPS[@]}"; do rm -rf "$d"; done' EXIT
go_build_in() {
    local dir=$1 var=$2 ver=$3
    shift 3
    if ! command -v go >/dev/null 2>&1; then
        die "no 'go' on PATH; install Go >= 1.25 to build $*"
    fi
    export GOTOOLCHAIN=local
    export GOFLAGS="${GOFLAGS:-}"
    mkdir -p "$BIN"
    tmp=$(mktemp -d "$BIN/.build.XXXXXX")
    TMPS+=("$tmp")
    log "building $* at $ver with $(go env GOVERSION) (GOMODCACHE=$(go env GOMODCACHE)) ..."
    (
        cd "$dir"
        # -mod=readonly: go.sum is committed; a missing or changed checksum is an error, not a silent update.
        go build -mod=readonly -trimpath -ldflags "-s -w -X $var=$ver" -o "$tmp/" "$@"
    )
}

# go build of the engine's packages (engine/pulumi-engine), stamped with $PULUMI_ENGINE_VERSION.
go_build() {
    go_build_in "$MOD" github.com/pulumi/pulumi/sdk/v3/go/common/version.Version "$PULUMI_ENGINE_VERSION" "$@"
}

# .tools/bin/pulumi-language-yaml, built from engine/pulumi-yaml unless its stamp matches
# (about 2 minutes with an empty build cache; 45 MB of modules from the Go module proxy).
ensure_yaml_host() {
    local want
    want=$(yaml_sources_hash)
    if [ -x "$BIN/pulumi-language-yaml" ] && [ "$(cat "$YAML_STAMP" 2>/dev/null || true)" = "$want" ]; then
        return 0
    fi
    local start secs
    start=$(date +%s)
    go_build_in "$YAML_MOD" github.com/pulumi/pulumi-yaml/pkg/version.Version "$YAML_HOST_VERSION" \
        github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml
    mv -f "$tmp/pulumi-language-yaml" "$BIN/pulumi-language-yaml"
    echo "$want" >"$YAML_STAMP"
    secs=$(($(date +%s) - start))
    log "built $BIN/pulumi-language-yaml $YAML_HOST_VERSION in ${secs}s ($(du -sh "$BIN/pulumi-language-yaml" | cut -f1))"
}

# Writes the record (through node, which the project needs anyway, for proper JSON).
record() {
    local source=$1 pulumi=$2 version=$3 python=$4 yaml=$5
    local bin root
    bin=$(dirname "$pulumi")
    # The Automation API runs <root>/bin/pulumi: a CLI in a folder not named bin gets a
    # link that is (the engine resolves its own path, so it still finds its hosts).
    if [ "$(basename "$bin")" = bin ]; then
        root=$(dirname "$bin")
    else
        root="$TOOLS/engine-root"
        mkdir -p "$root/bin"
        ln -sfn "$pulumi" "$root/bin/pulumi"
    fi
    ENGINE_SOURCE=$source ENGINE_PULUMI=$pulumi ENGINE_VERSION=$version ENGINE_TESTED=$PULUMI_ENGINE_VERSION \
        ENGINE_ROOT=$root ENGINE_BIN=$bin ENGINE_PYTHON=$python ENGINE_YAML=$yaml ENGINE_HOME=$HOME_DIR ENGINE_RECORD=$RECORD node -e '
const fs = require("fs");
const e = process.env;
const choice = {
  source: e.ENGINE_SOURCE,
  pulumi: e.ENGINE_PULUMI,
  version: e.ENGINE_VERSION,
  tested: e.ENGINE_TESTED,
  root: e.ENGINE_ROOT,
  bin: e.ENGINE_BIN,
  hosts: {
    "pulumi-language-nodejs": `${e.ENGINE_BIN}/pulumi-language-nodejs`,
    "pulumi-resource-pulumi-nodejs": `${e.ENGINE_BIN}/pulumi-resource-pulumi-nodejs`,
    "pulumi-language-python": e.ENGINE_PYTHON,
    "pulumi-language-yaml": e.ENGINE_YAML,
  },
  home: e.ENGINE_HOME,
};
const tmp = `${e.ENGINE_RECORD}.${process.pid}`;
fs.writeFileSync(tmp, JSON.stringify(choice, null, 2) + "\n");
fs.renameSync(tmp, e.ENGINE_RECORD);
'
    log "recorded in $RECORD: $source, $pulumi $version"
}

# 1. Someone else's pulumi on PATH?
if [ "${ENGINE_FORCE_BUILD:-0}" != 1 ] && existing=$(command -v pulumi 2>/dev/null) && [ -n "$existing" ] &&
    [ "$(readlink -f "$existing")" != "$(readlink -f "$BIN/pulumi" 2>/dev/null || true)" ]; then
    pulumi=$(readlink -f "$existing")
    dir=$(dirname "$pulumi")
    version=$(PULUMI_SKIP_UPDATE_CHECK=true "$pulumi" version 2>/dev/null || true)
    log "using pulumi already on PATH: $existing ($pulumi, ${version:-version unknown}); ENGINE_FORCE_BUILD=1 builds our own instead"
    case "$version" in
        v3.*) ;;
        *) die "$pulumi reports '${version}': this project supports Pulumi CLI 3.x" ;;
    esac
    [ "$version" = "$PULUMI_ENGINE_VERSION" ] ||
        log "note: the tests are written against $PULUMI_ENGINE_VERSION; those that read the engine's own output name both versions when they fail"
    # The engine takes its hosts from beside itself (PULUMI_IGNORE_AMBIENT_PLUGINS in
    # the tests' and targets' environment: never a stray one elsewhere on PATH).
    for host in pulumi-language-nodejs pulumi-resource-pulumi-nodejs; do
        [ -x "$dir/$host" ] || die "no $host beside $pulumi: a Pulumi install ships it there, where the engine looks for it"
    done
    if [ -x "$dir/pulumi-language-python" ]; then
        python="$dir/pulumi-language-python"
    else
        # Only for `pulumi package gen-sdk --language python` (test/engine/gen-sdk.test.ts):
        # the project's stand-in, built alone into .tools/bin, and laid out in the
        # project's plugin cache as `pulumi plugin install` would (which refuses a
        # bundled plugin); the engine looks there for a host that is not beside it.
        want_stamp=$(sources_hash)
        if ! { [ -x "$BIN/pulumi-language-python" ] && reports_version "$BIN/pulumi-language-python" -version &&
            { [ "$(cat "$PYTHON_STAMP" 2>/dev/null || true)" = "$want_stamp" ] ||
                [ "$(cat "$STAMP" 2>/dev/null || true)" = "$want_stamp" ]; }; }; then
            log "no pulumi-language-python beside $pulumi: building the project's stand-in for gen-sdk"
            go_build ./cmd/pulumi-language-python
            mv -f "$tmp/pulumi-language-python" "$BIN/pulumi-language-python"
            echo "$want_stamp" >"$PYTHON_STAMP"
        fi
        cached="$HOME_DIR/plugins/language-python-$PULUMI_ENGINE_VERSION"
        python="$cached/pulumi-language-python"
        if ! cmp -s "$BIN/pulumi-language-python" "$python"; then
            mkdir -p "$cached"
            install -m 0755 "$BIN/pulumi-language-python" "$python"
            log "no pulumi-language-python beside $pulumi: the project's stand-in is in $cached"
        fi
    fi
    if [ -x "$dir/pulumi-language-yaml" ]; then
        yaml="$dir/pulumi-language-yaml"
    else
        # For Pulumi YAML programs (examples/yaml-*, test/engine/yaml-*): ours, laid out
        # in the project's plugin cache like the Python host above.
        log "no pulumi-language-yaml beside $pulumi: using the project's build of pulumi-yaml $YAML_HOST_VERSION"
        ensure_yaml_host
        cached="$HOME_DIR/plugins/language-yaml-$YAML_HOST_VERSION"
        yaml="$cached/pulumi-language-yaml"
        if ! cmp -s "$BIN/pulumi-language-yaml" "$yaml"; then
            mkdir -p "$cached"
            install -m 0755 "$BIN/pulumi-language-yaml" "$yaml"
            log "the project's pulumi-language-yaml is in $cached"
        fi
    fi
    record path "$pulumi" "$version" "$python" "$yaml"
    exit 0
fi

# 2. Cached build still good?
want_stamp=$(sources_hash)
if [ -x "$BIN/pulumi" ] && [ -x "$BIN/pulumi-language-nodejs" ] && [ -x "$BIN/pulumi-language-python" ] &&
    [ -x "$BIN/pulumi-resource-pulumi-nodejs" ] &&
    [ "$(cat "$STAMP" 2>/dev/null || true)" = "$want_stamp" ] &&
    reports_version "$BIN/pulumi" version &&
    reports_version "$BIN/pulumi-language-nodejs" -version &&
    reports_version "$BIN/pulumi-language-python" -version; then
    log "cached: $BIN/pulumi $PULUMI_ENGINE_VERSION (nothing to build)"
else
    # 3. Build.
    start=$(date +%s)
    go_build github.com/pulumi/pulumi/pkg/v3/cmd/pulumi ./cmd/pulumi-language-nodejs ./cmd/pulumi-language-python
    install -m 0755 "$MOD/pulumi-resource-pulumi-nodejs" "$tmp/pulumi-resource-pulumi-nodejs"
    for f in pulumi "${HOSTS[@]}"; do
        mv -f "$tmp/$f" "$BIN/$f"
    done
    echo "$want_stamp" >"$STAMP"
    secs=$(($(date +%s) - start))
    reports_version "$BIN/pulumi" version ||
        die "built pulumi reports '$(PULUMI_SKIP_UPDATE_CHECK=true "$BIN/pulumi" version)', expected $PULUMI_ENGINE_VERSION"
    log "built $BIN/pulumi $PULUMI_ENGINE_VERSION, ${HOSTS[*]}" \
        "in ${secs}s ($(du -sh "$BIN/pulumi" | cut -f1) + $(du -sh "$BIN/pulumi-language-nodejs" | cut -f1)" \
        "+ $(du -sh "$BIN/pulumi-language-python" | cut -f1))"
fi
ensure_yaml_host
record built "$BIN/pulumi" "$PULUMI_ENGINE_VERSION" "$BIN/pulumi-language-python" "$BIN/pulumi-language-yaml"
