import type { Dialog, TurnContext, DialogResult } from '../src/dialog.js';
import { done } from '../src/dialog.js';
import type { Choice, Reply } from '../src/types.js';
import type { KbEntry, KbHit } from '../src/knowledge/types.js';
import { askAmbassador, entryChoice, entrySources, sourceLine, plain } from '../src/replies.js';
import { focusQuestion } from '../src/knowledge/focus.js';
import { groundedReply } from '../src/llm/replies.js';
import type { TurnBudget } from '../src/llm/layer.js';

/** The « utile / pas utile » buttons of an answer, about its (first) entry. */
function feedbackActions(entryId: string): Choice[] {
  return [
    { label: '👍 Utile', value: 'utile', action: { type: 'feedback', value: 'up', data: { entryId } } },
    { label: '👎 Pas utile', value: 'pas utile', action: { type: 'feedback', value: 'down', data: { entryId } } },
  ];
}

/** A second hit this close to the first (confidence ratio) is shown with it: never a silent guess. */
const CLOSE_RATIO = 0.85;
/** A broad question ("les enjeux", "les points clés") gathers hits down to this share of the threshold. */
const BROAD_FLOOR = 0.6;
/** Entries gathered for a broad question. */
const MAX_SYNTHESIS = 3;
/**
 * Below the threshold but above this share of it, an entry clearly ahead of the others (by
 * `HEDGE_LEAD`) is shown as the closest passage, with a caveat and the offer of an ambassador.
 */
const HEDGE_FLOOR = 0.5;
const HEDGE_LEAD = 1.3;

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
      actions: feedbackActions(entry.id),
      fallbackText: `${entry.title}\n\n${plain(entry.body)}\n\n${source}`,
    },
    meta: { intent: 'charter_question', confidence, sources, escalate: false },
  };
}

/**
 * Several entries in one answer: the two passages a question falls between, or the short
 * synthesis of a broad question. Each passage keeps its own source.
 */
export function multiReply(entries: KbEntry[], related: KbEntry[], confidence: number, mode: 'between' | 'broad'): Reply {
  const intro =
    mode === 'between' || entries.length === 2
      ? `${entries.length === 2 ? 'Deux' : 'Plusieurs'} passages de la circulaire répondent à votre question :`
      : 'Votre question recouvre plusieurs points de la circulaire ; les voici en bref :';
  const sections = entries.map((e) => ({ e, sources: entrySources(e) }));
  const text = [intro, ...sections.map(({ e, sources }) => `**${e.title}**\n${e.body}\n_${sourceLine(sources)}_`)].join('\n\n');
  const sources = sections.flatMap((s) => s.sources);
  const first = entries[0] as KbEntry;
  return {
    text,
    choices: related.slice(0, 3).map(entryChoice),
    card: {
      title: mode === 'broad' ? 'L’essentiel de la circulaire sur votre question' : 'Deux passages de la circulaire',
      body: [intro, ...sections.map(({ e, sources }) => `**${e.title}**\n\n${e.body}\n\n_${sourceLine(sources)}_`)].join('\n\n'),
      sources,
      actions: feedbackActions(first.id),
      fallbackText: [intro, ...sections.map(({ e, sources }) => `${e.title}\n${plain(e.body)}\n${sourceLine(sources)}`)].join('\n\n'),
    },
    meta: { intent: 'charter_question', confidence, sources, escalate: false },
  };
}

/** Which entries answer: one, the two a question falls between, or a few for a broad question. */
export function selectAnswer(hits: KbHit[], threshold: number, broad: boolean): { entries: KbEntry[]; mode: 'single' | 'between' | 'broad' | 'hedged' } | undefined {
  const top = hits[0];
  if (!top) return undefined;
  if (broad) {
    const gathered = hits.filter((h) => h.confidence >= threshold * BROAD_FLOOR).slice(0, MAX_SYNTHESIS);
    if (gathered.length >= 2 && gathered.reduce((sum, h) => sum + h.confidence, 0) >= threshold * 1.5) return { entries: gathered.map((h) => h.entry), mode: 'broad' };
  }
  const second = hits[1];
  if (top.confidence < threshold) {
    const ahead = !second || second.confidence * HEDGE_LEAD <= top.confidence;
    return top.confidence >= threshold * HEDGE_FLOOR && ahead ? { entries: [top.entry], mode: 'hedged' } : undefined;
  }
  if (second && second.confidence >= threshold && second.confidence >= top.confidence * CLOSE_RATIO) return { entries: [top.entry, second.entry], mode: 'between' };
  return { entries: [top.entry], mode: 'single' };
}

/** The closest passage, shown with a caveat: the bot is not sure it answers the question. */
export function hedgedReply(entry: KbEntry, related: KbEntry[], confidence: number): Reply {
  const sources = entrySources(entry);
  const source = sourceLine(sources);
  const intro = 'Je ne suis pas certain d’avoir bien compris votre question. Le passage de la circulaire qui s’en rapproche le plus est le suivant :';
  const outro = 'Si ce n’est pas ce que vous cherchiez, un ambassadeur IA peut vous répondre : je peux lui transmettre votre question.';
  return {
    text: `${intro}\n\n**${entry.title}**\n${entry.body}\n\n_${source}_\n\n${outro}`,
    choices: [askAmbassador('low_confidence'), ...related.slice(0, 2).map(entryChoice)],
    card: {
      title: entry.title,
      body: `${intro}\n\n${entry.body}\n\n${outro}`,
      sources,
      actions: feedbackActions(entry.id),
      fallbackText: `${intro}\n\n${entry.title}\n${plain(entry.body)}\n${source}\n\n${outro}`,
    },
    meta: { intent: 'charter_question', confidence, sources, escalate: true, hedged: true },
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

/** With the generative layer on, the answer worded from its entries (checked), else `reply` as it is. */
async function worded(ctx: TurnContext, budget: TurnBudget | undefined, reply: Reply, entries: KbEntry[]): Promise<Reply> {
  const sentences = budget ? await ctx.services.llm?.phraseAnswer(ctx.text, entries, budget) : undefined;
  return sentences ? groundedReply(reply, sentences, entries) : reply;
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
    const llm = ctx.services.llm;
    const budget = llm?.budget();
    let hits = ctx.hits ?? kb.retriever.search(ctx.text, 4);
    // Hybrid order among the entries the lexical retriever is confident about; its confidences decide.
    if (llm && budget) hits = await llm.retrieve(kb, ctx.text, hits, budget);
    const top = hits[0];
    let chosen = selectAnswer(hits, kb.threshold, focusQuestion(ctx.text).broad);
    // A passage is offered with a caveat only to a question of the domain (IA, charte, MIRAI…):
    // « traduis-moi bonne année en japonais » must not get the passage that mentions « traduire ».
    if (chosen?.mode === 'hedged' && ctx.intent?.rule === 'kb-partial') chosen = undefined;
    if (!top || !chosen) {
      ctx.state.lastAnswer = 'l’assistant n’a pas trouvé de réponse sûre dans la charte';
      if (ctx.message.channel !== 'cli') await ctx.services.stores.unanswered.add(ctx.text, top?.confidence ?? 0, ctx.services.now());
      return done(notSureReply(hits, kb.threshold));
    }
    const [first] = chosen.entries as [KbEntry];
    ctx.state.lastEntryId = first.id;
    ctx.state.lastAnswer = `réponse de l’assistant : ${chosen.entries.map((e) => `« ${e.title} »`).join(' et ')}`;
    const rest = hits.filter((h) => !chosen.entries.includes(h.entry));
    if (chosen.mode === 'single') return done(await worded(ctx, budget, answerReply(first, relatedOf(first, kb.byId, rest), top.confidence), chosen.entries));
    if (chosen.mode === 'hedged') {
      ctx.state.lastAnswer = `passage le plus proche proposé par l’assistant, sans certitude : « ${first.title} »`;
      if (ctx.message.channel !== 'cli') await ctx.services.stores.unanswered.add(ctx.text, top.confidence, ctx.services.now());
      return done(hedgedReply(first, relatedOf(first, kb.byId, rest), top.confidence));
    }
    const related = relatedOf(first, kb.byId, rest).filter((e) => !chosen.entries.includes(e));
    return done(await worded(ctx, budget, multiReply(chosen.entries, related, top.confidence, chosen.mode), chosen.entries));
  },
  async continue(): Promise<DialogResult> {
    return { handled: false };
  },
};
