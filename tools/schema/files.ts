// Every file `make schema` owns, with its generated content: written by the tool,
// compared byte for byte by the test, so a stale file fails the build.
import * as fs from "fs";
import * as path from "path";
import { packageVersion } from "../../provider/digicert/version";
import { generateSchema } from "./generate";
import { docsPages, withLifecycleSection, type PackageSchema } from "./docs";

export function generatedFiles(root: string): Record<string, string> {
  const schema = generateSchema(packageVersion());
  const files: Record<string, string> = { "schema.json": JSON.stringify(schema, null, 2) + "\n" };
  for (const [name, text] of Object.entries(docsPages(schema as unknown as PackageSchema))) files[path.join("docs", name)] = text;
  files["README.md"] = withLifecycleSection(fs.readFileSync(path.join(root, "README.md"), "utf8"));
  return files;
}
