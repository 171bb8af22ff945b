// Command pulumi-language-nodejs is this project's minimal stand-in for Pulumi's
// Node.js language host.
//
// Why it exists: the upstream language host lives in its own Go module,
// github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3, and the Go
// module proxy reachable from the project's machines answers
// "403 Forbidden ... This module version is not available." for every version
// of it (including v3.259.0 and its @v/list). The engine itself
// (github.com/pulumi/pulumi/pkg/v3/cmd/pulumi) builds fine from the proxy, so
// this file supplies only the small piece that is missing.
//
// What it does: it implements the LanguageRuntime gRPC service from
// github.com/pulumi/pulumi/sdk/v3/proto/go far enough for
// preview/up/refresh/destroy and the Automation API:
//
//   - Run spawns `node <@pulumi/pulumi>/cmd/run ...` in the program directory,
//     with the flags and environment that @pulumi/pulumi's cmd/run reads
//     (--monitor, --engine, --project, --stack, --organization,
//     --root-directory, --pwd, --dry-run, --parallel, PULUMI_CONFIG,
//     PULUMI_CONFIG_SECRET_KEYS, PULUMI_NODEJS_TYPESCRIPT,
//     PULUMI_NODEJS_TSCONFIG_PATH). The @pulumi/pulumi used is the program's
//     own (found by walking up from the program directory to a
//     node_modules/@pulumi/pulumi/cmd/run).
//   - GetRequiredPackages/GetRequiredPlugins report packages in the program's
//     node_modules whose package.json has "pulumi": {"resource": true}
//     (none for a program that only uses dynamic providers).
//   - GeneratePackage (what `pulumi package gen-sdk --language nodejs` calls)
//     binds the schema the engine sends, returns the binder's diagnostics and
//     writes the SDK from github.com/pulumi/pulumi/pkg/v3/codegen/nodejs, the
//     same generator the upstream host uses (shared code in internal/sdkgen).
//   - GenerateProgram (what `pulumi import` calls for the code of what it
//     imported) and GenerateProject (`pulumi convert`) bind the PCL the engine
//     sends and write TypeScript with pkg/v3's codegen/nodejs (program.go).
//     Link (convert's last step) links nothing: with no SDK to link it has
//     nothing to do, with one it says to `npm install` it.
//   - GetPluginInfo, About, GetProgramDependencies, RuntimeOptionsPrompts,
//     Handshake and InstallDependencies (runs `npm install`) are implemented
//     minimally. Pack and RunPlugin are left Unimplemented; nothing in this
//     project needs them.
//
// What does not depend on the language (serving, Handshake, GetPluginInfo,
// RuntimeOptionsPrompts, the answer to GetRequiredPackages/Plugins, the run
// flags, config and exit codes) is shared with the Python host in
// internal/langhost.
//
// It is not a general replacement for the upstream host (no yarn/pnpm/bun
// support, no node version pinning, no plugin-from-source).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pulumi-digicert/engine/pulumi-engine/internal/langhost"
	"github.com/pulumi-digicert/engine/pulumi-engine/internal/sdkgen"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

func main() {
	// Flags older engines passed from runtime options; accepted and ignored.
	flag.Bool("typescript", true, "ignored")
	flag.String("tsconfig", "", "ignored")
	flag.String("nodeargs", "", "ignored")
	flag.String("packagemanager", "", "ignored")
	langhost.Main(func(base langhost.Base) pulumirpc.LanguageRuntimeServer {
		return &host{Base: base, PluginFinder: resourcePlugins}
	})
}

type host struct {
	langhost.Base
	langhost.PluginFinder
}

// findUp walks from dir towards / and returns the first dir/rel that exists.
func findUp(dir, rel string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		candidate := filepath.Join(dir, rel)
		if _, err := os.Stat(candidate); err == nil {
			return candidate, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	pwd := langhost.RunDir(req)

	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: "could not find node on the $PATH: " + err.Error()}, nil
	}
	runPath := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH")
	if runPath == "" {
		runPath, err = findUp(pwd, filepath.Join("node_modules", "@pulumi", "pulumi", "cmd", "run"))
		if err != nil {
			return &pulumirpc.RunResponse{Error: fmt.Sprintf(
				"could not find node_modules/@pulumi/pulumi/cmd/run above %s: "+
					"it looks like the Pulumi SDK has not been installed; have you run npm install?", pwd)}, nil
		}
	}

	var args []string
	if nodeargs := langhost.StringOption(info, "nodeargs"); nodeargs != "" {
		args = append(args, strings.Fields(nodeargs)...)
	}
	args = append(args, runPath)
	args = append(args, h.ProgramArgs(req, pwd, fmt.Sprint(req.GetParallel()))...)

	configEnv, err := langhost.ConfigEnv(req)
	if err != nil {
		return nil, err
	}

	typescript := true
	if v, ok := langhost.Option(info, "typescript"); ok {
		if b, ok := v.(bool); ok {
			typescript = b
		}
	}

	env := append(os.Environ(), configEnv...)
	if typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if tsconfig := langhost.StringOption(info, "tsconfig"); tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+tsconfig)
	}

	logging.V(5).Infof("language host launching: %s %s", nodeBin, strings.Join(args, " "))
	cmd := exec.CommandContext(ctx, nodeBin, args...)
	cmd.Dir = pwd
	cmd.Env = env
	return langhost.RunProgram(cmd, "language executor"), nil
}

type packageJSON struct {
	Name         string            `json:"name"`
	Version      string            `json:"version"`
	Dependencies map[string]string `json:"dependencies"`
	Pulumi       struct {
		Resource bool   `json:"resource"`
		Name     string `json:"name"`
		Version  string `json:"version"`
		Server   string `json:"server"`
	} `json:"pulumi"`
}

func readPackageJSON(path string) (*packageJSON, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var p packageJSON
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &p, nil
}

// installedPackages lists the package.json files directly under the nearest
// node_modules (including @scope/name packages).
func installedPackages(dir string) ([]*packageJSON, error) {
	nm, err := findUp(dir, "node_modules")
	if err != nil {
		return nil, nil
	}
	entries, err := os.ReadDir(nm)
	if err != nil {
		return nil, err
	}
	var pkgDirs []string
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		if strings.HasPrefix(name, "@") {
			scoped, err := os.ReadDir(filepath.Join(nm, name))
			if err != nil {
				continue
			}
			for _, s := range scoped {
				pkgDirs = append(pkgDirs, filepath.Join(nm, name, s.Name()))
			}
			continue
		}
		pkgDirs = append(pkgDirs, filepath.Join(nm, name))
	}
	sort.Strings(pkgDirs)
	var out []*packageJSON
	for _, d := range pkgDirs {
		p, err := readPackageJSON(filepath.Join(d, "package.json"))
		if err != nil {
			continue // not a package (or unreadable); skip like npm would
		}
		out = append(out, p)
	}
	return out, nil
}

func pluginName(p *packageJSON) string {
	if p.Pulumi.Name != "" {
		return p.Pulumi.Name
	}
	name := p.Name
	if strings.HasPrefix(name, "@pulumi/") {
		return strings.TrimPrefix(name, "@pulumi/")
	}
	return strings.TrimPrefix(name, "@")
}

func pluginVersion(p *packageJSON) string {
	if p.Pulumi.Version != "" {
		return p.Pulumi.Version
	}
	return p.Version
}

// resourcePlugins reports the packages in the program's node_modules whose
// package.json has "pulumi": {"resource": true}.
func resourcePlugins(_ context.Context, info *pulumirpc.ProgramInfo, pwd string) ([]langhost.Plugin, error) {
	pkgs, err := installedPackages(langhost.ProgramDir(info, pwd))
	if err != nil {
		return nil, err
	}
	var found []langhost.Plugin
	for _, p := range pkgs {
		if p.Pulumi.Resource {
			found = append(found, langhost.Plugin{Name: pluginName(p), Version: pluginVersion(p), Server: p.Pulumi.Server})
		}
	}
	return found, nil
}

func (h *host) GetProgramDependencies(_ context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dir := langhost.ProgramDir(req.GetInfo(), req.GetPwd())
	resp := &pulumirpc.GetProgramDependenciesResponse{}
	root, err := findUp(dir, "package.json")
	if err != nil {
		return resp, nil
	}
	top, err := readPackageJSON(root)
	if err != nil {
		return nil, err
	}
	pkgs, _ := installedPackages(dir)
	installed := map[string]string{}
	for _, p := range pkgs {
		installed[p.Name] = p.Version
	}
	names := make([]string, 0, len(top.Dependencies))
	for n := range top.Dependencies {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		v := installed[n]
		if v == "" {
			v = top.Dependencies[n]
		}
		resp.Dependencies = append(resp.Dependencies, &pulumirpc.DependencyInfo{Name: n, Version: v})
	}
	return resp, nil
}

func (h *host) About(ctx context.Context, _ *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("could not find node on the $PATH: %w", err)
	}
	out, err := exec.CommandContext(ctx, nodeBin, "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("running node --version: %w", err)
	}
	return langhost.AboutResponse(nodeBin, out, "v"), nil
}

// InstallDependencies runs `npm install` in the program directory (used by
// `pulumi install` and the Automation API's workspace.install()).
func (h *host) InstallDependencies(req *pulumirpc.InstallDependenciesRequest,
	server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	dir := langhost.InstallDir(req)
	cmd := exec.CommandContext(server.Context(), "npm", "install", "--no-audit", "--no-fund")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if sendErr := server.Send(&pulumirpc.InstallDependenciesResponse{Stdout: out}); sendErr != nil {
		return sendErr
	}
	if err != nil {
		return fmt.Errorf("npm install in %s: %w", dir, err)
	}
	return nil
}

// GeneratePackage writes a Node.js SDK for the request's schema into the
// request's directory (see internal/sdkgen), passing the request's extra
// files, local dependencies (package name -> local path or tarball used
// instead of the registry) and local flag on to the nodejs code generator.
func (h *host) GeneratePackage(ctx context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	return sdkgen.GeneratePackage(ctx, req, func(
		_ context.Context, pkg *schema.Package, loader schema.ReferenceLoader, req *pulumirpc.GeneratePackageRequest,
	) (map[string][]byte, error) {
		return nodejs.GeneratePackage("pulumi-language-nodejs", pkg,
			req.GetExtraFiles(), req.GetLocalDependencies(), req.GetLocal(), loader)
	})
}
