import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readKnowledgeBase } from '../knowledge/loader.js';
import { loadConcepts, type Concept } from '../knowledge/concepts.js';
import { KNOWLEDGE_FILES } from '../knowledge/snapshot.js';
import type { KbEntry } from '../knowledge/types.js';
import { err, type KbContext } from './context.js';
import { scanKnowledgeFiles } from './encoding.js';

/** The FAQ entries that can be read, for the read-only commands; warns when some cannot. */
export function readEntries(ctx: KbContext): KbEntry[] {
  const { entries, problems } = readKnowledgeBase(ctx.dir);
  const unreadable = scanKnowledgeFiles(ctx.dir).filter((i) => i.file.startsWith('faq'));
  const count = problems.length + unreadable.length;
  if (count) err(ctx, `note: ${count} problem(s) in ${ctx.dir} (some entries may be missing or garbled below): run "charte-ia kb check"`);
  return entries;
}

export function readConcepts(dir: string): Concept[] {
  const file = join(dir, KNOWLEDGE_FILES.concepts);
  return existsSync(file) ? loadConcepts(file, KNOWLEDGE_FILES.concepts).concepts : [];
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** Up to `max` ids close to `wanted`: small edit distance, or sharing a word of it. */
export function nearIds(wanted: string, ids: readonly string[], max = 5): string[] {
  const words = wanted.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length >= 3);
  return ids
    .map((id) => {
      const d = editDistance(wanted.toLowerCase(), id);
      const shared = words.filter((w) => id.split('-').some((p) => p.length >= 3 && (p.startsWith(w) || w.startsWith(p)))).length;
      return { id, rank: d <= Math.max(2, Math.floor(wanted.length / 4)) ? d : shared ? 100 - shared : Infinity };
    })
    .filter((x) => x.rank !== Infinity)
    .sort((a, b) => a.rank - b.rank || a.id.localeCompare(b.id))
    .slice(0, max)
    .map((x) => x.id);
}
