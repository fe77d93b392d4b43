import { out, type KbContext } from './context.js';
import { readEntries } from './entries.js';

/** `kb list [--tag T] [--concept C]`: one line per entry (id, title, updated, phrasings, sources). */
export function listCommand(ctx: KbContext): number {
  const tags = ctx.values.tag ?? [];
  const concepts = ctx.values.concept ?? [];
  const entries = readEntries(ctx).filter(
    (e) => tags.every((t) => e.tags.includes(t)) && concepts.every((c) => (e.concepts ?? []).includes(c)),
  );
  if (ctx.values.json) {
    out(ctx, JSON.stringify(entries.map((e) => ({ id: e.id, title: e.title, updated: e.updated, phrasings: e.questions.length, sources: e.sources.length, tags: e.tags, concepts: e.concepts ?? [] })), null, 2));
    return 0;
  }
  if (!entries.length) {
    out(ctx, tags.length || concepts.length ? 'No entry matches these filters.' : 'No FAQ entry.');
    return 0;
  }
  const width = Math.max(...entries.map((e) => e.id.length), 2);
  const rows = entries.map((e) => `${e.id.padEnd(width)}  ${e.updated}  ${String(e.questions.length).padStart(9)}  ${String(e.sources.length).padStart(7)}  ${e.title}`);
  out(ctx, [`${'id'.padEnd(width)}  updated     phrasings  sources  title`, ...rows, `\n${entries.length} entr${entries.length > 1 ? 'ies' : 'y'}`].join('\n'));
  return 0;
}
