// The API key in logs at the engine's highest verbosity, in state, in the serialized
// provider and in errors; and plain http:// refused through the engine before a key
// could be sent.
import { checkEngineOutput, engineVersionNote } from "../../../engine/engine-env";
import { publish, type Row } from "../../support/figures";
import { EngineFixture, type EngineStack, type OpRecord, type TestSimulator } from "../support/fixture";
import { leaks, stateLeaks } from "../support/key-leaks";
import { RELIABILITY_PROGRAM } from "../support/reliability-program";

jest.setTimeout(10 * 60_000);

// Where the engine itself prints a secret at -v=9: marshaling the stack's config for the
// default pulumi-nodejs provider's Configure RPC, the secret's plaintext inside its
// wrapper (pulumi/pulumi sdk/go/common/resource/plugin/rpc.go logs every property it marshals).
// That line's format is the engine's own, as of this version; on another, the checks
// that count it say which two versions when they fail.
const ENGINE_CONFIGURE_LINE = /Marshaling property for RPC\[Provider\[0x[0-9a-f]+\]\.Configure\(\)\.inputs\]: value=\{$/;
const CONFIGURE_LINE_OF = "v3.259.0";
const CONFIGURE_LINE_CHECK = "Counting the engine's Configure marshaling log lines at -v=9";

const rows: Row[] = [];
const fx = new EngineFixture();
let sim: TestSimulator;

beforeAll(async () => {
  const note = engineVersionNote(CONFIGURE_LINE_OF, CONFIGURE_LINE_CHECK);
  if (note) console.warn(note);
  sim = await fx.simulator({ apiKeys: ["sim-key-unused", "key-in-config-5f0c2a9e", "key-in-env-81d3b7c4"] });
});
afterAll(async () => {
  await fx.close();
  if (rows.length > 0) publish("secrets", "The API key at -v=9: where it appeared", rows);
});

async function smallStack(label: string, key: string, via: "config" | "env"): Promise<EngineStack> {
  return fx.stack({
    name: label,
    program: RELIABILITY_PROGRAM,
    config: {
      "digicert:baseUrl": { value: sim.baseUrl },
      ...(via === "config" ? { "digicert:apiKey": { value: key, secret: true } } : {}),
      "digicert:waitForIssuanceSeconds": { value: "1" },
      orders: { value: "3" },
      reissueEvery: { value: "3" },
      tag: { value: `V9${via}` },
    },
    env: via === "env" ? { DIGICERT_API_KEY: key } : {},
  });
}

/** up, refresh and destroy at -v=9 --logtostderr, everything they printed kept. */
async function verboseRuns(es: EngineStack, key: string): Promise<{ ops: OpRecord[]; stateProblems: string[]; providers: string[] }> {
  const ops: OpRecord[] = [];
  ops.push(await es.run("up", { verbose: true }));
  const stateProblems = await stateLeaks(es, key);
  const providers = (await es.resources()).flatMap((r) => {
    const p = r.inputs?.["__provider"];
    return typeof p === "string" ? [p] : [];
  });
  ops.push(await es.run("refresh", { verbose: true }));
  ops.push(await es.run("destroy", { verbose: true }));
  return { ops, stateProblems, providers };
}

/** Distinct log lines showing the key in the engine's Configure marshaling, and anything else showing it. */
function occurrences(ops: OpRecord[], key: string): { engineConfigure: number; elsewhere: string[] } {
  const engineConfigure = new Set<string>();
  const elsewhere: string[] = [];
  for (const op of ops) {
    for (const l of leaks(op.text, key)) {
      const before = l.slice(0, l.indexOf(key));
      // Output is captured as it streams and again at the end: the same line (same timestamp) counts once.
      const time = /"time":"([^"]+)"[^\n]*$/.exec(before)?.[1] ?? before;
      if (ENGINE_CONFIGURE_LINE.test(before)) engineConfigure.add(`${op.kind} ${time}`);
      else elsewhere.push(`${op.kind}: ...${l}...`);
    }
  }
  return { engineConfigure: engineConfigure.size, elsewhere };
}

describe("-v=9 --logtostderr, up, refresh and destroy through the real engine", () => {
  test("key in stack config (secret): only the engine's own Configure marshaling log shows it; our code, state and the serialized provider never", async () => {
    const key = "key-in-config-5f0c2a9e";
    const es = await smallStack("v9-config", key, "config");
    const { ops, stateProblems, providers } = await verboseRuns(es, key);
    for (const op of ops) expect({ op: op.kind, ok: op.ok, error: op.error }).toEqual({ op: op.kind, ok: true, error: undefined });
    expect(ops.map((o) => o.text.length).every((n) => n > 100_000)).toBe(true); // really verbose
    const found = occurrences(ops, key);
    checkEngineOutput(CONFIGURE_LINE_OF, CONFIGURE_LINE_CHECK, () => {
      expect(found.elsewhere).toEqual([]);
      expect(found.engineConfigure).toBeGreaterThan(0);
    });
    expect(stateProblems).toEqual([]);
    expect(providers.length).toBe(7);
    for (const p of providers) expect(leaks(p, key)).toEqual([]);
    rows.push({ "key supplied as": "`digicert:apiKey` (secret config)", "log lines showing it": found.engineConfigure, where: "engine only: `Marshaling property for RPC[Provider[...].Configure().inputs]: value={...}`", "state / serialized provider / errors": "never" });
  });

  test("key in DIGICERT_API_KEY: it appears nowhere at all", async () => {
    const key = "key-in-env-81d3b7c4";
    const es = await smallStack("v9-env", key, "env");
    const { ops, stateProblems, providers } = await verboseRuns(es, key);
    for (const op of ops) expect({ op: op.kind, ok: op.ok, error: op.error }).toEqual({ op: op.kind, ok: true, error: undefined });
    const found = occurrences(ops, key);
    expect(found).toEqual({ engineConfigure: 0, elsewhere: [] });
    expect(stateProblems).toEqual([]);
    for (const p of providers) expect(leaks(p, key)).toEqual([]);
    rows.push({ "key supplied as": "`DIGICERT_API_KEY`", "log lines showing it": 0, where: "nowhere", "state / serialized provider / errors": "never" });
  });
});

describe("plain http:// is refused unless allowed (the check itself: test/reliability/insecure-http.test.ts)", () => {
  test("through the engine: up fails on every resource with the setting named, and no key in any output", async () => {
    const key = "key-in-config-5f0c2a9e";
    const es = await fx.stack({
      name: "http",
      program: RELIABILITY_PROGRAM,
      config: {
        "digicert:baseUrl": { value: "http://www.digicert.com/services/v2" },
        "digicert:apiKey": { value: key, secret: true },
        orders: { value: "2" },
        tag: { value: "Http" },
      },
    });
    const up = await es.run("up");
    expect(up.ok).toBe(false);
    expect(up.failed.length).toBe(2);
    for (const f of up.failed) expect(f.message).toMatch(/set digicert:allowInsecureHttp \(or DIGICERT_ALLOW_INSECURE_HTTP\) to true/);
    expect(leaks(up.text, key)).toEqual([]);
  });
});
