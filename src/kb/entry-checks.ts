import type { KbEntry } from '../knowledge/types.js';
import { finding, type Finding } from './findings.js';
import { lineIn, type SplitEntry } from './front-matter.js';

export const DEFAULT_STALE_DAYS = 365;
/** README: "up to three follow-up suggestions". */
const MAX_RELATED = 3;
const DAY = 86_400_000;

export type LinesOf = (entry: KbEntry) => SplitEntry | undefined;

/** Entries whose `updated:` date is older than `staleDays` (or in the future): warnings. */
export function staleEntries(entries: readonly KbEntry[], staleDays: number, today: Date, linesOf: LinesOf): Finding[] {
  const out: Finding[] = [];
  const now = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  for (const e of entries) {
    const when = Date.parse(`${e.updated}T00:00:00Z`);
    const line = lineIn(linesOf(e), ['updated']);
    if (Number.isNaN(when)) {
      out.push(finding('error', 'updated', { file: e.file, line, field: 'updated', message: `"${e.updated}" is not a real date`, fix: 'write the date of the last review as YYYY-MM-DD' }));
      continue;
    }
    const age = Math.floor((now - when) / DAY);
    if (age < 0) {
      out.push(finding('warning', 'updated', { file: e.file, line, field: 'updated', message: `updated ${e.updated} is in the future`, fix: 'write the date of the last review, not a planned one' }));
    } else if (age > staleDays) {
      out.push(
        finding('warning', 'stale', {
          file: e.file,
          line,
          field: 'updated',
          message: `not reviewed for ${age} days (updated ${e.updated}; the limit is ${staleDays} days)`,
          fix: 'check the answer against the current circular, then set updated: to today',
        }),
      );
    }
  }
  return out;
}

/** Sources that do not say where in the document the answer comes from, or cited twice. */
export function sourceProblems(entries: readonly KbEntry[], linesOf: LinesOf): Finding[] {
  const out: Finding[] = [];
  for (const e of entries) {
    const seen = new Set<string>();
    e.sources.forEach((s, i) => {
      const line = lineIn(linesOf(e), ['sources', i]);
      if (!s.section) {
        out.push(finding('warning', 'sources', { file: e.file, line, field: `sources.${i}`, message: `source "${s.label}" does not say which part of "${s.doc}" it comes from`, fix: 'add section: with the paragraph or article, e.g. section: "§ 2"' }));
      }
      const key = `${s.doc}|${s.section ?? ''}`;
      if (seen.has(key)) out.push(finding('warning', 'sources', { file: e.file, line, field: `sources.${i}`, message: `source ${s.doc} ${s.section ?? ''} is listed twice`.replace(/\s+/g, ' '), fix: 'remove the repeated source' }));
      seen.add(key);
    });
  }
  return out;
}

/** Follow-up suggestions: more than the bot shows, or repeated. (Unknown ids are errors of the loader.) */
export function relatedProblems(entries: readonly KbEntry[], linesOf: LinesOf): Finding[] {
  const out: Finding[] = [];
  for (const e of entries) {
    const line = lineIn(linesOf(e), ['related']);
    if (e.related.length > MAX_RELATED) {
      out.push(finding('note', 'related', { file: e.file, line, field: 'related', message: `${e.related.length} related entries; the bot suggests at most ${MAX_RELATED}`, fix: 'keep the three most useful follow-ups' }));
    }
    const dup = e.related.filter((r, i) => e.related.indexOf(r) !== i);
    if (dup.length) out.push(finding('warning', 'related', { file: e.file, line, field: 'related', message: `related entry "${dup[0]}" is listed twice`, fix: 'list each follow-up once' }));
  }
  return out;
}
