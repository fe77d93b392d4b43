import { err, out, type KbContext } from './context.js';
import { nearIds, readConcepts, readEntries } from './entries.js';

/** `kb show ID`: the entry as the bot sees it, with concept labels and related titles. */
export function showCommand(ctx: KbContext): number {
  const id = ctx.args[0];
  if (!id) {
    err(ctx, 'kb show: give the id of an entry, e.g. "charte-ia kb show mirai-portail" ("charte-ia kb list" prints them)');
    return 2;
  }
  const entries = readEntries(ctx);
  const entry = entries.find((e) => e.id === id);
  if (!entry) {
    const near = nearIds(id, entries.map((e) => e.id));
    err(ctx, `kb show: no entry "${id}" in ${ctx.dir}.${near.length ? ` Did you mean: ${near.join(', ')}?` : ' Run "charte-ia kb list" to see the ids.'}`);
    return 1;
  }
  if (ctx.values.json) {
    out(ctx, JSON.stringify(entry, null, 2));
    return 0;
  }
  const concepts = new Map(readConcepts(ctx.dir).map((c) => [c.id, c.label]));
  const titles = new Map(entries.map((e) => [e.id, e.title]));
  const lines = [
    `${entry.title}`,
    `id: ${entry.id}   file: ${entry.file}   updated: ${entry.updated}`,
    '',
    `Phrasings (${entry.questions.length}):`,
    ...entry.questions.map((q) => `  - ${q}`),
    '',
    `Concepts: ${(entry.concepts ?? []).map((c) => `${c}${concepts.has(c) ? ` (${concepts.get(c)})` : ' (not in concepts.yaml!)'}`).join(', ') || '(none)'}`,
    `Tags: ${entry.tags.join(', ') || '(none)'}`,
    'Sources:',
    ...entry.sources.map((s) => `  - ${s.label} [${s.doc}${s.section ? `, ${s.section}` : ''}]`),
    'Related:',
    ...(entry.related.length ? entry.related.map((r) => `  - ${r}: ${titles.get(r) ?? '(unknown entry!)'}`) : ['  (none)']),
    '',
    'Answer:',
    entry.body,
  ];
  out(ctx, lines.join('\n'));
  return 0;
}
