package main

// Program code generation: what `pulumi import` (GenerateProgram: the code for the
// resources it imported) and `pulumi convert` (GenerateProject: a whole project)
// ask the language host for. Both bind the PCL the engine sends with pkg/v3's
// codegen/pcl and write TypeScript with pkg/v3's codegen/nodejs, the generator the
// upstream Node.js host uses, with the upstream host's bind options: output-versioned
// invokes preferred, non-strict binding unless the request asks for strict (an
// import's code may name a parent or a provider it does not declare).

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/pulumi-digicert/engine/pulumi-engine/internal/langhost"
	"github.com/pulumi/pulumi/pkg/v3/codegen/hcl2/syntax"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/pcl"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

func bindOptions(strict bool) []pcl.BindOption {
	opts := []pcl.BindOption{pcl.PreferOutputVersionedInvokes}
	if !strict {
		opts = append(opts, pcl.NonStrictBindOptions()...)
	}
	return opts
}

// GenerateProgram turns the request's PCL files into TypeScript files (name -> text).
// Binding errors come back as diagnostics, not as an RPC error, so the CLI shows them.
func (h *host) GenerateProgram(ctx context.Context, req *pulumirpc.GenerateProgramRequest,
) (*pulumirpc.GenerateProgramResponse, error) {
	client, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, fmt.Errorf("connecting to the schema loader at %s: %w", req.GetLoaderTarget(), err)
	}
	defer client.Close()

	parser := syntax.NewParser()
	// Parse in a fixed order: the binder's diagnostics then come out the same every time.
	names := make([]string, 0, len(req.GetSource()))
	for name := range req.GetSource() {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := parser.ParseFile(strings.NewReader(req.GetSource()[name]), name); err != nil {
			return nil, fmt.Errorf("parsing %s: %w", name, err)
		}
	}
	if parser.Diagnostics.HasErrors() {
		return &pulumirpc.GenerateProgramResponse{
			Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(parser.Diagnostics),
		}, nil
	}

	program, diags, err := pcl.BindProgramWithContext(ctx, parser.Files, schema.NewCachedLoader(client),
		bindOptions(req.GetStrict())...)
	if err != nil && !diags.HasErrors() {
		return nil, err
	}
	rpcDiags := plugin.HclDiagnosticsToRPCDiagnostics(diags)
	if diags.HasErrors() {
		return &pulumirpc.GenerateProgramResponse{Diagnostics: rpcDiags}, nil
	}
	if program == nil {
		return nil, errors.New("GenerateProgram: the binder returned no program and no error")
	}

	files, genDiags, err := nodejs.GenerateProgram(program)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GenerateProgramResponse{
		Source:      files,
		Diagnostics: append(rpcDiags, plugin.HclDiagnosticsToRPCDiagnostics(genDiags)...),
	}, nil
}

// GenerateProject writes a whole TypeScript project (Pulumi.yaml, package.json,
// tsconfig.json, index.ts) for the PCL in the request's source directory.
func (h *host) GenerateProject(ctx context.Context, req *pulumirpc.GenerateProjectRequest,
) (*pulumirpc.GenerateProjectResponse, error) {
	client, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, fmt.Errorf("connecting to the schema loader at %s: %w", req.GetLoaderTarget(), err)
	}
	defer client.Close()

	program, diags, err := pcl.BindDirectory(req.GetSourceDirectory(), schema.NewCachedLoader(client),
		bindOptions(req.GetStrict())...)
	if err != nil && !diags.HasErrors() {
		return nil, err
	}
	rpcDiags := plugin.HclDiagnosticsToRPCDiagnostics(diags)
	if diags.HasErrors() {
		return &pulumirpc.GenerateProjectResponse{Diagnostics: rpcDiags}, nil
	}
	if program == nil {
		return nil, errors.New("GenerateProject: the binder returned no program and no error")
	}

	var project workspace.Project
	if err := json.Unmarshal([]byte(req.GetProject()), &project); err != nil {
		return nil, fmt.Errorf("GenerateProject: parsing the project: %w", err)
	}
	if err := nodejs.GenerateProject(req.GetTargetDirectory(), project, program,
		req.GetLocalDependencies(), false, "nodejs"); err != nil {
		return nil, err
	}
	return &pulumirpc.GenerateProjectResponse{Diagnostics: rpcDiags}, nil
}

// Link is what `pulumi convert` (and `pulumi package add`) call last, to add SDKs they
// generated on the spot to the program. The upstream host runs `npm install <path>`
// for each; this stand-in links nothing and says so, naming the paths. `pulumi convert`
// asks even when it generated no SDK (a provider whose SDK is published, like this
// one's): then there is nothing to do.
func (h *host) Link(_ context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	if len(req.GetPackages()) == 0 {
		return &pulumirpc.LinkResponse{}, nil
	}
	paths := make([]string, 0, len(req.GetPackages()))
	for _, p := range req.GetPackages() {
		paths = append(paths, p.GetPath())
	}
	return nil, status.Errorf(codes.Unimplemented,
		"this project's Node.js language host stand-in does not link generated SDKs: run `npm install %s` in %s",
		strings.Join(paths, " "), langhost.ProgramDir(req.GetInfo(), ""))
}
