// Relative links in Markdown, as GitHub and npm render them: inline `[text](target)`,
// images, and reference definitions `[label]: target`. Code (fenced blocks and inline
// spans) is skipped: a `[x](y)` there is text, not a link.
import * as fs from "fs";
import * as path from "path";

function withoutCode(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "").replace(/`[^`\n]*`/g, "");
}

/** Every link target that is neither a URL (`scheme:`), nor protocol-relative, nor an anchor in the page. */
export function relativeLinks(markdown: string): string[] {
  const text = withoutCode(markdown);
  const targets = [
    ...[...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1] ?? ""),
    ...[...text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)].map((m) => m[1] ?? ""),
  ];
  return targets.filter((t) => t !== "" && !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith("//") && !t.startsWith("#"));
}

// Folders that exist in a checkout but not in the repository.
const NOT_IN_REPOSITORY = ["bin", "node_modules", ".tools", ".state", ".git"];

/** The links of `file` (relative to `root`) that do not lead to a file or folder of the repository. */
export function brokenLinks(root: string, file: string): string[] {
  const markdown = fs.readFileSync(path.join(root, file), "utf8");
  return relativeLinks(markdown).filter((link) => {
    const target = decodeURIComponent(link.split("#")[0] ?? "");
    const resolved = path.resolve(path.dirname(path.join(root, file)), target);
    const inside = path.relative(root, resolved);
    if (inside.startsWith("..") || path.isAbsolute(inside)) return true;
    if (NOT_IN_REPOSITORY.includes(inside.split(path.sep)[0] ?? "")) return true;
    return !fs.existsSync(resolved);
  });
}
