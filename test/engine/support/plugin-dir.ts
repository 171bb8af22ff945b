// A folder holding `pulumi-resource-digicert`, as `plugins.providers` in Pulumi.yaml
// names it: a launcher of the built plugin that records each process it starts, so the
// test can end any the engine left behind, by id.
import * as fs from "fs";
import * as path from "path";

export class PluginDir {
  private readonly pidFile: string;

  constructor(
    readonly dir: string,
    private readonly mainJs: string,
  ) {
    this.pidFile = path.join(dir, "pids");
    const launcher = path.join(dir, "pulumi-resource-digicert");
    fs.writeFileSync(launcher, `#!/bin/sh\necho $$ >> '${this.pidFile}'\nexec node '${mainJs}' "$@"\n`, { mode: 0o755 });
  }

  /** The plugin processes started so far. */
  pids(): number[] {
    if (!fs.existsSync(this.pidFile)) return [];
    return fs.readFileSync(this.pidFile, "utf8").split("\n").filter(Boolean).map(Number);
  }

  /** Ends the recorded processes still running this plugin (checked by their command line, so a reused id is left alone). */
  killLeftovers(): number {
    let killed = 0;
    for (const pid of this.pids()) {
      let cmdline = "";
      try {
        cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
      } catch {
        continue; // gone
      }
      if (!cmdline.includes(this.mainJs)) continue;
      try {
        process.kill(pid, "SIGTERM");
        killed++;
      } catch {
        // ended meanwhile
      }
    }
    return killed;
  }
}
