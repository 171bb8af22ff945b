package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// Exit code execScript uses after it has already reported the failure to the
// engine (the same convention as the Node.js host's cmd/run).
const exitAfterLoggedError = 32

// interpreter is the Python a program runs with, and the environment it runs in.
type interpreter struct {
	cmd        string
	virtualenv string // "" when not a virtualenv
}

func option(info *pulumirpc.ProgramInfo, key string) string {
	if info.GetOptions() == nil {
		return ""
	}
	if s, ok := info.GetOptions().AsMap()[key].(string); ok {
		return s
	}
	return ""
}

func programDir(info *pulumirpc.ProgramInfo, fallback string) string {
	if d := info.GetProgramDirectory(); d != "" {
		return d
	}
	if fallback != "" {
		return fallback
	}
	wd, _ := os.Getwd()
	return wd
}

// pythonFor chooses the interpreter: the project's virtualenv (runtime option
// `virtualenv`, relative to the project root), else $PULUMI_PYTHON_CMD, else
// python3 (or python) on the PATH.
func (h *host) pythonFor(info *pulumirpc.ProgramInfo) (interpreter, error) {
	venv := option(info, "virtualenv")
	if venv == "" {
		venv = h.virtualenv
	}
	if venv != "" {
		if !filepath.IsAbs(venv) {
			root := info.GetRootDirectory()
			if root == "" {
				root = programDir(info, "")
			}
			venv = filepath.Join(root, venv)
		}
		return interpreter{cmd: filepath.Join(venv, "bin", "python"), virtualenv: venv}, nil
	}
	if cmd := os.Getenv("PULUMI_PYTHON_CMD"); cmd != "" {
		return interpreter{cmd: cmd}, nil
	}
	for _, name := range []string{"python3", "python"} {
		if p, err := exec.LookPath(name); err == nil {
			return interpreter{cmd: p}, nil
		}
	}
	return interpreter{}, errors.New("could not find python3 or python on the $PATH; " +
		"set runtime.options.virtualenv in Pulumi.yaml or PULUMI_PYTHON_CMD")
}

// command runs the interpreter as an activated virtualenv would.
func (p interpreter) command(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, p.cmd, args...)
	env := os.Environ()
	if p.virtualenv != "" {
		kept := env[:0]
		for _, kv := range env {
			if !strings.HasPrefix(kv, "PYTHONHOME=") {
				kept = append(kept, kv)
			}
		}
		env = append(kept,
			"VIRTUAL_ENV="+p.virtualenv,
			"PATH="+filepath.Join(p.virtualenv, "bin")+string(os.PathListSeparator)+os.Getenv("PATH"))
	}
	cmd.Env = env
	return cmd
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	pwd := req.GetPwd()
	if pwd == "" {
		pwd = programDir(info, "")
	}
	py, err := h.pythonFor(info)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	if _, err := os.Stat(py.cmd); py.virtualenv != "" && err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf(
			"the virtualenv %s has no bin/python: create it (python3 -m venv %s) and pip install pulumi and the program's requirements, or run `pulumi install`",
			py.virtualenv, py.virtualenv)}, nil
	}

	args := []string{"-u", "-c", execScript}
	flagArg := func(k, v string) {
		if v != "" {
			args = append(args, "--"+k, v)
		}
	}
	flagArg("monitor", req.GetMonitorAddress())
	flagArg("engine", h.engineAddress)
	flagArg("organization", req.GetOrganization())
	flagArg("project", req.GetProject())
	flagArg("root-directory", info.GetRootDirectory())
	flagArg("stack", req.GetStack())
	flagArg("pwd", pwd)
	flagArg("tracing", h.tracing)
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	if req.GetParallel() > 0 {
		flagArg("parallel", fmt.Sprint(req.GetParallel()))
	}
	entry := info.GetEntryPoint()
	if entry == "" {
		entry = req.GetProgram()
	}
	if entry == "" {
		entry = "."
	}
	args = append(args, entry)
	args = append(args, req.GetArgs()...)

	configJSON, err := json.Marshal(req.GetConfig())
	if err != nil {
		return nil, fmt.Errorf("serializing config: %w", err)
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, fmt.Errorf("serializing config secret keys: %w", err)
	}

	logging.V(5).Infof("language host launching: %s (exec script) %s", py.cmd, strings.Join(args[3:], " "))
	cmd := py.command(ctx, args...)
	cmd.Dir = pwd
	cmd.Env = append(cmd.Env,
		"PULUMI_CONFIG="+string(configJSON),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON),
		// The program's output reaches the engine line by line, in order.
		"PYTHONUNBUFFERED=1",
	)
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			if exitErr.ExitCode() == exitAfterLoggedError {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{
				Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode()),
			}, nil
		}
		return &pulumirpc.RunResponse{
			Error: "Problem executing program (could not run " + py.cmd + "): " + err.Error(),
		}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

type declaredPlugin struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Server  string `json:"server"`
}

// declaredPlugins asks the program's Python which resource plugins its packages
// declare. No interpreter (or no environment yet) means none: the engine then
// loads a plugin when the program first uses it.
func (h *host) declaredPlugins(ctx context.Context, info *pulumirpc.ProgramInfo) ([]declaredPlugin, error) {
	py, err := h.pythonFor(info)
	if err != nil {
		return nil, nil
	}
	if _, err := os.Stat(py.cmd); py.virtualenv != "" && err != nil {
		return nil, nil
	}
	cmd := py.command(ctx, "-c", pluginsScript)
	cmd.Dir = programDir(info, "")
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("listing the Pulumi plugins installed for %s: %w", py.cmd, err)
	}
	var found []declaredPlugin
	if err := json.Unmarshal(out, &found); err != nil {
		return nil, fmt.Errorf("listing the Pulumi plugins installed for %s: %w", py.cmd, err)
	}
	for i := range found {
		if v := found[i].Version; v != "" && !strings.HasPrefix(v, "v") {
			found[i].Version = "v" + v
		}
	}
	return found, nil
}

func (h *host) GetRequiredPackages(ctx context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	found, err := h.declaredPlugins(ctx, req.GetInfo())
	if err != nil {
		return nil, err
	}
	resp := &pulumirpc.GetRequiredPackagesResponse{}
	for _, p := range found {
		resp.Packages = append(resp.Packages, &pulumirpc.PackageDependency{
			Name: p.Name, Kind: "resource", Version: p.Version, Server: p.Server,
		})
	}
	return resp, nil
}

func (h *host) GetRequiredPlugins(ctx context.Context, req *pulumirpc.GetRequiredPluginsRequest, //nolint:staticcheck
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	found, err := h.declaredPlugins(ctx, req.GetInfo())
	if err != nil {
		return nil, err
	}
	resp := &pulumirpc.GetRequiredPluginsResponse{}
	for _, p := range found {
		resp.Plugins = append(resp.Plugins, &pulumirpc.PluginDependency{
			Name: p.Name, Kind: "resource", Version: p.Version, Server: p.Server,
		})
	}
	return resp, nil
}

// GetProgramDependencies lists the environment's distributions (`pulumi about`).
func (h *host) GetProgramDependencies(ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	resp := &pulumirpc.GetProgramDependenciesResponse{}
	py, err := h.pythonFor(req.GetInfo())
	if err != nil {
		return resp, nil
	}
	out, err := py.command(ctx, "-m", "pip", "list", "--format", "json", "--disable-pip-version-check").Output()
	if err != nil {
		return nil, fmt.Errorf("pip list: %w", err)
	}
	var deps []struct{ Name, Version string }
	if err := json.Unmarshal(out, &deps); err != nil {
		return nil, fmt.Errorf("pip list: %w", err)
	}
	for _, d := range deps {
		resp.Dependencies = append(resp.Dependencies, &pulumirpc.DependencyInfo{Name: d.Name, Version: d.Version})
	}
	return resp, nil
}

func (h *host) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	py, err := h.pythonFor(req.GetInfo())
	if err != nil {
		return nil, err
	}
	out, err := py.command(ctx, "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("running %s --version: %w", py.cmd, err)
	}
	return &pulumirpc.AboutResponse{
		Executable: py.cmd,
		Version:    strings.TrimPrefix(strings.TrimSpace(string(out)), "Python "),
		Metadata:   map[string]string{"languageHost": "pulumi-digicert stand-in"},
	}, nil
}

func (h *host) RuntimeOptionsPrompts(context.Context, *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

// InstallDependencies (`pulumi install`, `pulumi new`): creates the virtualenv
// when the project names one that does not exist, then pip-installs
// requirements.txt when there is one.
func (h *host) InstallDependencies(req *pulumirpc.InstallDependenciesRequest,
	server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	ctx := server.Context()
	dir := req.GetDirectory()
	if dir == "" {
		dir = programDir(req.GetInfo(), "")
	}
	py, err := h.pythonFor(req.GetInfo())
	if err != nil {
		return err
	}
	var steps []*exec.Cmd
	if _, err := os.Stat(py.cmd); py.virtualenv != "" && err != nil {
		base, err := (&host{}).pythonFor(&pulumirpc.ProgramInfo{})
		if err != nil {
			return err
		}
		steps = append(steps, base.command(ctx, "-m", "venv", py.virtualenv))
	}
	if _, err := os.Stat(filepath.Join(dir, "requirements.txt")); err == nil {
		steps = append(steps, py.command(ctx, "-m", "pip", "install", "-r", "requirements.txt"))
	}
	for _, cmd := range steps {
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if sendErr := server.Send(&pulumirpc.InstallDependenciesResponse{Stdout: out}); sendErr != nil {
			return sendErr
		}
		if err != nil {
			return fmt.Errorf("%s in %s: %w", strings.Join(cmd.Args, " "), dir, err)
		}
	}
	return nil
}
