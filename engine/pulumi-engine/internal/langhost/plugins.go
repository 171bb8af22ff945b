package langhost

import (
	"context"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Plugin is a resource plugin a program needs, as a host's packages declare it
// (the JSON names are those of a pulumi-plugin.json).
type Plugin struct {
	Name    string `json:"name"`
	Version string `json:"version"` // with or without the leading "v"
	Server  string `json:"server"`
}

// PluginFinder lists the resource plugins the program info describes needs;
// pwd is the request's working directory when the request has one, else "".
// A host that embeds its PluginFinder answers GetRequiredPackages and
// GetRequiredPlugins (the older name of the same question) with it.
type PluginFinder func(ctx context.Context, info *pulumirpc.ProgramInfo, pwd string) ([]Plugin, error)

func (find PluginFinder) GetRequiredPackages(ctx context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	deps, err := find.dependencies(ctx, req.GetInfo(), "")
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: deps}, nil
}

func (find PluginFinder) GetRequiredPlugins(ctx context.Context, req *pulumirpc.GetRequiredPluginsRequest, //nolint:staticcheck
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	deps, err := find.dependencies(ctx, req.GetInfo(), req.GetPwd())
	if err != nil {
		return nil, err
	}
	plugins := make([]*pulumirpc.PluginDependency, 0, len(deps))
	for _, d := range deps {
		plugins = append(plugins, &pulumirpc.PluginDependency{
			Name: d.GetName(), Kind: d.GetKind(), Version: d.GetVersion(), Server: d.GetServer(),
		})
	}
	return &pulumirpc.GetRequiredPluginsResponse{Plugins: plugins}, nil
}

func (find PluginFinder) dependencies(ctx context.Context, info *pulumirpc.ProgramInfo, pwd string,
) ([]*pulumirpc.PackageDependency, error) {
	found, err := find(ctx, info, pwd)
	if err != nil {
		return nil, err
	}
	deps := make([]*pulumirpc.PackageDependency, 0, len(found))
	for _, p := range found {
		deps = append(deps, &pulumirpc.PackageDependency{
			Name: p.Name, Kind: "resource", Version: versionTag(p.Version), Server: p.Server,
		})
	}
	return deps, nil
}

// versionTag writes a package version the way the engine names plugin versions
// ("1.2.3" -> "v1.2.3").
func versionTag(v string) string {
	if v != "" && !strings.HasPrefix(v, "v") {
		return "v" + v
	}
	return v
}
