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
// Left Unimplemented: program code generation (import/convert), Link, Pack,
// RunPlugin; no poetry/uv toolchains and no type checker (the `toolchain` and
// `typechecker` options are ignored: pip and a virtualenv only).
package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/pulumi-digicert/engine/pulumi-engine/internal/sdkgen"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
)

func main() {
	var tracing, virtualenv string
	showVersion := flag.Bool("version", false, "print the version and exit")
	flag.StringVar(&tracing, "tracing", "", "Zipkin-compatible tracing endpoint")
	// Older engines pass runtime options as flags; newer ones in each request.
	flag.StringVar(&virtualenv, "virtualenv", "", "the program's virtualenv, relative to the project root")
	flag.String("root", "", "project root directory (ignored; the engine passes it in requests)")
	flag.String("toolchain", "", "ignored")
	flag.String("typechecker", "", "ignored")
	flag.Parse()
	if *showVersion {
		fmt.Println(version.Version)
		return
	}
	logging.InitLogging(false, 0, false)

	var engineAddress string
	if args := flag.Args(); len(args) > 0 {
		engineAddress = args[len(args)-1]
	}

	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, &host{engineAddress: engineAddress, tracing: tracing, virtualenv: virtualenv})
			return nil
		},
		Options: rpcutil.OpenTracingServerInterceptorOptions(nil),
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("could not start language host RPC server: %w", err))
	}
	// The engine reads the port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		cmdutil.Exit(fmt.Errorf("language host RPC stopped serving: %w", err))
	}
}

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string
	tracing       string
	virtualenv    string
}

func (h *host) Handshake(_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	if req.GetEngineAddress() != "" {
		h.engineAddress = req.GetEngineAddress()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
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
