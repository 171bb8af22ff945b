// Refinements for text that ends up on a certificate or in DigiCert's records: names
// take no control characters (a line break in a common name would be ordered and paid
// for as is), free-text comments take line breaks and nothing else of the kind, and an
// email list names each address once.
import { UNKNOWN } from "./check";

interface IssueSink {
  addIssue(issue: { code: "custom"; message: string; path?: PropertyKey[] }): void;
}

/**
 * C0 and C1 controls, DEL, the Unicode line and paragraph separators, and every format
 * character (\p{Cf}: zero-width spaces and joiners, bidirectional marks, overrides and
 * isolates, the BOM, word joiners): invisible, so a name holding one looks like another.
 */
const NAME_FORBIDDEN = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
/** The same, less the line breaks a comment may hold (LF, CR). */
const TEXT_FORBIDDEN = /(?![\n\r])[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

const NAMES: Record<number, string> = {
  0x00: "NUL",
  0x09: "a tab",
  0x0a: "a line break (LF)",
  0x0b: "a vertical tab",
  0x0c: "a form feed",
  0x0d: "a carriage return (CR)",
  0x1b: "ESC",
  0x7f: "DEL",
  0x2028: "a line separator",
  0x2029: "a paragraph separator",
};

function describeFormat(cp: number): string {
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x200e || cp === 0x200f || cp === 0x061c) return "a bidirectional control";
  if (cp === 0xfeff) return "a byte order mark (zero-width no-break space)";
  if (cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0x2060) return "an invisible zero-width character";
  return cp < 0xa0 ? "a control character" : "an invisible format character";
}

/** "U+000A, a line break (LF), at character 2": which character, and where (1-based). */
function describeAt(s: string, index: number): string {
  const cp = s.codePointAt(index)!;
  const name = NAMES[cp] ?? describeFormat(cp);
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}, ${name}, at character ${[...s.slice(0, index)].length + 1}`;
}

/** For `.superRefine` on a name (common name, organization unit, DNS name). */
export function refuseControlCharacters(s: string, ctx: IssueSink): void {
  const m = NAME_FORBIDDEN.exec(s);
  if (m) ctx.addIssue({ code: "custom", message: `must not contain control characters or line breaks (nor invisible format characters); found ${describeAt(s, m.index)}` });
}

/** For `.superRefine` on free text (comments): line breaks are allowed, other control characters are not. */
export function refuseControlCharactersButLineBreaks(s: string, ctx: IssueSink): void {
  const m = TEXT_FORBIDDEN.exec(s);
  if (m) ctx.addIssue({ code: "custom", message: `may hold line breaks but no other control characters; found ${describeAt(s, m.index)}` });
}

/** For `.superRefine` on an email list: each address once, compared without regard to case (as mail systems do). */
export function refuseDuplicateEmails(emails: readonly string[], ctx: IssueSink): void {
  const first = new Map<string, number>();
  emails.forEach((e, i) => {
    // Values unknown at preview all look alike; they are checked once known.
    if (e === UNKNOWN) return;
    const key = e.toLowerCase();
    const seen = first.get(key);
    if (seen === undefined) {
      first.set(key, i);
      return;
    }
    const earlier = emails[seen]!;
    const how = earlier === e ? JSON.stringify(e) : `${JSON.stringify(e)} and ${JSON.stringify(earlier)} differ only in case`;
    ctx.addIssue({ code: "custom", path: [i], message: `duplicates the email address at [${seen}] (${how}): list each address once` });
  });
}
