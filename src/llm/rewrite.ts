import type { ChatPrompt } from './client.js';

/**
 * Query rewriting: a long, rambling message (context, anecdotes, several sentences) becomes one
 * short search question, used for retrieval only — the agent's own words are still what the
 * answer is decided on and phrased for.
 */

const MAX_REWRITE_CHARS = 300;

export function rewritePrompt(question: string): ChatPrompt {
  return {
    system: [
      'Tu aides à chercher dans la charte des usages de l’IA du ministère de l’Intérieur.',
      'Réécris le message de l’agent en une seule question de recherche courte (25 mots au plus), en français,',
      'qui garde ce qu’il demande et laisse de côté le contexte. N’ajoute rien. Les données masquées ([NOM]…) ne servent pas.',
      'Réponds uniquement par la question, sur une ligne.',
    ].join('\n'),
    user: [question],
  };
}

/** The rewritten question, or undefined when the answer is not one usable line. */
export function parseRewrite(answer: string): string | undefined {
  const line = answer
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  if (!line) return undefined;
  const cleaned = line
    .replace(/^(?:question(?: de recherche)?\s*:\s*)/i, '')
    .replace(/^["«“]\s*|\s*["»”]$/g, '')
    .trim();
  if (cleaned.length < 3 || cleaned.length > MAX_REWRITE_CHARS || cleaned.includes('{')) return undefined;
  return cleaned;
}
