// Every file `make schema` owns, with its generated content: written by the tool,
// compared byte for byte by the test, so a stale file fails the build.
import * as fs from "fs";
import * as path from "path";
import { packageVersion } from "../../provider/digicert/version";
import { generateSchema, PACKAGE } from "./generate";
import { docsPages, withSettingsSection } from "./docs";

export function generatedFiles(root: string): Record<string, string> {
  const schema = generateSchema(packageVersion());
  const files: Record<string, string> = { "schema.json": JSON.stringify(schema, null, 2) + "\n" };
  for (const [name, text] of Object.entries(docsPages(schema))) files[path.join("docs", name)] = text;
  files["README.md"] = withSettingsSection(fs.readFileSync(path.join(root, "README.md"), "utf8"), PACKAGE.settings);
  return files;
}
