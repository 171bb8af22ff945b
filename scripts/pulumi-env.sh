# shellcheck shell=bash
# Source this (bash or zsh) after scripts/engine.sh to use the Pulumi engine it
# chose and recorded in .tools/engine.json (a pulumi on PATH, or the one it built):
#
#   scripts/engine.sh && source scripts/pulumi-env.sh
#   pulumi version
#
# Everything here is offline-safe: no update checks, no plugin downloads, and
# a local file backend unless PULUMI_BACKEND_URL is already set. The same
# environment as engine/engine-env.ts gives the tests.
if [ -n "${BASH_SOURCE[0]:-}" ]; then
    _pulumi_env_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
elif [ -n "${ZSH_VERSION:-}" ]; then
    # shellcheck disable=SC2296
    _pulumi_env_root=$(cd "$(dirname "${(%):-%x}")/.." && pwd)
else
    _pulumi_env_root=$(pwd)
fi
_pulumi_env_tools=$(cd "$_pulumi_env_root" && cd "${ENGINE_TOOLS:-.tools}" 2>/dev/null && pwd -P)

if [ -z "$_pulumi_env_tools" ] || [ ! -f "$_pulumi_env_tools/engine.json" ]; then
    echo "pulumi-env.sh: no Pulumi engine recorded (${ENGINE_TOOLS:-.tools}/engine.json): run make engine (scripts/engine.sh) first" >&2
    unset _pulumi_env_root _pulumi_env_tools
    return 1
fi

# PATH: the recorded CLI's folder first. The engine takes its language hosts and the
# dynamic-provider host pulumi-resource-pulumi-nodejs from beside itself (or, for the
# project's Python host stand-in, from the plugin cache in PULUMI_HOME), never from
# elsewhere on PATH.
_pulumi_env_bin=$(node -p 'require(process.argv[1]).bin' "$_pulumi_env_tools/engine.json") || {
    unset _pulumi_env_root _pulumi_env_tools
    return 1
}
case ":$PATH:" in
    ":$_pulumi_env_bin:"*) ;;
    *) export PATH="$_pulumi_env_bin:$PATH" ;;
esac
export PULUMI_IGNORE_AMBIENT_PLUGINS=true

# Plugin cache, credentials and workspace settings stay inside the project.
export PULUMI_HOME="$_pulumi_env_tools/pulumi-home"
# No network calls to check for a newer CLI.
export PULUMI_SKIP_UPDATE_CHECK=true
# Never try to download a missing plugin: fail fast instead of hanging offline.
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
# Default to a local file backend (never Pulumi Cloud) unless one is chosen.
# The file backend refuses a directory that does not exist, so create it.
if [ -z "${PULUMI_BACKEND_URL:-}" ]; then
    mkdir -p "$_pulumi_env_tools/pulumi-state"
    export PULUMI_BACKEND_URL="file://$_pulumi_env_tools/pulumi-state"
fi

unset _pulumi_env_root _pulumi_env_tools _pulumi_env_bin
