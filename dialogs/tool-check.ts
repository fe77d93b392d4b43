import type { Dialog, TurnContext, DialogResult } from '../src/dialog.js';
import { done, waitFor } from '../src/dialog.js';
import type { Choice, Reply } from '../src/types.js';
import { askAmbassador, plain } from '../src/replies.js';
import { fold } from '../src/text.js';
import { assessToolQuestion, detectTool } from '../src/policy/index.js';
import { tokenize } from '../src/policy/text.js';
import {
  renderAssessment,
  TOOL_TIER_CHOICES,
  DATA_KIND_CHOICES,
  TOOL_QUESTION,
  DATA_QUESTION,
} from '../src/policy/render.js';
import type { Assessment, DataKindAnswer, ToolTierAnswer } from '../src/policy/types.js';

/**
 * "Puis-je utiliser X pour Y ?": verdict from the policy engine. When the tool or the data is
 * unknown, asks only what is missing (with choices), then gives the verdict.
 */

type Field = 'tool' | 'data';

interface ToolCheckState extends Record<string, unknown> {
  /** The original question, redacted, plus the agent's free-text precisions. */
  question: string;
  piiTypes: string[];
  answers: { tier?: ToolTierAnswer; data?: DataKindAnswer };
  asking: Field;
  retries: number;
}

const ANSWER_ACTION = 'toolcheck.answer';
/** How much of a tool question is kept for a follow-up ("Et si…"). */
const MAX_FOLLOW_UP_CHARS = 2_000;

function fieldChoices(field: Field): Choice[] {
  const list = field === 'tool' ? TOOL_TIER_CHOICES : DATA_KIND_CHOICES;
  return list.map((c) => ({ label: c.label, value: c.label, action: { type: ANSWER_ACTION, value: c.value, data: { field } } }));
}

/** The verdict card; `explanation` (the generative layer's checked wording) replaces the engine's reasons, nothing else. */
export function verdictReply(a: Assessment, explanation?: string): Reply {
  const r = renderAssessment(explanation ? { ...a, reasons: [explanation] } : a);
  const offerHuman = a.verdict === 'not_allowed' || a.escalate === true;
  return {
    text: r.text,
    choices: offerHuman ? [askAmbassador('tool_case')] : [],
    card: {
      title: r.title,
      tone: r.tone,
      body: r.text,
      facts: r.facts,
      sources: a.sources,
      actions: [
        { label: '👍 Utile', value: 'utile', action: { type: 'feedback', value: 'up', data: { topic: 'tool-check', rule: a.ruleId } } },
        { label: '👎 Pas utile', value: 'pas utile', action: { type: 'feedback', value: 'down', data: { topic: 'tool-check', rule: a.ruleId } } },
      ],
      fallbackText: `${r.title}\n\n${plain(r.text)}`,
    },
    meta: { intent: 'tool_check', verdict: a.verdict, tier: a.tier, sources: a.sources, escalate: offerHuman, data: [...a.data], ...(explanation ? { generated: true } : {}) },
  };
}

function questionReply(a: Assessment, field: Field, first: boolean): Reply {
  const r = renderAssessment(a);
  const question = field === 'tool' ? TOOL_QUESTION : DATA_QUESTION;
  return {
    text: first ? r.text : `${question} Choisissez une réponse ci-dessous, ou décrivez-le en quelques mots.`,
    choices: fieldChoices(field),
    meta: { intent: 'tool_check', verdict: 'needs_more_info', tier: a.tier, sources: a.sources, escalate: false, data: [...a.data] },
  };
}

function assess(ctx: TurnContext, s: Pick<ToolCheckState, 'question' | 'piiTypes' | 'answers'>): Assessment {
  return assessToolQuestion(s.question, { policy: ctx.services.knowledge().policy, piiTypes: s.piiTypes, answers: s.answers });
}

/** Either the final verdict, or the next missing precision to ask. */
async function next(ctx: TurnContext, s: ToolCheckState, first: boolean): Promise<DialogResult> {
  const a = assess(ctx, s);
  const missing = a.verdict === 'needs_more_info' ? a.missing.find((f) => (f === 'tool' ? !s.answers.tier : !s.answers.data)) : undefined;
  if (!missing) {
    ctx.state.lastAnswer = `verdict de l’assistant : ${renderAssessment(a).title}`;
    ctx.state.lastToolCheck = { question: s.question.slice(-MAX_FOLLOW_UP_CHARS), at: ctx.services.now() };
    const llm = ctx.services.llm;
    const explanation = llm ? await llm.phraseVerdict(s.question, a, llm.budget()) : undefined;
    return done(verdictReply(a, explanation));
  }
  const asking = missing as Field;
  return waitFor({ ...s, asking, retries: first || asking !== s.asking ? 0 : s.retries }, questionReply(a, asking, first || asking !== s.asking));
}

/** Reads the agent's answer: a button, a choice label, or free text that settles the field. */
function readAnswer(ctx: TurnContext, s: ToolCheckState): ToolCheckState | undefined {
  const action = ctx.message.action;
  if (action?.type === ANSWER_ACTION && action.data?.field === s.asking) {
    const list = s.asking === 'tool' ? TOOL_TIER_CHOICES : DATA_KIND_CHOICES;
    const item = list.find((c) => c.value === action.value);
    if (!item) return undefined;
    return s.asking === 'tool'
      ? { ...s, answers: { ...s.answers, tier: item.value as ToolTierAnswer } }
      : { ...s, answers: { ...s.answers, data: item.value as DataKindAnswer } };
  }
  const text = ctx.text.trim();
  if (!text) return undefined;
  const f = fold(text);
  const list = s.asking === 'tool' ? TOOL_TIER_CHOICES : DATA_KIND_CHOICES;
  const byLabel = list.find((c) => fold(c.label) === f);
  if (byLabel) {
    return s.asking === 'tool'
      ? { ...s, answers: { ...s.answers, tier: byLabel.value as ToolTierAnswer } }
      : { ...s, answers: { ...s.answers, data: byLabel.value as DataKindAnswer } };
  }
  // Free text: keep it only if it settles the missing field ("ChatGPT", "des noms d'usagers").
  const candidate: ToolCheckState = { ...s, question: `${s.question}\n${text}`, piiTypes: [...new Set([...s.piiTypes, ...ctx.piiTypes])] };
  const policy = ctx.services.knowledge().policy;
  if (s.asking === 'tool') {
    const d = detectTool(tokenize(text), policy.catalogue);
    return d.tool || d.unknownName ? candidate : undefined;
  }
  const a = assess(ctx, candidate);
  return a.data[0] !== 'unknown' ? candidate : undefined;
}

export const toolCheckDialog: Dialog = {
  id: 'tool-check',
  async begin(ctx: TurnContext): Promise<DialogResult> {
    const s: ToolCheckState = { question: ctx.text, piiTypes: ctx.piiTypes, answers: {}, asking: 'tool', retries: 0 };
    return next(ctx, s, true);
  },
  async continue(ctx: TurnContext, raw: Record<string, unknown>): Promise<DialogResult> {
    const s = raw as ToolCheckState;
    const updated = readAnswer(ctx, s);
    if (updated) return next(ctx, updated, false);
    // Not an answer: a new question goes back to routing; a short unclear reply is asked again once.
    const looksLikeQuestion = ctx.text.includes('?') || ctx.text.split(/\s+/).length > 6 || !!ctx.message.action;
    if (looksLikeQuestion || s.retries >= 1) return { handled: false };
    return next(ctx, { ...s, retries: s.retries + 1 }, false);
  },
};
