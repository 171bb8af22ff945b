package main

// execScript is the Python side of Run, passed to the interpreter with `-c`: it
// connects the `pulumi` package (from PyPI, in the program's environment) to the
// engine and runs the program's __main__.py (or the file Pulumi.yaml's `main`
// names) inside the stack resource, as upstream's pulumi-language-python-exec does.
// Its arguments: --monitor, --engine, --project, --stack, --organization,
// --root-directory, --pwd, --dry-run, --parallel N, then the program. The
// stack's config arrives in PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS, which the
// package reads itself.
//
// Exit codes: 0 done; 32 the failure was already reported to the engine (a
// pulumi.RunError, or an exception logged with its traceback); anything else is
// a failure the host reports as such.
const execScript = `
import argparse, asyncio, os, runpy, sys, traceback

try:
    import pulumi
    import pulumi.runtime
except ImportError as e:
    sys.stderr.write("the pulumi package is not installed in this Python environment "
                     "(pip install pulumi): %s\n" % e)
    sys.exit(1)

ap = argparse.ArgumentParser(prog="pulumi-language-python run")
for name in ("monitor", "engine", "project", "stack", "organization", "root-directory", "pwd", "tracing"):
    ap.add_argument("--" + name)
ap.add_argument("--dry-run", action="store_true")
ap.add_argument("--parallel", type=int, default=0)
ap.add_argument("program")
ap.add_argument("args", nargs=argparse.REMAINDER)
a = ap.parse_args(sys.argv[1:])

if a.pwd:
    os.chdir(a.pwd)
program = os.path.abspath(a.program)
# The program's own modules import as they do when it is run by hand.
sys.path.insert(0, program if os.path.isdir(program) else os.path.dirname(program))
sys.argv = [program] + a.args

for k, v in pulumi.runtime.get_config_env().items():
    pulumi.runtime.set_config(k, v)
pulumi.runtime.configure(pulumi.runtime.Settings(
    project=a.project, stack=a.stack, monitor=a.monitor, engine=a.engine,
    parallel=a.parallel or None, dry_run=a.dry_run, organization=a.organization,
    root_directory=a.root_directory,
))

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
code = 0
try:
    loop.run_until_complete(pulumi.runtime.run_in_stack(
        lambda: runpy.run_path(program, run_name="__main__")))
except pulumi.RunError as e:
    pulumi.log.error(str(e))
    code = 32
except Exception:
    pulumi.log.error("Program failed with an unhandled exception:\n" + traceback.format_exc())
    code = 32
finally:
    sys.stdout.flush()
    sys.stderr.flush()
sys.exit(code)
`

// pluginsScript prints, as JSON, the Pulumi resource plugins the environment's
// installed packages declare: each package with a pulumi-plugin.json beside its
// modules (the generated SDKs ship one: {"resource": true, "name", "version",
// "server"}). What GetRequiredPackages answers.
const pluginsScript = `
import importlib.metadata as md, json, sys
found = []
for dist in md.distributions():
    for f in dist.files or []:
        if f.name == "pulumi-plugin.json" and len(f.parts) == 2:
            try:
                with open(dist.locate_file(f)) as fh:
                    p = json.load(fh)
            except Exception:
                continue
            if p.get("resource"):
                found.append({"name": p.get("name") or dist.metadata["Name"],
                              "version": p.get("version") or dist.version,
                              "server": p.get("server") or ""})
json.dump(found, sys.stdout)
`
