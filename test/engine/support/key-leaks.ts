// The API key must appear nowhere the user or a log collector can see: engine output
// at any verbosity, diagnostics, errors, state (plain export) and the serialized provider.
import type { EngineStack } from "./stack";

/** The key and the encodings it could leak in. */
export function keyForms(key: string): string[] {
  return [key, Buffer.from(key).toString("base64"), Buffer.from(key).toString("hex"), encodeURIComponent(key)];
}

/** Each place in `text` the key shows, with some context; empty when nowhere. */
export function leaks(text: string, key: string): string[] {
  const found: string[] = [];
  for (const form of keyForms(key)) {
    let at = text.indexOf(form);
    while (at >= 0) {
      found.push(text.slice(Math.max(0, at - 160), at + form.length + 40));
      at = text.indexOf(form, at + 1);
    }
  }
  return found;
}

/**
 * What a user runs, `pulumi stack export`, must hold no trace of the key. Decrypted,
 * the key is only where the engine itself keeps the stack's config (the default
 * pulumi-nodejs provider, encrypted in state), never in a digicert resource or in the
 * serialized provider (`__provider`).
 */
export async function stateLeaks(es: EngineStack, key: string): Promise<string[]> {
  const plain = await es.exportText();
  const problems = leaks(plain, key).map((l) => `pulumi stack export: ...${l}...`);
  for (const r of await es.resources()) {
    if (r.type.startsWith("pulumi:providers:pulumi-nodejs")) continue;
    for (const l of leaks(JSON.stringify([r.inputs, r.outputs]), key)) problems.push(`${r.urn} (decrypted): ...${l}...`);
  }
  return problems;
}
