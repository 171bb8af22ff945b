package langhost

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Exit code with which @pulumi/pulumi's cmd/run (and the Python host's exec
// script, which follows it) ends after it has already reported the error to the
// user (nodeJSProcessExitedAfterLoggingUserActionableMessage).
const exitAfterLoggedError = 32

// RunDir is the directory a program runs in: the request's pwd, else the
// program's directory.
func RunDir(req *pulumirpc.RunRequest) string {
	if pwd := req.GetPwd(); pwd != "" {
		return pwd
	}
	return ProgramDir(req.GetInfo(), "")
}

// ProgramArgs returns the arguments that follow a host's own when it runs the
// program: the flags of @pulumi/pulumi's cmd/run (--monitor, --engine,
// --organization, --project, --root-directory, --stack, --pwd, --tracing,
// --dry-run, and --parallel with the value given, none when ""), then the
// program's entry point and its arguments. The hosts differ on --parallel, as
// upstream's do: Node.js passes the request's value even when 0, Python only a
// positive one.
func (b *Base) ProgramArgs(req *pulumirpc.RunRequest, pwd, parallel string) []string {
	info := req.GetInfo()
	var args []string
	flagArg := func(k, v string) {
		if v != "" {
			args = append(args, "--"+k, v)
		}
	}
	flagArg("monitor", req.GetMonitorAddress())
	flagArg("engine", b.EngineAddress)
	flagArg("organization", req.GetOrganization())
	flagArg("project", req.GetProject())
	flagArg("root-directory", info.GetRootDirectory())
	flagArg("stack", req.GetStack())
	flagArg("pwd", pwd)
	flagArg("tracing", b.Tracing)
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	flagArg("parallel", parallel)
	entry := info.GetEntryPoint()
	if entry == "" {
		entry = req.GetProgram()
	}
	if entry == "" {
		entry = "."
	}
	args = append(args, entry)
	return append(args, req.GetArgs()...)
}

// ConfigEnv returns the environment entries that carry the stack's config to
// the program: PULUMI_CONFIG (key -> value) and PULUMI_CONFIG_SECRET_KEYS.
func ConfigEnv(req *pulumirpc.RunRequest) ([]string, error) {
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
	return []string{
		"PULUMI_CONFIG=" + string(configJSON),
		"PULUMI_CONFIG_SECRET_KEYS=" + string(secretKeysJSON),
	}, nil
}

// RunProgram runs cmd with the host's stdout and stderr (which the engine
// shows) and answers Run with how it ended; runner names what cmd runs in the
// error when it could not be started.
func RunProgram(cmd *exec.Cmd, runner string) *pulumirpc.RunResponse {
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			if exitErr.ExitCode() == exitAfterLoggedError {
				// The program already told the user what went wrong.
				return &pulumirpc.RunResponse{Bail: true}
			}
			return &pulumirpc.RunResponse{
				Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode()),
			}
		}
		return &pulumirpc.RunResponse{
			Error: "Problem executing program (could not run " + runner + "): " + err.Error(),
		}
	}
	return &pulumirpc.RunResponse{}
}
