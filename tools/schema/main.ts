// `make schema`: regenerates schema.json, docs/ and the README's settings table from
// the resource definitions and the settings table (the one source of truth).
import * as fs from "fs";
import * as path from "path";
import { generatedFiles } from "./files";

const root = path.resolve(__dirname, "../../..");
for (const [file, text] of Object.entries(generatedFiles(root))) {
  const target = path.join(root, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (!fs.existsSync(target) || fs.readFileSync(target, "utf8") !== text) {
    fs.writeFileSync(target, text);
    process.stdout.write(`wrote ${file}\n`);
  }
}
