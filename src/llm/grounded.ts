import { z } from 'zod';
import type { KbEntry } from '../knowledge/types.js';
import { plain } from '../replies.js';
import type { ChatPrompt } from './client.js';
import { SupportSource } from './support.js';

/**
 * Grounded wording of a charter answer: the model gets the retrieved entries with their ids and
 * must answer in sentences each tagged with the id of the entry it comes from. Every sentence is
 * then checked: a valid tag, and content words, numbers and polarity supported by the tagged
 * entry; the others are dropped. When too little survives, the caller keeps the lexical answer.
 */

export const MAX_SENTENCES = 8;
const MAX_SENTENCE_CHARS = 500;
/** Share of the model's sentences that must survive the check. */
export const MIN_KEPT_SHARE = 0.5;
/** Shortest grounded answer worth showing instead of the entries themselves. */
const MIN_ANSWER_CHARS = 40;

const answerSchema = z.object({
  sentences: z
    .array(z.object({ text: z.string(), entry: z.string() }).passthrough())
    .min(1)
    .max(MAX_SENTENCES * 3),
});

/**
 * Sentences of an entry that say what the circular does not say (« La circulaire ne précise pas… »):
 * the limits of the source. A rewording may not lose them: any the model left out is added, word
 * for word, after the entry's sentences.
 */
const CAVEAT = /\bne (?:précise|detaille|détaille|dit|mentionne|prévoit|fixe|donne|indique|cite|parle|dresse|nomme|liste)\b|\bn['’](?:indique|aborde|évoque|impose|prévoit|est pas précisé)/i;

export function caveatsOf(entry: KbEntry): string[] {
  return plain(entry.body)
    .split(/\n+|(?<=[.!?])\s+/)
    .map((s) => s.replace(/^\s*[-*]\s+/, '').trim())
    .filter((s) => s && CAVEAT.test(s));
}

/** The kept sentences with every caveat of each entry the model did not restate. */
function withCaveats(kept: GroundedSentence[], entries: readonly KbEntry[]): GroundedSentence[] {
  const out = [...kept];
  for (const e of entries) {
    for (const caveat of caveatsOf(e)) {
      const source = new SupportSource(caveat);
      const restated = out.some((k) => k.entryId === e.id && CAVEAT.test(k.text) && source.check(k.text, 0.6).supported);
      if (restated) continue;
      let at = -1;
      out.forEach((k, i) => (k.entryId === e.id ? (at = i) : undefined));
      out.splice(at + 1, 0, { text: caveat, entryId: e.id });
    }
  }
  return out;
}

export interface GroundedSentence {
  text: string;
  entryId: string;
}

export type GroundedResult =
  | { ok: true; sentences: GroundedSentence[]; dropped: number }
  | { ok: false; reason: 'empty' | 'invalid' | 'rejected'; dropped: number };

export function groundedPrompt(question: string, entries: readonly KbEntry[]): ChatPrompt {
  const system = [
    'Tu es l’assistant de la charte des usages de l’intelligence artificielle du ministère de l’Intérieur.',
    'Tu réponds à la question d’un agent uniquement à partir des passages fournis, sans rien y ajouter :',
    'aucune règle, aucun outil, aucun nom, aucun chiffre ni aucune date qui n’y figure pas ; reprends leurs termes.',
    'Écris en français, en vouvoyant l’agent, de 1 à 5 phrases courtes. Chaque phrase vient d’un seul passage.',
    'Les données personnelles de la question sont masquées ([NOM], [EMAIL]…) : ne les reprends pas.',
    'Réponds uniquement par un objet JSON de la forme {"sentences":[{"text":"<phrase>","entry":"<identifiant du passage>"}]}.',
  ].join('\n');
  const passages = entries.flatMap((e, i) => [i ? '\n\n' : '', `[${e.id}] ${e.title}\n${plain(e.body)}`]);
  return { system, user: ['Passages :\n\n', ...passages, '\n\nQuestion de l’agent : ', question] };
}

/** The JSON object of a model answer, tolerating a Markdown code fence or words around it. */
export function extractJson(answer: string): unknown {
  const start = answer.indexOf('{');
  const end = answer.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  try {
    return JSON.parse(answer.slice(start, end + 1));
  } catch {
    return undefined;
  }
}

/** One line of text, no markup that could change how a channel renders it. */
function cleanSentence(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/<[^>]{0,200}>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Parses and verifies the model's answer against the entries it was given. */
export function verifyGrounded(answer: string, entries: readonly KbEntry[]): GroundedResult {
  if (!answer.trim()) return { ok: false, reason: 'empty', dropped: 0 };
  const parsed = answerSchema.safeParse(extractJson(answer));
  if (!parsed.success) return { ok: false, reason: 'invalid', dropped: 0 };
  const sources = new Map(entries.map((e) => [e.id, new SupportSource(`${e.title}\n${e.questions.join('\n')}\n${plain(e.body)}`)]));
  const kept: GroundedSentence[] = [];
  const all = parsed.data.sentences;
  for (const s of all) {
    const text = cleanSentence(s.text);
    const source = sources.get(s.entry.trim().replace(/^\[|\]$/g, ''));
    if (!source || !text || text.length > MAX_SENTENCE_CHARS || /https?:\/\/|www\./i.test(text) || /\[[A-ZÉÈ_ -]{2,30}\]/.test(text)) continue;
    if (!source.check(text).supported) continue;
    if (kept.some((k) => k.text === text)) continue;
    kept.push({ text, entryId: s.entry.trim().replace(/^\[|\]$/g, '') });
  }
  const dropped = all.length - kept.length;
  const everyEntry = entries.every((e) => kept.some((k) => k.entryId === e.id));
  const long = kept.reduce((n, k) => n + k.text.length, 0) >= MIN_ANSWER_CHARS;
  if (!kept.length || kept.length / all.length < MIN_KEPT_SHARE || !everyEntry || !long || kept.length > MAX_SENTENCES) {
    return { ok: false, reason: 'rejected', dropped };
  }
  return { ok: true, sentences: withCaveats(kept, entries), dropped };
}
