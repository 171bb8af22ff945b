// What an answer that is not DigiCert's JSON looked like, in one line: a proxy's or a
// website's HTML page is summed up by its status, content type and title, never pasted
// (it may run to kilobytes, and says nothing a user can act on).
import type { Redactor } from "./redact";

function isHtml(contentType: string | undefined, body: string): boolean {
  if (contentType !== undefined && /html/i.test(contentType)) return true;
  return /^\s*<(!doctype\s+html|html|head|body)\b/i.test(body);
}

function titleOf(body: string): string | undefined {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(body);
  if (m === undefined || m === null || m[1] === undefined) return undefined;
  const text = m[1]
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
  if (text === "") return undefined;
  return text.length > 100 ? `${text.slice(0, 100)}...` : text;
}

/** The body as shown in an error: an HTML page by its title, other text cut at 200 characters; undefined when empty. */
export function bodySummary(contentType: string | undefined, body: string, redact: Redactor): string | undefined {
  if (isHtml(contentType, body)) {
    const title = titleOf(body);
    return redact(`an HTML page${title === undefined ? " without a title" : ` titled "${title}"`}`);
  }
  const text = body.replace(/\s+/g, " ").trim();
  if (!text) return undefined;
  return redact(text.length > 200 ? `${text.slice(0, 200)}...` : text);
}

/** `404, text/html, an HTML page titled "Not Found"`: status, content type, body. */
export function answerSummary(status: number, contentType: string | undefined, body: string, redact: Redactor): string {
  const type = contentType === undefined || contentType === "" ? "no content type" : (contentType.split(";")[0] ?? "").trim();
  const what = bodySummary(contentType, body, redact) ?? "an empty body";
  return `${status}, ${type}, ${what}`;
}
