// Package sdkgen is the part of LanguageRuntime.GeneratePackage that this
// project's stand-in language hosts (cmd/pulumi-language-nodejs and
// cmd/pulumi-language-python) share: bind the package schema the engine sends,
// hand the binder's diagnostics back, run one language's code generator from
// github.com/pulumi/pulumi/pkg/v3/codegen and write the files it returns.
//
// This is what `pulumi package gen-sdk <schema> --language <lang>` ends up
// calling: the CLI binds the schema itself, re-serializes it, cleans and
// creates <out>/<lang>, serves a schema loader over gRPC, and calls
// GeneratePackage on the language host with that directory, the schema JSON
// and the loader's address. It prints the returned diagnostics and fails when
// one of them is an error.
package sdkgen

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Generator produces a language's SDK files (paths relative to the output
// directory) for a bound package. loader resolves the schemas of the packages
// this one depends on.
type Generator func(
	ctx context.Context, pkg *schema.Package, loader schema.ReferenceLoader, req *pulumirpc.GeneratePackageRequest,
) (map[string][]byte, error)

// GeneratePackage answers a GeneratePackageRequest with gen.
//
// Binding problems are not RPC errors: they come back as the response's
// diagnostics (warnings too, so `gen-sdk` shows them), and when any of them is
// an error nothing is generated. The schema is bound like the CLI binds it
// (validated against the package metaschema, references to other packages'
// types allowed to dangle).
func GeneratePackage(
	ctx context.Context, req *pulumirpc.GeneratePackageRequest, gen Generator,
) (*pulumirpc.GeneratePackageResponse, error) {
	dir := req.GetDirectory()
	if dir == "" {
		return nil, status.Error(codes.InvalidArgument, "GeneratePackage: no output directory in the request")
	}
	if req.GetLoaderTarget() == "" {
		return nil, status.Error(codes.InvalidArgument, "GeneratePackage: no schema loader (loader_target) in the request")
	}

	client, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, fmt.Errorf("connecting to the schema loader at %s: %w", req.GetLoaderTarget(), err)
	}
	defer client.Close()
	loader := schema.NewCachedLoader(client)

	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.GetSchema()), &spec); err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "GeneratePackage: parsing the package schema: %v", err)
	}

	pkg, diags, err := schema.BindSpecWithContext(ctx, spec, loader, schema.ValidationOptions{
		AllowDanglingReferences: true,
	})
	if err != nil {
		if len(diags) > 0 {
			return nil, fmt.Errorf("binding package %q: %w (%s)", spec.Name, err, diags.Error())
		}
		return nil, fmt.Errorf("binding package %q: %w", spec.Name, err)
	}
	resp := &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}
	if diags.HasErrors() {
		return resp, nil
	}

	files, err := gen(ctx, pkg, loader, req)
	if err != nil {
		return nil, fmt.Errorf("generating the SDK for package %q: %w", pkg.Name, err)
	}
	if err := writeFiles(dir, files); err != nil {
		return nil, err
	}
	logging.V(5).Infof("GeneratePackage: wrote %d files for %s under %s", len(files), pkg.Name, dir)
	return resp, nil
}

// writeFiles writes files under dir, creating directories as needed. A path
// that would land outside dir (absolute, or climbing out with ..) is refused.
func writeFiles(dir string, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !filepath.IsLocal(name) {
			return fmt.Errorf("refusing to write generated file %q outside %s", name, dir)
		}
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}
