// The stack of a Pulumi YAML program through the real engine, Pulumi YAML's language
// host and the native plugin, against a simulator of its own, for a test file: made
// before its tests and ended after them (the file's EngineFixture is this module's).
import { engineChoice } from "../../../engine/engine-env";
import { EngineFixture, ROOT, type EngineStack, type ProgramSpec, type TestSimulator } from "./fixture";

export interface YamlStackOptions {
  /** The stack's name; also names its scratch folder. */
  name: string;
  /** The one API key the simulator accepts; the stack's provider is configured with it. */
  apiKey: string;
  /** The program (Pulumi.yaml and the files it reads), made in beforeAll. */
  program: () => ProgramSpec | Promise<ProgramSpec>;
}

export interface YamlStack {
  readonly sim: TestSimulator;
  readonly es: EngineStack;
}

/** Registers the file's beforeAll (simulator, plugin, stack) and afterAll (all of it ended); the stack and simulator are there in its tests. */
export function useYamlStack(opts: YamlStackOptions): YamlStack {
  const fx = new EngineFixture();
  let made: YamlStack | undefined;
  beforeAll(async () => {
    // Throws, saying to run `make engine`, when the record has no YAML host.
    engineChoice(ROOT);
    const sim = await fx.simulator({ apiKeys: [opts.apiKey] });
    // The engine finds the plugin through plugins.providers, which the fixture adds to
    // Pulumi.yaml, as a user without it on PATH would (README).
    const plugin = fx.plugin();
    const es = await fx.stack({ name: opts.name, program: await opts.program(), plugin, sim });
    made = { sim, es };
  });
  afterAll(() => fx.close());
  const get = (): YamlStack => {
    if (!made) throw new Error("useYamlStack: the stack is made in beforeAll, so it is there in tests only");
    return made;
  };
  return {
    get sim() {
      return get().sim;
    },
    get es() {
      return get().es;
    },
  };
}
