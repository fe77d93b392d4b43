import { runCheck } from './check.js';
import { countBySeverity, formatFinding } from './findings.js';
import { DEFAULT_CONFUSION_MARGIN } from './confusable.js';
import { err, out, type KbContext } from './context.js';

/** Days from --stale-days, else KB_STALE_DAYS (validated with the configuration). */
export function staleDaysOf(ctx: KbContext): number | string {
  const flag = ctx.values['stale-days'];
  if (flag === undefined) return ctx.config.KB_STALE_DAYS;
  return /^\d+$/.test(flag) && Number(flag) >= 1 ? Number(flag) : `--stale-days "${flag}": must be a whole number of days, 1 or more`;
}

function marginOf(ctx: KbContext): number | string {
  const flag = ctx.values.margin;
  if (flag === undefined) return DEFAULT_CONFUSION_MARGIN;
  const n = Number(flag);
  return /^\d*\.?\d+$/.test(flag) && n >= 0 && n < 1 ? n : `--margin "${flag}": must be a number from 0 to 1 (e.g. 0.02)`;
}

/** `kb check`: one line per problem (severity, file:line, message, fix); exit 1 on any error. */
export function checkCommand(ctx: KbContext): number {
  const staleDays = staleDaysOf(ctx);
  const margin = marginOf(ctx);
  for (const bad of [staleDays, margin]) if (typeof bad === 'string') {
    err(ctx, bad);
    return 2;
  }
  const result = runCheck({ dir: ctx.dir, directoryFile: ctx.directoryFile, staleDays: staleDays as number, margin: margin as number, today: ctx.today });
  const counts = countBySeverity(result.findings);
  if (ctx.values.json) {
    out(ctx, JSON.stringify({ ok: counts.error === 0, dir: ctx.dir, ...counts, findings: result.findings }, null, 2));
    return counts.error ? 1 : 0;
  }
  const lines = result.findings.map(formatFinding);
  const tally = `${counts.error} error(s), ${counts.warning} warning(s), ${counts.note} note(s)`;
  if (counts.error || !result.snapshot) {
    err(ctx, `${lines.join('\n')}\n\n${tally} in ${ctx.dir}: the bot refuses this knowledge until the errors are fixed`);
    return 1;
  }
  const s = result.snapshot;
  const d = s.directory;
  if (lines.length) out(ctx, lines.join('\n'));
  out(
    ctx,
    `${lines.length ? '\n' : ''}Knowledge OK: ${s.entries.length} FAQ entries, ${s.concepts.length} concepts, ${s.policy.catalogue.tools.length} tools, ${s.topics.length} out-of-scope topics, ` +
      `${d.ambassadors.length} ambassadors in ${d.allScopes().length} scopes (${ctx.dir}); ${tally}`,
  );
  return 0;
}
