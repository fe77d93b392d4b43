import { createAnalyzer } from '../knowledge/analyzer.js';
import { namesOf } from '../knowledge/names.js';
import { groupQuestions } from './cluster.js';
import { feedbackRows } from './feedback-rows.js';
import { gather, MAX_QUESTIONS, type ReportStores } from './gather.js';
import type { ReportKnowledge } from './knowledge.js';
import type { Report, ReportPeriod } from './model.js';
import { ticketSummary } from './ticket-stats.js';
import { usageSummary } from './usage-summary.js';

export interface BuildOptions {
  stores: ReportStores;
  period: ReportPeriod;
  knowledge: ReportKnowledge;
  /** Epoch ms (tests pass a fixed one). */
  now: number;
  /** Notes to show with the report (from loading the knowledge). */
  notes?: string[];
}

/** Reads the stores and assembles the whole report (no rendering). */
export async function buildReport(opts: BuildOptions): Promise<Report> {
  const { knowledge, period } = opts;
  const data = await gather(opts.stores, period);
  const texts = knowledge.entries.map((e) => [e.title, ...e.questions, e.body].join('\n'));
  const analyzer = createAnalyzer({ synonyms: knowledge.synonyms, names: namesOf(texts) });
  const notes = [...(opts.notes ?? [])];
  const byId = new Map(knowledge.entries.map((e) => [e.id, e]));
  if (data.questionsTruncated) notes.push(`Plus de ${MAX_QUESTIONS.toLocaleString('fr-FR')} questions sans réponse sûre : seules les plus récentes sont regroupées.`);
  return {
    period,
    generatedAt: opts.now,
    questions: { total: data.questions.length, groups: groupQuestions(data.questions, analyzer, texts), truncated: data.questionsTruncated },
    feedback: feedbackRows(data.feedback, byId, data.usageByEntry),
    entries: data.usageByEntry.map((e) => ({ ...e, title: byId.get(e.entryId)?.title ?? 'Entrée inconnue (supprimée ou renommée ?)' })),
    usage: usageSummary(data.usageDaily, period),
    tickets: ticketSummary(data.tickets, data.active, opts.now, knowledge.directory),
    notes,
  };
}
