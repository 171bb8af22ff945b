// Package langhost is what this project's stand-in language hosts
// (cmd/pulumi-language-nodejs and cmd/pulumi-language-python) share apart from
// SDK generation (internal/sdkgen): serving the LanguageRuntime gRPC service
// the way the engine starts a host, the RPCs whose answer does not depend on
// the language, reading the request's program information, and running the
// program with the flags, config and exit-code conventions of upstream's
// @pulumi/pulumi cmd/run. Each host keeps what is its language's: how it finds
// the runtime and the plugins, and what it runs.
package langhost

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// Main parses the command line the engine starts a language host with
// (flags, then the engine's address last), serves the host newHost returns and
// exits when serving stops. A host defines its own flags before calling Main;
// newHost runs after they are parsed.
func Main(newHost func(Base) pulumirpc.LanguageRuntimeServer) {
	var tracing string
	showVersion := flag.Bool("version", false, "print the version and exit")
	flag.StringVar(&tracing, "tracing", "", "Zipkin-compatible tracing endpoint")
	flag.String("root", "", "project root directory (ignored; the engine passes it in requests)")
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
			pulumirpc.RegisterLanguageRuntimeServer(srv, newHost(Base{EngineAddress: engineAddress, Tracing: tracing}))
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

// Base is the language-independent part of a host: a host embeds it (by value,
// as gRPC wants of UnimplementedLanguageRuntimeServer) and adds its language's
// RPCs. What a host leaves out stays Unimplemented.
type Base struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	// EngineAddress is the engine's gRPC address, from the command line or
	// from Handshake; the program is told it with --engine.
	EngineAddress string
	// Tracing is the -tracing endpoint, passed on to the program.
	Tracing string
}

func (b *Base) Handshake(_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	if req.GetEngineAddress() != "" {
		b.EngineAddress = req.GetEngineAddress()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (b *Base) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

// RuntimeOptionsPrompts asks nothing: neither host has options worth a prompt.
func (b *Base) RuntimeOptionsPrompts(context.Context, *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

// AboutResponse answers About for the runtime at executable, whose version
// command printed versionOutput (prefix, such as "v" or "Python ", removed).
func AboutResponse(executable string, versionOutput []byte, prefix string) *pulumirpc.AboutResponse {
	return &pulumirpc.AboutResponse{
		Executable: executable,
		Version:    strings.TrimPrefix(strings.TrimSpace(string(versionOutput)), prefix),
		Metadata:   map[string]string{"languageHost": "pulumi-digicert stand-in"},
	}
}
