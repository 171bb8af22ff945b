// How check failures are filed for the engine. The engine prints a failure filed under a
// property as "property P value {V} has a problem: R", looking V up among the top-level
// inputs only (pulumi/pulumi pkg/resource/deploy/step_generator.go: `inputs[failure.Property]`):
// for a nested path (`certificate.commonNameIndicator`) or a field not given, it prints
// `value {<nil>}`, which reads as if nil had been given. Those failures are filed under no
// property, their path leading the reason ("... has a problem: certificate.x: is required"),
// which the engine prints as it is. A top-level field that has a value keeps its property.
import type { CheckFailure } from "../runtime/errors";

export function failuresForEngine(failures: readonly CheckFailure[], inputs: Readonly<Record<string, unknown>>): CheckFailure[] {
  return failures.map((f) =>
    f.property === "" || (Object.prototype.hasOwnProperty.call(inputs, f.property) && inputs[f.property] !== undefined && inputs[f.property] !== null)
      ? f
      : { property: "", reason: `${f.property}: ${f.reason}` },
  );
}
