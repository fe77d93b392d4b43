import type { Stores } from '../../src/store/escalation-types.js';
import { startOfParisDay } from '../../src/reports/days.js';

/** A store seeded with a month of made-up activity at fixed dates (November 2026, Paris time). */

const MIN = 60_000;
/** 10:00 in Paris on a day of November 2026. */
export const at = (day: number, minutes = 0) => startOfParisDay(`2026-11-${String(day).padStart(2, '0')}`) + 10 * 60 * MIN + minutes * MIN;
/** The report is built on 1 December 2026 at noon, Paris time. */
export const NOW = startOfParisDay('2026-12-01') + 12 * 60 * MIN;
export const PERIOD = { since: '2026-11-01', until: '2026-11-30' };

export const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> & =HYPERLINK("http://evil.example","clic") \u001b[31mrouge\u001b[0m';

/** A question a spreadsheet would run as a formula. */
export const FORMULA = '=HYPERLINK("http://evil.example";"Réponse officielle")';

export async function seed(stores: Stores): Promise<void> {
  const unanswered: [number, string, number][] = [
    [3, 'Quel est le budget consacré à l’IA par le ministère ?', 0.02],
    [9, 'Combien le ministère dépense-t-il pour l’IA ? quel budget ?', 0.03],
    [17, 'budget IA ministère 2027', 0.04],
    [24, 'Quel budget pour l’IA au ministère en 2027 ?', 0.05],
    [5, 'Puis-je utiliser DeepL pour traduire un courrier ?', 0.07],
    [12, 'Ai-je le droit de traduire un texte avec DeepL ?', 0.08],
    [20, 'DeepL est-il autorisé pour les traductions ?', 0.06],
    [8, 'Je suis [NOM], qui contacter pour une formation IA ?', 0.09],
    [15, 'Comment suivre une formation sur l’IA ?', 0.07],
    [11, 'Quelle est la météo demain ?', 0.01],
    [14, HOSTILE, 0.0],
    [16, FORMULA, 0.0],
    // Outside the period: never counted.
    [0, 'Question du 31 octobre sur le budget', 0.02],
  ];
  for (const [day, q, c] of unanswered) await stores.unanswered.add(q, c, day === 0 ? startOfParisDay('2026-10-31') + 3_600_000 : at(day));

  const fb: [string, 'up' | 'down', number][] = [
    ['signataire-circulaire', 'up', 4],
    ['signataire-circulaire', 'down', 1],
    ['ambassadeurs-ia', 'down', 3],
    ['ambassadeurs-ia', 'up', 1],
    ['public-ai-restricted-data', 'down', 2],
    ['7', 'up', 1],
    ['ancienne-entree', 'down', 1],
  ];
  let user = 0;
  for (const [subject, value, n] of fb) for (let i = 0; i < n; i++) await stores.feedback.add({ channel: 'teams', userId: `u${++user}`, subject, value, at: at(10) });

  // Usage: weekdays of November, more on Mondays; two days with nothing at all.
  for (let day = 2; day <= 27; day++) {
    if (day === 14 || day === 15) continue;
    const d = `2026-11-${String(day).padStart(2, '0')}`;
    const monday = new Date(`${d}T12:00:00Z`).getUTCDay() === 1;
    for (let i = 0; i < (monday ? 6 : 3); i++) await stores.usage.record({ day: d, channel: i % 3 ? 'teams' : 'matrix', intent: 'charter_question', entryId: i % 2 ? 'signataire-circulaire' : 'ambassadeurs-ia', confidence: 0.6, answered: true });
    await stores.usage.record({ day: d, channel: 'teams', intent: 'charter_question', confidence: 0.03, answered: false });
    await stores.usage.record({ day: d, channel: 'teams', intent: 'tool_check', verdict: day % 2 ? 'not_allowed' : 'allowed_with_conditions', answered: true });
    if (day % 5 === 0) await stores.usage.record({ day: d, channel: 'matrix', intent: 'escalation_request', answered: true });
    if (day % 7 === 0) await stores.usage.record({ day: d, channel: 'teams', intent: 'greeting', answered: true });
  }

  // Tickets: national (claimed after 10, 20, 30, 40 min; answered 5 min after the claim), Rhône (one claimed after 2 h, one still open).
  const agent = (n: number) => ({ channel: 'teams', userId: `agent-${n}`, conversationId: `conv-${n}`, name: `Agent ${n}` });
  const national = [10, 20, 30, 40];
  for (const [i, delay] of national.entries()) {
    const created = at(4 + i);
    const t = await stores.tickets.create({ trigger: 'explicit', scope: 'national', agent: agent(i), question: 'Question transmise', context: '' }, created, { author: 'agent', authorId: `agent-${i}`, text: 'Question transmise' });
    await stores.tickets.claim(t.id, 'exemple-camille', created + delay * MIN);
    await stores.tickets.addMessage(t.id, 'ambassador', 'exemple-camille', 'Réponse', created + (delay + 5) * MIN);
    if (i < 3) await stores.tickets.close(t.id, created + (delay + 30) * MIN, false);
  }
  const r1 = await stores.tickets.create({ trigger: 'low_confidence', scope: 'dept-69', agent: agent(10), question: 'Q', context: '' }, at(18));
  await stores.tickets.claim(r1.id, 'exemple-dominique', at(18, 120));
  await stores.tickets.create({ trigger: 'tool_case', scope: 'dept-69', agent: agent(11), question: 'Q', context: '' }, at(28));
}
