import type { Dialog, TurnContext, DialogResult } from '../src/dialog.js';
import { done } from '../src/dialog.js';
import type { Reply } from '../src/types.js';
import type { KbEntry, KbHit } from '../src/knowledge/types.js';
import { askAmbassador, entryChoice, entrySources, sourceLine, plain } from '../src/replies.js';

/** Answers a charter question from the knowledge base, or says it does not know and offers a human. */

export function answerReply(entry: KbEntry, related: KbEntry[], confidence: number): Reply {
  const sources = entrySources(entry);
  const source = sourceLine(sources);
  const text = `${entry.body}\n\n_${source}_`;
  const choices = related.slice(0, 3).map(entryChoice);
  return {
    text,
    choices,
    card: {
      title: entry.title,
      body: entry.body,
      sources,
      actions: [
        { label: '👍 Utile', value: 'utile', action: { type: 'feedback', value: 'up', data: { entryId: entry.id } } },
        { label: '👎 Pas utile', value: 'pas utile', action: { type: 'feedback', value: 'down', data: { entryId: entry.id } } },
      ],
      fallbackText: `${entry.title}\n\n${plain(entry.body)}\n\n${source}`,
    },
    meta: { intent: 'charter_question', confidence, sources, escalate: false },
  };
}

export function notSureReply(hits: KbHit[], threshold: number): Reply {
  const near = hits.filter((h) => h.confidence >= threshold / 2).slice(0, 2);
  const text = [
    "Je ne trouve pas de réponse sûre à cette question dans la charte et sa circulaire de diffusion, et je préfère ne pas vous répondre au hasard.",
    near.length ? 'Votre question rejoint peut-être l’un de ces sujets ; sinon, un ambassadeur IA peut vous répondre.' : 'Un ambassadeur IA peut vous répondre : je peux lui transmettre votre question.',
  ].join('\n\n');
  return {
    text,
    choices: [...near.map((h) => entryChoice(h.entry)), askAmbassador('low_confidence')],
    meta: { intent: 'charter_question', confidence: hits[0]?.confidence ?? 0, sources: [], escalate: true },
  };
}

function relatedOf(entry: KbEntry, byId: Map<string, KbEntry>, hits: KbHit[]): KbEntry[] {
  const listed = entry.related.map((id) => byId.get(id)).filter((e): e is KbEntry => !!e);
  const others = hits.map((h) => h.entry).filter((e) => e.id !== entry.id && !listed.includes(e));
  return [...listed, ...others].slice(0, 3);
}

export const charterAnswerDialog: Dialog = {
  id: 'charter-answer',
  async begin(ctx: TurnContext): Promise<DialogResult> {
    const kb = ctx.services.knowledge();
    const shown = ctx.message.action?.type === 'kb.show' ? kb.byId.get(ctx.message.action.value ?? '') : undefined;
    if (shown) {
      ctx.state.lastEntryId = shown.id;
      ctx.state.lastAnswer = `réponse de l’assistant : « ${shown.title} »`;
      return done(answerReply(shown, relatedOf(shown, kb.byId, []), 1));
    }
    const hits = ctx.hits ?? kb.retriever.search(ctx.text, 4);
    const top = hits[0];
    if (!top || top.confidence < kb.threshold) {
      ctx.state.lastAnswer = 'l’assistant n’a pas trouvé de réponse sûre dans la charte';
      if (ctx.message.channel !== 'cli') await ctx.services.stores.unanswered.add(ctx.text, top?.confidence ?? 0, ctx.services.now());
      return done(notSureReply(hits, kb.threshold));
    }
    ctx.state.lastEntryId = top.entry.id;
    ctx.state.lastAnswer = `réponse de l’assistant : « ${top.entry.title} »`;
    return done(answerReply(top.entry, relatedOf(top.entry, kb.byId, hits.slice(1)), top.confidence));
  },
  async continue(): Promise<DialogResult> {
    return { handled: false };
  },
};
