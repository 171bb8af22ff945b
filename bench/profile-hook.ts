// Preloaded (NODE_OPTIONS=--require) into every node process the engine starts for a
// profiled step: the program and the dynamic-provider host. Node 20 refuses
// --cpu-prof in NODE_OPTIONS, so this starts the inspector's profiler itself and
// writes a .cpuprofile (open it in Chrome DevTools) when the process ends. The engine
// stops plugins with SIGINT, hence the signal handlers.
import * as fs from "node:fs";
import * as inspector from "node:inspector";
import * as path from "node:path";

const dir = process.env["BENCH_PROFILE_DIR"];
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.start");
  const args = process.argv.slice(1).join(" ");
  const role = args.includes("dynamic-provider") ? "host" : args.includes("cmd/run") ? "program" : "other";
  let written = false;
  const write = (): void => {
    if (written) return;
    written = true;
    // Synchronous within this thread's session: done before the process exits.
    session.post("Profiler.stop", (err, res) => {
      if (!err) fs.writeFileSync(path.join(dir, `${role}-${process.pid}.cpuprofile`), JSON.stringify(res.profile));
    });
  };
  process.on("exit", write);
  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    process.once(signal, () => {
      write();
      process.exit(code);
    });
  }
}
