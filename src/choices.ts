import type { ActionPayload, Choice } from './types.js';
import { fold } from './text.js';

/**
 * For channels without buttons (console, Matrix): the agent answers a numbered list with the number
 * or the label. Returns what pressing that button would have sent, or undefined.
 */
export function resolveChoice(text: string, choices: Choice[] | undefined): { text: string; action?: ActionPayload } | undefined {
  if (!choices?.length) return undefined;
  const t = text.trim().replace(/[.)]$/, '');
  let picked: Choice | undefined;
  if (/^\d{1,2}$/.test(t)) picked = choices[Number(t) - 1];
  else {
    const f = fold(t).replace(/[\s.!?]+$/, '');
    picked = choices.find((c) => fold(c.label) === f || fold(c.value) === f);
  }
  if (!picked) return undefined;
  return { text: picked.value, action: picked.action ?? { type: 'choice', value: picked.value } };
}
