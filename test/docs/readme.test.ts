// The README is for users and stays short as the docs grow: at most 12 KB. It and the
// contributors' entry point link into docs/; a page that moves must not leave them
// pointing at nothing.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BEGIN, END } from "../../bench/docs-page";
import { brokenLinks, relativeLinks } from "./links";

const ROOT = path.resolve(__dirname, "../..");
const README_LIMIT_BYTES = 12 * 1024;

it(`README.md is at most ${README_LIMIT_BYTES} bytes`, () => {
  expect(fs.statSync(path.join(ROOT, "README.md")).size).toBeLessThanOrEqual(README_LIMIT_BYTES);
});

it.each(["README.md", "CONTRIBUTING.md"])("every relative link in %s resolves to a file of the repository", (file) => {
  expect(relativeLinks(fs.readFileSync(path.join(ROOT, file), "utf8")).length).toBeGreaterThan(0);
  expect(brokenLinks(ROOT, file)).toEqual([]);
});

// The pages they lead to link on (to each other, to the simulator's README...).
const DOCS_PAGES = (fs.readdirSync(path.join(ROOT, "docs"), { recursive: true }) as string[])
  .filter((f) => f.endsWith(".md"))
  .map((f) => path.join("docs", f))
  .sort();

it.each(DOCS_PAGES)("every relative link in %s resolves to a file of the repository", (file) => {
  expect(brokenLinks(ROOT, file)).toEqual([]);
});

it("the README keeps the markers of its generated settings table", () => {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf("<!-- settings:start -->");
  expect(start).toBeGreaterThanOrEqual(0);
  expect(readme.indexOf("<!-- settings:end -->")).toBeGreaterThan(start);
});

it("docs/benchmarks.md holds the markers `make bench` writes between", () => {
  const page = fs.readFileSync(path.join(ROOT, "docs", "benchmarks.md"), "utf8");
  expect(page.indexOf(BEGIN)).toBeGreaterThanOrEqual(0);
  expect(page.indexOf(END)).toBeGreaterThan(page.indexOf(BEGIN));
});

describe("the link check itself", () => {
  const markdown = [
    "[kept](docs/here.md) [anchor](docs/here.md#part) ![image](img.png)",
    "[url](https://example.com) [mail](mailto:a@example.com) [in page](#limits)",
    "`[code](inline.md)`",
    "```",
    "[fenced](fenced.md)",
    "```",
    "[ref]: other.md",
  ].join("\n");

  it("finds inline, image and reference links, and nothing in code, URLs or in-page anchors", () => {
    expect(relativeLinks(markdown)).toEqual(["docs/here.md", "docs/here.md#part", "img.png", "other.md"]);
  });

  it("reports links to missing files, outside the repository or into build output", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "digicert-links-"));
    try {
      fs.mkdirSync(path.join(root, "docs"));
      fs.mkdirSync(path.join(root, "bin"));
      fs.writeFileSync(path.join(root, "docs", "here.md"), "# here\n");
      fs.writeFileSync(path.join(root, "bin", "index.js"), "");
      fs.writeFileSync(path.join(root, "README.md"), `${markdown}\n[up](../outside.md) [built](bin/index.js) [folder](docs/)\n`);
      expect(brokenLinks(root, "README.md").sort()).toEqual(["../outside.md", "bin/index.js", "img.png", "other.md"]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
