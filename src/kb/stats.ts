import { runCheck } from './check.js';
import { staleDaysOf } from './check-command.js';
import { countBySeverity } from './findings.js';
import { err, out, type KbContext } from './context.js';

/** `kb stats`: the size and health of the knowledge in figures. */
export function statsCommand(ctx: KbContext): number {
  const staleDays = staleDaysOf(ctx);
  if (typeof staleDays === 'string') {
    err(ctx, staleDays);
    return 2;
  }
  const { findings, snapshot, entries } = runCheck({ dir: ctx.dir, directoryFile: ctx.directoryFile, staleDays, today: ctx.today });
  const counts = countBySeverity(findings);
  const of = (check: string) => new Set(findings.filter((f) => f.check === check).map((f) => f.file)).size;
  const phrasings = entries.reduce((n, e) => n + e.questions.length, 0);
  const stats: Record<string, number | string> = {
    entries: entries.length,
    phrasings,
    'phrasings per entry': entries.length ? (phrasings / entries.length).toFixed(1) : 0,
    sources: entries.reduce((n, e) => n + e.sources.length, 0),
    concepts: snapshot?.concepts.length ?? '?',
    'entries without concepts': entries.filter((e) => !(e.concepts ?? []).length).length,
    'entries without related': entries.filter((e) => !e.related.length).length,
    [`stale entries (> ${staleDays} days)`]: of('stale'),
    'confusable phrasings': findings.filter((f) => f.check === 'confusable').length,
    'entries with a confusable phrasing': of('confusable'),
    tools: snapshot?.policy.catalogue.tools.length ?? '?',
    'data lexicon entries': snapshot?.policy.lexicon.entries.length ?? '?',
    'out-of-scope topics': snapshot?.topics.length ?? '?',
    ambassadors: snapshot?.directory.ambassadors.length ?? '?',
    'available ambassadors': snapshot?.directory.ambassadors.filter((a) => a.available).length ?? '?',
    scopes: snapshot?.directory.allScopes().length ?? '?',
    errors: counts.error,
    warnings: counts.warning,
  };
  if (ctx.values.json) {
    out(ctx, JSON.stringify(stats, null, 2));
    return 0;
  }
  const width = Math.max(...Object.keys(stats).map((k) => k.length));
  out(ctx, Object.entries(stats).map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n'));
  if (!snapshot) err(ctx, `\nthe knowledge has ${counts.error} error(s): "?" figures need it to load (run "charte-ia kb check")`);
  return 0;
}
