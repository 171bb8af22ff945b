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

	"github.com/pulumi-digicert/engine/pulumi-engine/internal/langhost"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// interpreter is the Python a program runs with, and the environment it runs in.
type interpreter struct {
	cmd        string
	virtualenv string // "" when not a virtualenv
}

// pythonFor chooses the interpreter: the project's virtualenv (runtime option
// `virtualenv`, relative to the project root), else $PULUMI_PYTHON_CMD, else
// python3 (or python) on the PATH.
func (h *host) pythonFor(info *pulumirpc.ProgramInfo) (interpreter, error) {
	venv := langhost.StringOption(info, "virtualenv")
	if venv == "" {
		venv = h.virtualenv
	}
	if venv != "" {
		if !filepath.IsAbs(venv) {
			root := info.GetRootDirectory()
			if root == "" {
				root = langhost.ProgramDir(info, "")
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
	pwd := langhost.RunDir(req)
	py, err := h.pythonFor(req.GetInfo())
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	if _, err := os.Stat(py.cmd); py.virtualenv != "" && err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf(
			"the virtualenv %s has no bin/python: create it (python3 -m venv %s) and pip install pulumi and the program's requirements, or run `pulumi install`",
			py.virtualenv, py.virtualenv)}, nil
	}

	var parallel string
	if req.GetParallel() > 0 {
		parallel = fmt.Sprint(req.GetParallel())
	}
	args := []string{"-u", "-c", execScript}
	args = append(args, h.ProgramArgs(req, pwd, parallel)...)

	configEnv, err := langhost.ConfigEnv(req)
	if err != nil {
		return nil, err
	}

	logging.V(5).Infof("language host launching: %s (exec script) %s", py.cmd, strings.Join(args[3:], " "))
	cmd := py.command(ctx, args...)
	cmd.Dir = pwd
	cmd.Env = append(append(cmd.Env, configEnv...),
		// The program's output reaches the engine line by line, in order.
		"PYTHONUNBUFFERED=1",
	)
	return langhost.RunProgram(cmd, py.cmd), nil
}

// declaredPlugins asks the program's Python which resource plugins its packages
// declare. No interpreter (or no environment yet) means none: the engine then
// loads a plugin when the program first uses it.
func (h *host) declaredPlugins(ctx context.Context, info *pulumirpc.ProgramInfo, _ string,
) ([]langhost.Plugin, error) {
	py, err := h.pythonFor(info)
	if err != nil {
		return nil, nil
	}
	if _, err := os.Stat(py.cmd); py.virtualenv != "" && err != nil {
		return nil, nil
	}
	cmd := py.command(ctx, "-c", pluginsScript)
	cmd.Dir = langhost.ProgramDir(info, "")
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("listing the Pulumi plugins installed for %s: %w", py.cmd, err)
	}
	var found []langhost.Plugin
	if err := json.Unmarshal(out, &found); err != nil {
		return nil, fmt.Errorf("listing the Pulumi plugins installed for %s: %w", py.cmd, err)
	}
	return found, nil
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
	return langhost.AboutResponse(py.cmd, out, "Python "), nil
}

// InstallDependencies (`pulumi install`, `pulumi new`): creates the virtualenv
// when the project names one that does not exist, then pip-installs
// requirements.txt when there is one.
func (h *host) InstallDependencies(req *pulumirpc.InstallDependenciesRequest,
	server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	ctx := server.Context()
	dir := langhost.InstallDir(req)
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
