import type { KbEntry } from '../knowledge/types.js';
import type { UsageEntryCount } from '../store/escalation-types.js';
import { RULES } from '../policy/rules.js';
import type { FeedbackRow } from './model.js';

/**
 * 👍/👎 per subject, worst first (most net 👎, then most 👎). A subject is a knowledge entry, a
 * rule of the tool check, or a ticket number; entries get their title and how often they were served.
 */
export function feedbackRows(
  summary: readonly { subject: string; up: number; down: number }[],
  entries: ReadonlyMap<string, KbEntry>,
  served: readonly UsageEntryCount[],
): FeedbackRow[] {
  const servedBy = new Map(served.map((s) => [s.entryId, s.turns]));
  const rules = new Map(RULES.map((r) => [r.id, r]));
  const rows = summary.map((s): FeedbackRow => {
    const entry = entries.get(s.subject);
    if (entry) return { subject: s.subject, kind: 'entry', title: entry.title, up: s.up, down: s.down, served: servedBy.get(s.subject) ?? 0 };
    const rule = rules.get(s.subject);
    if (rule) return { subject: s.subject, kind: 'rule', title: `Vérification d’outil : ${rule.when}`, up: s.up, down: s.down };
    if (/^\d+$/.test(s.subject)) return { subject: s.subject, kind: 'ticket', title: `Réponse d’un ambassadeur (demande n° ${s.subject})`, up: s.up, down: s.down };
    return { subject: s.subject, kind: 'unknown', title: 'Sujet inconnu (entrée supprimée ou renommée ?)', up: s.up, down: s.down };
  });
  return rows.sort((a, b) => b.down - b.up - (a.down - a.up) || b.down - a.down || (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
}
