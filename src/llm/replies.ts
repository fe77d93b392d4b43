import type { KbEntry } from '../knowledge/types.js';
import type { Reply } from '../types.js';
import { entrySources, plain, sourceLine } from '../replies.js';
import type { GroundedSentence } from './grounded.js';

/**
 * A charter answer whose text was phrased by the generative layer: the same reply (title,
 * sources, buttons, related entries, meta), its wording replaced by the checked sentences. With
 * several entries, each sentence ends with the number of the entry it comes from, and the entries
 * are listed with their sources.
 */
export function groundedReply(base: Reply, sentences: readonly GroundedSentence[], entries: readonly KbEntry[]): Reply {
  const meta = { ...base.meta, generated: true };
  if (entries.length === 1) {
    const [entry] = entries as [KbEntry];
    const source = sourceLine(entrySources(entry));
    const body = sentences.map((s) => s.text).join(' ');
    return {
      ...base,
      text: `${body}\n\n_${source}_`,
      ...(base.card ? { card: { ...base.card, body, fallbackText: `${entry.title}\n\n${plain(body)}\n\n${source}` } } : {}),
      meta,
    };
  }
  const number = new Map(entries.map((e, i) => [e.id, i + 1]));
  const body = sentences.map((s) => `${s.text} [${number.get(s.entryId)}]`).join(' ');
  const refs = entries.map((e, i) => `[${i + 1}] **${e.title}** — _${sourceLine(entrySources(e))}_`);
  const plainRefs = entries.map((e, i) => `[${i + 1}] ${e.title} — ${sourceLine(entrySources(e))}`);
  return {
    ...base,
    text: [body, ...refs].join('\n\n'),
    ...(base.card ? { card: { ...base.card, body: [body, ...refs].join('\n\n'), fallbackText: [base.card.title, plain(body), ...plainRefs].join('\n\n') } } : {}),
    meta,
  };
}
