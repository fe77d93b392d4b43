import type { CharterRetriever } from '../knowledge/retriever.js';
import type { KbEntry } from '../knowledge/types.js';
import { finding, type Finding } from './findings.js';
import { lineIn } from './front-matter.js';
import type { LinesOf } from './entry-checks.js';

/**
 * Relative score gap ((top − next) / top) under which an entry's own phrasing is a near tie
 * between two entries: which one the bot answers then depends on a detail of wording.
 */
export const DEFAULT_CONFUSION_MARGIN = 0.02;

export interface Confusion {
  entry: KbEntry;
  phrasing: number;
  /** The entry the bot answers (wrong) or the runner-up (tie). */
  other: KbEntry;
  kind: 'wrong' | 'tie' | 'nothing';
  margin: number;
}

/**
 * Runs every entry's own phrasings through the real retriever: a phrasing whose best hit is
 * another entry is answered wrongly; one that wins by less than `margin` is a near tie.
 */
export function findConfusions(retriever: CharterRetriever, entries: readonly KbEntry[], margin = DEFAULT_CONFUSION_MARGIN): Confusion[] {
  const out: Confusion[] = [];
  for (const entry of entries) {
    entry.questions.forEach((q, phrasing) => {
      const hits = retriever.search(q, 2);
      const [top, next] = hits;
      if (!top) {
        out.push({ entry, phrasing, other: entry, kind: 'nothing', margin: 0 });
        return;
      }
      if (top.entry.id !== entry.id) {
        out.push({ entry, phrasing, other: top.entry, kind: 'wrong', margin: top.score > 0 ? (top.score - (hits.find((h) => h.entry.id === entry.id)?.score ?? 0)) / top.score : 0 });
        return;
      }
      const gap = next && top.score > 0 ? (top.score - next.score) / top.score : 1;
      if (next && gap < margin) out.push({ entry, phrasing, other: next.entry, kind: 'tie', margin: gap });
    });
  }
  return out;
}

export function confusionFindings(confusions: readonly Confusion[], linesOf: LinesOf): Finding[] {
  return confusions.map((c) => {
    const q = c.entry.questions[c.phrasing]!;
    const where = { file: c.entry.file, line: lineIn(linesOf(c.entry), ['questions', c.phrasing]), field: `questions.${c.phrasing}` };
    if (c.kind === 'nothing') {
      return finding('warning', 'confusable', { ...where, message: `phrasing « ${q} » finds no entry at all (its words are all grammar words or unknown)`, fix: 'reword it with the words agents use, or add them to synonyms.yaml / concepts.yaml' });
    }
    const message =
      c.kind === 'wrong'
        ? `phrasing « ${q} » of "${c.entry.id}" is answered by "${c.other.id}" (${c.other.file})`
        : `phrasing « ${q} » of "${c.entry.id}" is a near tie with "${c.other.id}" (${c.other.file}; gap ${(c.margin * 100).toFixed(1)} %)`;
    return finding('warning', 'confusable', {
      ...where,
      message,
      fix: `make the two entries distinct: reword the phrasing with what only "${c.entry.id}" answers, move it to "${c.other.id}" if that entry answers it, or merge the entries`,
    });
  });
}
