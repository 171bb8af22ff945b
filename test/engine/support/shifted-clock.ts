// The engine's Node.js processes (the program, the dynamic-provider host) with their
// clock started at a given date, through shifted-date.cjs beside this file: the day the
// provider decides renewals on, pinned as jest's fake timers pin the simulator's.
import * as path from "path";

/** The environment that starts the engine's Node.js processes' clock at `iso`. */
export function shiftedClock(iso: string): Record<string, string> {
  const preload = `--require ${path.join(__dirname, "shifted-date.cjs")}`;
  return { NODE_OPTIONS: [process.env["NODE_OPTIONS"], preload].filter(Boolean).join(" "), SHIFTED_NOW: iso };
}
