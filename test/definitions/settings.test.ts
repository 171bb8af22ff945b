// Each setting is written once, in provider/kit/runtime/settings.ts: the resolver, schema.json's
// config section and the README's table are derived from that table, and the client's
// defaults are the client's own.
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS } from "../../provider/digicert";
import { resolveSettings, resolveTable, SETTINGS, type Setting } from "../../provider/kit/runtime/settings";
import { generateSchema, PACKAGE } from "../../tools/schema/generate";
import { settingsTable } from "../../tools/schema/docs";

const ROOT = path.resolve(__dirname, "../..");
const entries = Object.entries(SETTINGS) as [keyof typeof SETTINGS, Setting<unknown>][];
const SAMPLE = { string: ["https://example.test/services/v2", "https://example.test/services/v2"], boolean: ["true", true], number: ["7", 7] } as const;

it.each(entries)("%s resolves from stack config, else its environment variable, else its default", (name, s) => {
  const [raw, value] = SAMPLE[s.type];
  expect(resolveSettings({ get: (k) => (k === s.config ? raw : undefined) }, {})[name]).toEqual(value);
  expect(resolveSettings(undefined, { [s.env]: raw })[name]).toEqual(value);
  expect(resolveSettings({ get: (k) => (k === s.config ? raw : undefined) }, { [s.env]: "0" })[name]).toEqual(value);
  expect(resolveSettings(undefined, {})[name]).toEqual(s.default);
});

it("takes the client's defaults from the client", () => {
  expect(resolveSettings(undefined, {}).baseUrl).toBe(DEFAULT_BASE_URL);
  const schema = generateSchema("0.0.0");
  expect(schema.config.variables["timeoutSeconds"]!.description).toContain(`Default ${DEFAULT_TIMEOUT_MS / 1000}.`);
});

it("schema.json's config and the README's table have each setting of the table, and nothing else", () => {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8"));
  expect(Object.keys(schema.config.variables)).toEqual(Object.keys(SETTINGS));
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const table = readme.slice(readme.indexOf("<!-- settings:start -->"), readme.indexOf("<!-- settings:end -->"));
  expect(table.split("\n").filter((l) => l.startsWith("| `"))).toHaveLength(entries.length);
  for (const [name, s] of entries) {
    expect(schema.config.variables[name]).toMatchObject({ type: s.type, defaultInfo: { environment: [s.env] } });
    expect(table).toContain(`| \`${s.config}\`${s.secret ? " (secret)" : ""} | \`${s.env}\` |`);
  }
});

it("a setting added to the table alone reaches the resolver, schema.json and the README's table", () => {
  const extra: Setting<number> = {
    config: "digicert:pollSeconds",
    env: "DIGICERT_POLL_SECONDS",
    type: "number",
    secret: false,
    default: 5,
    parse: (raw) => ({ value: Number(raw) }),
    description: "How often create looks at a waiting order.",
  };
  const settings = { ...SETTINGS, pollSeconds: extra };
  expect(resolveTable(settings, { get: (k) => (k === "digicert:pollSeconds" ? "2" : undefined) }, {}).pollSeconds).toBe(2);
  expect(resolveTable(settings, undefined, { DIGICERT_POLL_SECONDS: "3" }).pollSeconds).toBe(3);
  const schema = generateSchema("0.0.0", { ...PACKAGE, settings });
  expect(schema.config.variables["pollSeconds"]).toEqual({
    type: "number",
    description: "How often create looks at a waiting order. Default 5.",
    defaultInfo: { environment: ["DIGICERT_POLL_SECONDS"] },
  });
  expect(schema.provider.inputProperties["pollSeconds"]).toEqual(schema.config.variables["pollSeconds"]);
  expect(settingsTable(settings)).toContain("| `digicert:pollSeconds` | `DIGICERT_POLL_SECONDS` | `5` | How often create looks at a waiting order. |");
});
