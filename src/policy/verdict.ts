/**
 * assessToolQuestion: "Puis-je utiliser ChatGPT pour résumer ce courrier ?" → Assessment.
 * Detection (tool, data, automated decision, pressure) turns the text into facts; the rule table
 * (rules.ts) turns the facts into a verdict. Deterministic, no model, well under a millisecond on
 * a typical question, linear in the length of the text.
 */
import type { SourceRef } from '../types.js';
import { detectAutomatedDecision } from './automation.js';
import type { CompiledCatalogue } from './catalogue.js';
import { analyzeData } from './data-analysis.js';
import type { Policy } from './load.js';
import { detectPressure } from './pressure.js';
import { evaluateRules, RULES, type PolicyFacts, type PolicyRule } from './rules.js';
import { POLICY_SOURCES } from './sources.js';
import { tokenize } from './text.js';
import { detectTool } from './tool-detect.js';
import {
  DATA_SEVERITY,
  type Assessment,
  type DataCategory,
  type DataKindAnswer,
  type TierOrUnknown,
  type ToolRef,
  type ToolTierAnswer,
} from './types.js';

export interface AssessContext {
  policy: Policy;
  /** Types of personal data the privacy shield found in the message ('person_name', 'nir'…). */
  piiTypes?: readonly string[];
  /** Answers to the clarifying questions (render.ts choice values), when the dialog asked them. */
  answers?: { tier?: ToolTierAnswer; data?: DataKindAnswer };
  /** Rule table override (tests, audits). */
  rules?: readonly PolicyRule[];
}

export const DATA_LABELS: Record<DataCategory, string> = {
  protected: 'informations protégées (Diffusion Restreinte, classifiées, sécurité)',
  sensitive: 'données sensibles',
  personal: 'données à caractère personnel',
  confidential: 'informations confidentielles',
  internal: 'contenu interne non public',
  public: 'contenu public ou générique',
};

const ANSWER_CATEGORIES: Record<DataKindAnswer, DataCategory> = {
  public: 'public',
  internal: 'internal',
  personal: 'personal',
  sensitive: 'sensitive',
};

const PRESSURE_REASON =
  "Une autorisation invoquée, votre fonction ou l'urgence ne modifient pas les règles de la circulaire : la réponse reste la même.";

function toolFromAnswer(answer: ToolTierAnswer, catalogue: CompiledCatalogue): { tool: ToolRef | null; tier: TierOrUnknown } {
  if (answer === 'mirai' || answer === 'business_app') {
    const entry = catalogue.tools.find((t) => t.tier === answer && (answer === 'mirai' || t.generic));
    return { tool: entry ? { id: entry.id, name: entry.name, tier: entry.tier } : null, tier: answer };
  }
  // "Je ne sais pas" is treated as a consumer tool: nothing says it is institutional.
  return { tool: null, tier: 'public_ai' };
}

export function assessToolQuestion(text: string, ctx: AssessContext): Assessment {
  const { catalogue, lexicon } = ctx.policy;
  const tokenized = tokenize(text);

  const detection = detectTool(tokenized, catalogue);
  let tool = detection.tool;
  let tier: TierOrUnknown = tool?.tier ?? 'unknown';
  const extraReasons: string[] = [];
  if (!tool && ctx.answers?.tier) {
    ({ tool, tier } = toolFromAnswer(ctx.answers.tier, catalogue));
    if (ctx.answers.tier === 'unknown') {
      extraReasons.push("Faute de savoir si l'outil est fourni par le ministère, il est traité comme un outil d'IA grand public.");
    }
  }

  const analysis = analyzeData(tokenized, { lexicon, piiTypes: ctx.piiTypes });
  const data = new Set<DataCategory>(analysis.categories);
  if (ctx.answers?.data) data.add(ANSWER_CATEGORIES[ctx.answers.data]);
  const categories = DATA_SEVERITY.filter((c) => data.has(c));
  const restrictedPresent = categories.some((c) => c !== 'internal' && c !== 'public');
  // Same summary rule as the analysis: restricted categories supersede internal/public.
  const finalCategories = restrictedPresent ? categories.filter((c) => c !== 'internal' && c !== 'public') : categories.slice(0, 1);

  const automation = detectAutomatedDecision(tokenized);
  const pressure = detectPressure(tokenized);

  const facts: PolicyFacts = {
    tier,
    generic: detection.generic,
    data: new Set(finalCategories),
    dataKnown: finalCategories.length > 0,
    automated: automation.automated,
  };
  const { rule, matched } = evaluateRules(facts, ctx.rules ?? RULES);
  const sameVerdict = matched.filter((r) => r.verdict === rule.verdict);

  const reasons: string[] = [];
  for (const r of sameVerdict) if (!reasons.includes(r.reason)) reasons.push(r.reason);
  if (finalCategories.length) reasons.push(`Données repérées : ${finalCategories.map((c) => DATA_LABELS[c]).join(', ')}.`);
  if (tier === 'unknown' && detection.unknownName) {
    reasons.push(`L'outil « ${detection.unknownName} » ne figure pas dans le catalogue du ministère : rien n'indique qu'il s'agit d'une solution institutionnelle.`);
  }
  reasons.push(...extraReasons);
  if (pressure) reasons.push(PRESSURE_REASON);

  const sources: SourceRef[] = [];
  for (const r of sameVerdict) {
    for (const key of r.sources) {
      const src = POLICY_SOURCES[key];
      if (!sources.some((s) => s.id === src.id)) sources.push(src);
    }
  }

  return {
    verdict: rule.verdict,
    tool,
    tier,
    data: finalCategories.length ? finalCategories : ['unknown'],
    automatedDecision: automation.automated,
    ruleId: rule.id,
    matchedRules: matched.map((r) => r.id),
    reasons,
    conditions: [...rule.conditions],
    alternative: rule.alternative,
    missing: rule.verdict === 'needs_more_info' ? [...(rule.missing ?? [])] : [],
    escalate: sameVerdict.some((r) => r.escalate === true),
    unknownToolName: tier === 'unknown' ? detection.unknownName : null,
    pressure,
    sources,
  };
}
