package langhost

import (
	"os"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// ProgramDir returns the directory the program lives in (where Pulumi.yaml's
// `main` points, or the project directory), else fallback, else the host's
// working directory.
func ProgramDir(info *pulumirpc.ProgramInfo, fallback string) string {
	if d := info.GetProgramDirectory(); d != "" {
		return d
	}
	if fallback != "" {
		return fallback
	}
	wd, _ := os.Getwd()
	return wd
}

// Option returns the Pulumi.yaml runtime option key (runtime.options.<key>).
func Option(info *pulumirpc.ProgramInfo, key string) (any, bool) {
	if info.GetOptions() == nil {
		return nil, false
	}
	v, ok := info.GetOptions().AsMap()[key]
	return v, ok
}

// StringOption returns the runtime option key when it is a string, else "".
func StringOption(info *pulumirpc.ProgramInfo, key string) string {
	if v, ok := Option(info, key); ok {
		if s, ok := v.(string); ok {
			return s
		}
	}
	return ""
}

// InstallDir is the directory InstallDependencies installs into: the request's,
// else the program's.
func InstallDir(req *pulumirpc.InstallDependenciesRequest) string {
	if dir := req.GetDirectory(); dir != "" {
		return dir
	}
	return ProgramDir(req.GetInfo(), "")
}
