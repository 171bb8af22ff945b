// Command pulumi-language-python is this project's stand-in for Pulumi's Python
// language host: it runs Python programs with the `pulumi` package from PyPI and
// generates Python SDKs.
//
// Why it exists: the upstream language host lives in its own Go module,
// github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3, and the Go
// module proxy reachable from the project's machines answers
// "403 Forbidden ... This module version is not available." for every version
// of it (including v3.259.0 and its @v/list). The Python code generator itself
// is in github.com/pulumi/pulumi/pkg/v3/codegen/python, which the proxy serves
// (it comes with the engine's pkg/v3), so this file supplies only the small
// piece that is missing.
//
// What it does: it implements the LanguageRuntime gRPC service from
// github.com/pulumi/pulumi/sdk/v3/proto/go far enough for
// preview/up/refresh/destroy and `pulumi package gen-sdk --language python`:
//
//   - Run executes the program with the project's Python (run.go): the
//     virtualenv named by Pulumi.yaml's `runtime.options.virtualenv` (relative
//     to the project), else $PULUMI_PYTHON_CMD, else python3 on the PATH. The
//     interpreter runs execScript (exec_script.go), which configures the
//     `pulumi` package installed there (monitor, engine, project, stack, dry
//     run, parallelism; config from PULUMI_CONFIG) and runs the program in the
//     stack resource, as upstream's pulumi-language-python-exec does.
//   - GetRequiredPackages/GetRequiredPlugins report the resource plugins the
//     environment's packages declare in a pulumi-plugin.json (generated SDKs
//     ship one).
//   - InstallDependencies (`pulumi install`) creates the virtualenv when
//     missing and pip-installs requirements.txt into it.
//   - GeneratePackage binds the schema the engine sends, returns the binder's
//     diagnostics and writes the SDK (setup.py or pyproject.toml and the
//     package directory) from pkg/v3/codegen/python, the generator the
//     upstream host uses (shared code in internal/sdkgen).
//   - Handshake, GetPluginInfo, About, GetProgramDependencies and
//     RuntimeOptionsPrompts minimally.
//
// What does not depend on the language (serving, Handshake, GetPluginInfo,
// RuntimeOptionsPrompts, the answer to GetRequiredPackages/Plugins, the run
// flags, config and exit codes) is shared with the Node.js host in
// internal/langhost.
//
// Left Unimplemented: program code generation (import/convert), Link, Pack,
// RunPlugin; no poetry/uv toolchains and no type checker (the `toolchain` and
// `typechecker` options are ignored: pip and a virtualenv only).
package main

import (
	"context"
	"flag"

	"github.com/pulumi-digicert/engine/pulumi-engine/internal/langhost"
	"github.com/pulumi-digicert/engine/pulumi-engine/internal/sdkgen"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

func main() {
	// Older engines pass runtime options as flags; newer ones in each request.
	virtualenv := flag.String("virtualenv", "", "the program's virtualenv, relative to the project root")
	flag.String("toolchain", "", "ignored")
	flag.String("typechecker", "", "ignored")
	langhost.Main(func(base langhost.Base) pulumirpc.LanguageRuntimeServer {
		h := &host{Base: base, virtualenv: *virtualenv}
		h.PluginFinder = h.declaredPlugins
		return h
	})
}

type host struct {
	langhost.Base
	langhost.PluginFinder
	virtualenv string
}

// GeneratePackage writes a Python SDK for the request's schema into the
// request's directory (see internal/sdkgen), passing the request's extra
// files on to the python code generator. The generator has no notion of
// local dependencies (upstream uses them to link locally built SDKs into a
// program, which this stand-in cannot do), so a request carrying some is
// refused rather than silently producing an SDK that ignores them.
func (h *host) GeneratePackage(ctx context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	if len(req.GetLocalDependencies()) > 0 {
		return nil, status.Error(codes.Unimplemented,
			"GeneratePackage: local dependencies are not supported by this stand-in Python language host")
	}
	return sdkgen.GeneratePackage(ctx, req, func(
		_ context.Context, pkg *schema.Package, loader schema.ReferenceLoader, req *pulumirpc.GeneratePackageRequest,
	) (map[string][]byte, error) {
		return python.GeneratePackage("pulumi-language-python", pkg, req.GetExtraFiles(), loader)
	})
}
