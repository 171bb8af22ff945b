//go:build tools

// Package tools pins the Pulumi engine this project builds locally (see
// scripts/engine.sh). The blank import keeps github.com/pulumi/pulumi/pkg/v3
// (and with it sdk/v3) in go.mod/go.sum at v3.259.0, so
// `go build github.com/pulumi/pulumi/pkg/v3/cmd/pulumi` works from this module.
//
// The upstream Node.js language host,
// github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3, cannot be
// required here: the Go module proxy we can reach answers 403 "This module
// version is not available." for it. ./cmd/pulumi-language-nodejs is this
// project's minimal replacement.
package tools

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
)
