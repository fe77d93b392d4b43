import type { Reply } from './types.js';
import type { UsageRecord } from './store/escalation-types.js';
import { parisDay } from './reports/days.js';

/**
 * What the usage log keeps of a turn, read from the metadata of its replies: the intent, the
 * verdict of a tool check, the entry a charter answer came from, the confidence, and whether the
 * bot had a sure answer. Never the text, never the user.
 */
export function usageOf(channel: string, replies: readonly Reply[], now: number): UsageRecord {
  const metas = replies.map((r) => r.meta ?? {});
  const intent = metas.find((m) => m.intent)?.intent ?? 'other';
  const verdict = metas.find((m) => m.verdict)?.verdict ?? undefined;
  const confidence = metas.find((m) => typeof m.confidence === 'number')?.confidence;
  // A charter answer's sources are its entries (src/replies.ts entrySources); a tool check's are documents.
  const entryId = intent === 'charter_question' ? metas.find((m) => m.sources?.length)?.sources?.[0]?.id : undefined;
  const hedged = metas.some((m) => m.hedged === true);
  const notSure = intent === 'charter_question' && entryId === undefined;
  return {
    day: parisDay(now),
    channel,
    intent,
    ...(verdict ? { verdict } : {}),
    ...(entryId ? { entryId } : {}),
    ...(confidence !== undefined ? { confidence } : {}),
    answered: !hedged && !notSure,
  };
}
