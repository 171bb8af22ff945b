// A tag no other run of this benchmark uses, for the names of its orders: the simulator
// keeps every run's orders, and the look-back of a later run would otherwise meet the
// earlier runs' orders of the same names (their revokes pending) and read each one,
// which a stack ordering for the first time never does.
let runs = 0;

export function runTag(what: string): string {
  runs += 1;
  return `${what}-${process.pid.toString(36)}-${runs}`;
}
