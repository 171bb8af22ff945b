# shellcheck shell=bash
# Source this (bash or zsh) after scripts/engine.sh to use the project's
# offline Pulumi engine:
#
#   scripts/engine.sh && source scripts/pulumi-env.sh
#   pulumi version    # v3.259.0
#
# Everything here is offline-safe: no update checks, no plugin downloads, and
# a local file backend unless PULUMI_BACKEND_URL is already set.
if [ -n "${BASH_SOURCE[0]:-}" ]; then
    _pulumi_env_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
elif [ -n "${ZSH_VERSION:-}" ]; then
    # shellcheck disable=SC2296
    _pulumi_env_root=$(cd "$(dirname "${(%):-%x}")/.." && pwd)
else
    _pulumi_env_root=$(pwd)
fi

# .tools/bin first: pulumi, pulumi-language-nodejs and the dynamic-provider
# host pulumi-resource-pulumi-nodejs (the engine also finds the latter two next
# to the pulumi binary, even without PATH).
case ":$PATH:" in
    ":$_pulumi_env_root/.tools/bin:"*) ;;
    *) export PATH="$_pulumi_env_root/.tools/bin:$PATH" ;;
esac

# Plugin cache, credentials and workspace settings stay inside the project.
export PULUMI_HOME="$_pulumi_env_root/.tools/pulumi-home"
# No network calls to check for a newer CLI.
export PULUMI_SKIP_UPDATE_CHECK=true
# Never try to download a missing plugin: fail fast instead of hanging offline.
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
# Default to a local file backend (never Pulumi Cloud) unless one is chosen.
# The file backend refuses a directory that does not exist, so create it.
if [ -z "${PULUMI_BACKEND_URL:-}" ]; then
    mkdir -p "$_pulumi_env_root/.tools/pulumi-state"
    export PULUMI_BACKEND_URL="file://$_pulumi_env_root/.tools/pulumi-state"
fi

unset _pulumi_env_root
