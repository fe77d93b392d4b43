import type { UsageDayCount } from '../store/escalation-types.js';
import type { ReportPeriod, UsageBucket, UsageSummary } from './model.js';
import { daysBetween, weekStart } from './days.js';
import { ranked } from './stats.js';

/** Periods up to this many days are shown day by day, longer ones week by week. */
export const MAX_DAILY_BUCKETS = 31;

/** Intents, verdicts and channels of the period, per day (or week) with every bucket present, even empty. */
export function usageSummary(rows: readonly UsageDayCount[], period: ReportPeriod): UsageSummary {
  const days = daysBetween(period.since, period.until);
  const granularity = days.length <= MAX_DAILY_BUCKETS ? 'day' : 'week';
  const bucketOf = (day: string) => (granularity === 'day' ? day : weekStart(day));
  const buckets = new Map<string, UsageBucket>();
  for (const d of days) {
    const start = bucketOf(d);
    if (!buckets.has(start)) buckets.set(start, { start, turns: 0, byIntent: {}, notSure: 0 });
  }
  const intents = new Map<string, number>();
  const verdicts = new Map<string, number>();
  const channels = new Map<string, number>();
  let total = 0;
  let notSure = 0;
  for (const r of rows) {
    const b = buckets.get(bucketOf(r.day));
    if (!b) continue; // outside the period (the store was asked for it only)
    b.turns += r.turns;
    b.byIntent[r.intent] = (b.byIntent[r.intent] ?? 0) + r.turns;
    if (!r.answered) b.notSure += r.turns;
    intents.set(r.intent, (intents.get(r.intent) ?? 0) + r.turns);
    if (r.verdict) verdicts.set(r.verdict, (verdicts.get(r.verdict) ?? 0) + r.turns);
    channels.set(r.channel, (channels.get(r.channel) ?? 0) + r.turns);
    total += r.turns;
    if (!r.answered) notSure += r.turns;
  }
  return {
    granularity,
    buckets: [...buckets.values()],
    intents: ranked(intents).map(([intent, turns]) => ({ intent, turns })),
    verdicts: ranked(verdicts).map(([verdict, turns]) => ({ verdict, turns })),
    channels: ranked(channels).map(([channel, turns]) => ({ channel, turns })),
    total,
    notSure,
  };
}
