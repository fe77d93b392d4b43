import { z } from 'zod';
import type { Assessment } from '../policy/types.js';
import { VERDICT_LABELS } from '../policy/render.js';
import type { ChatPrompt } from './client.js';
import { extractJson } from './grounded.js';
import { cuesOf, SupportSource } from './support.js';

/**
 * Wording of a tool verdict's explanation. The verdict, the rule cited, the conditions, the safer
 * route and the sources stay the policy engine's, rendered as without the layer; the model may
 * only rephrase the reasons. Its text is kept only if it is supported by the engine's own text and
 * does not contradict the verdict (no permission for « non autorisé », no ban for « autorisé »).
 */

const MAX_EXPLANATION_CHARS = 900;
const schema = z.object({ explanation: z.string() });

/** Verdicts whose explanation may be phrased (a question for more details is left as it is). */
export function phrasable(a: Assessment): boolean {
  return a.verdict === 'allowed' || a.verdict === 'allowed_with_conditions' || a.verdict === 'not_allowed';
}

/** The engine's explanation: the text the phrasing must stay within. */
export function engineText(a: Assessment): string {
  return [VERDICT_LABELS[a.verdict], a.tool?.name ?? a.unknownToolName ?? '', ...a.reasons, ...a.conditions, a.alternative ?? ''].join('\n');
}

export function verdictPrompt(question: string, a: Assessment): ChatPrompt {
  return {
    system: [
      'Tu es l’assistant de la charte des usages de l’IA du ministère de l’Intérieur.',
      `Le verdict, fixé par le moteur de règles, est « ${VERDICT_LABELS[a.verdict]} » : tu ne le changes pas et tu ne le nuances pas.`,
      'Reformule l’explication fournie en 1 à 3 phrases claires pour l’agent, en reprenant ses termes,',
      'sans ajouter de règle, d’outil, de condition ni d’exception. Ne reprends pas les données masquées ([NOM]…).',
      'Réponds uniquement par un objet JSON de la forme {"explanation":"<texte>"}.',
    ].join('\n'),
    user: ['Explication du moteur :\n', a.reasons.join('\n'), '\n\nQuestion de l’agent : ', question],
  };
}

export type VerdictPhrasing = { ok: true; explanation: string } | { ok: false; reason: 'empty' | 'invalid' | 'rejected' };

/**
 * True when `text` says the opposite of the verdict: for « non autorisé », any permission not
 * negated (« c'est autorisé », « vous pouvez », « oui ») — even one the engine's conditions use;
 * for the other verdicts, a ban or a negated permission the engine's own text does not contain.
 */
export function contradictsVerdict(text: string, a: Assessment): boolean {
  const said = cuesOf(text);
  const engine = cuesOf(engineText(a));
  if (a.verdict === 'not_allowed') return said.affirmativeAllow || /\b(?:oui|sans (?:risque|probl[eè]me)|aucun probl[eè]me)\b/i.test(text);
  return (said.cues.has('ban') && !engine.cues.has('ban')) || (said.negatedAllow && !engine.negatedAllow);
}

export function verifyVerdict(answer: string, a: Assessment): VerdictPhrasing {
  if (!answer.trim()) return { ok: false, reason: 'empty' };
  const parsed = schema.safeParse(extractJson(answer));
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  const explanation = parsed.data.explanation.replace(/\s+/g, ' ').trim();
  if (!explanation) return { ok: false, reason: 'empty' };
  if (explanation.length > MAX_EXPLANATION_CHARS || /https?:\/\/|www\.|\[[A-ZÉÈ_ -]{2,30}\]|<[^>]{0,200}>/i.test(explanation)) return { ok: false, reason: 'rejected' };
  if (contradictsVerdict(explanation, a)) return { ok: false, reason: 'rejected' };
  const source = new SupportSource(engineText(a));
  const sentences = explanation.split(/(?<=[.!?])\s+/).filter((s) => s.trim());
  if (!sentences.every((s) => source.check(s).supported)) return { ok: false, reason: 'rejected' };
  return { ok: true, explanation };
}
