//go:build tools

// Package tools pins Pulumi YAML's language host, pulumi-language-yaml, which
// scripts/engine.sh builds into .tools/bin beside the engine (docs/dev/engine.md).
//
// It is a module of its own, not part of engine/pulumi-engine: pulumi-yaml v1.25.0
// is built and released against its own dependency versions (pkg/v3 and sdk/v3
// v3.206.0, ...); in the engine's module they would be raised to the engine's
// v3.259.0 and the host would be a build nobody else runs. Here the selected
// versions are exactly pulumi-yaml's own go.mod, as `go install
// github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v1.25.0` builds it,
// with go.sum committed (go build -mod=readonly).
package tools

import (
	_ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
)
