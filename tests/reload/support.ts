import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

/** A witness entry (test content only, in a temp copy of the knowledge): its phrasing is unmistakable. */
export function witness(id = 'temoin-rechargement', body = 'Texte témoin du test de rechargement.'): string {
  return [
    '---',
    `id: ${id}`,
    'title: "Question témoin du rechargement ?"',
    'questions:',
    '  - "Question témoin du rechargement à chaud ?"',
    'sources:',
    '  - doc: circulaire',
    '    label: "Circulaire de diffusion de la charte"',
    'updated: 2026-12-03',
    '---',
    body,
    '',
  ].join('\n');
}

export function writeEntry(dir: string, id: string, text: string): string {
  const path = join(dir, 'faq', `${id}.md`);
  writeFileSync(path, text);
  return path;
}

/** Polls until `check` passes (fs.watch timing varies: never a fixed sleep). */
export async function eventually(check: () => void, timeoutMs = 15_000, stepMs = 25): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, stepMs));
    }
  }
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export { expect };
