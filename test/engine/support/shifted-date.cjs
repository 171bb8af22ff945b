// Preloaded (NODE_OPTIONS="--require <this file>") into the Node.js processes the engine
// starts for a test: the program and the dynamic-provider host. When SHIFTED_NOW holds a
// date, their clock reads that date when the process starts and runs on from there, so
// that a test can pin the day the provider decides renewals on, as jest's fake timers pin
// the day of the simulator running in the test's own process. Without SHIFTED_NOW,
// nothing changes. Only the clock's origin moves: durations and timers stay real.
"use strict";

const target = Date.parse(process.env.SHIFTED_NOW ?? "");
if (!Number.isNaN(target)) {
  const RealDate = Date;
  const offset = target - RealDate.now();
  const now = () => RealDate.now() + offset;
  // A function rather than a class: `Date()` called without `new` must still answer a string.
  function ShiftedDate(...args) {
    if (!new.target) return new RealDate(now()).toString();
    return args.length === 0 ? new RealDate(now()) : new RealDate(...args);
  }
  ShiftedDate.prototype = RealDate.prototype;
  ShiftedDate.now = now;
  ShiftedDate.parse = RealDate.parse;
  ShiftedDate.UTC = RealDate.UTC;
  globalThis.Date = ShiftedDate;
}
