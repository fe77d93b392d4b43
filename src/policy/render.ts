/**
 * Turn an Assessment into what the agent reads: a title, a tone (card colour), a French
 * Markdown text and facts. Also exports the choice lists of the clarifying questions.
 */
import { DATA_LABELS } from './verdict.js';
import type { Assessment, DataKindAnswer, TierOrUnknown, ToolTierAnswer, Verdict } from './types.js';

export interface RenderedAssessment {
  title: string;
  tone: 'good' | 'warning' | 'attention' | 'default';
  /** French Markdown. */
  text: string;
  facts: { label: string; value: string }[];
}

export interface ChoiceItem<V extends string> {
  label: string;
  value: V;
}

export const TOOL_TIER_CHOICES: readonly ChoiceItem<ToolTierAnswer>[] = [
  { label: 'Une application métier du ministère', value: 'business_app' },
  { label: 'MIRAI, le portail IA du ministère', value: 'mirai' },
  { label: "Un outil d'IA grand public (ChatGPT, Gemini, DeepL…)", value: 'public_ai' },
  { label: 'Je ne sais pas', value: 'unknown' },
];

export const DATA_KIND_CHOICES: readonly ChoiceItem<DataKindAnswer>[] = [
  { label: 'Contenu public ou générique', value: 'public' },
  { label: 'Document interne non nominatif', value: 'internal' },
  { label: 'Données personnelles', value: 'personal' },
  { label: 'Données sensibles ou classifiées', value: 'sensitive' },
];

export const TOOL_QUESTION = 'Quel outil souhaitez-vous utiliser ?';
export const DATA_QUESTION = 'Quel type de données comptez-vous lui confier ?';

export const VERDICT_LABELS: Record<Verdict, string> = {
  allowed: 'Autorisé',
  allowed_with_conditions: 'Autorisé sous conditions',
  not_allowed: 'Non autorisé',
  needs_more_info: 'Précisions nécessaires',
};

const TONES: Record<Verdict, RenderedAssessment['tone']> = {
  allowed: 'good',
  allowed_with_conditions: 'warning',
  not_allowed: 'attention',
  needs_more_info: 'default',
};

export const TIER_LABELS: Record<TierOrUnknown, string> = {
  business_app: 'Application métier du ministère',
  mirai: 'MIRAI, portail de solutions IA du ministère',
  public_ai: "Outil d'IA grand public",
  unknown: 'Non précisé',
};

const AGENT_REMINDER = "Rappel : l'IA aide, mais toute décision est validée et prise par un agent du ministère.";

function choiceList(choices: readonly ChoiceItem<string>[]): string {
  return choices.map((c) => c.label).join(' · ');
}

function toolLabel(a: Assessment): string {
  if (a.tool) return a.tool.name;
  if (a.unknownToolName) return `${a.unknownToolName} (inconnu du catalogue)`;
  return 'Non précisé';
}

function dataLabel(a: Assessment): string {
  if (a.data[0] === 'unknown') return 'Non précisées';
  return (a.data as Exclude<Assessment['data'], ['unknown']>).map((c) => DATA_LABELS[c]).join(', ');
}

export function renderAssessment(a: Assessment): RenderedAssessment {
  const verdict = VERDICT_LABELS[a.verdict];
  const subject = a.tool ? a.tool.name : a.unknownToolName ?? null;
  const title = subject ? `${verdict} — ${subject}` : verdict;
  const citation = a.sources.map((s) => s.citation ?? s.title).join(' ; ');

  const lines: string[] = [`**${verdict}**`, ''];
  const [main, ...more] = a.reasons;
  if (main) lines.push(main, '');
  for (const r of more) lines.push(`- ${r}`);
  if (more.length) lines.push('');
  if (citation) lines.push(`**Règle** : ${citation}`, '');

  if (a.verdict === 'needs_more_info') {
    const questions: string[] = [];
    if (a.missing.includes('tool')) questions.push(`- ${TOOL_QUESTION} (${choiceList(TOOL_TIER_CHOICES)})`);
    if (a.missing.includes('data')) questions.push(`- ${DATA_QUESTION} (${choiceList(DATA_KIND_CHOICES)})`);
    if (questions.length) lines.push('**Pour vous répondre, précisez :**', ...questions, '');
  }
  if (a.conditions.length) {
    const heading = a.verdict === 'allowed' || a.verdict === 'allowed_with_conditions' ? '**Conditions**' : '**À retenir**';
    lines.push(`${heading} :`, ...a.conditions.map((c) => `- ${c}`), '');
  }
  if (a.alternative) lines.push(`**Solution plus sûre** : ${a.alternative}`, '');
  if (a.escalate) lines.push('En cas de doute, un ambassadeur IA peut vous accompagner : demandez à parler à un humain.', '');
  lines.push(`_${AGENT_REMINDER}_`);

  const facts = [
    { label: 'Verdict', value: verdict },
    { label: 'Outil', value: toolLabel(a) },
    { label: "Catégorie d'outil", value: TIER_LABELS[a.tier] },
    { label: 'Données', value: dataLabel(a) },
  ];
  if (a.automatedDecision) facts.push({ label: 'Décision automatisée', value: 'Oui : interdite sans validation par un agent' });
  if (citation) facts.push({ label: 'Règle', value: citation });

  return { title, tone: TONES[a.verdict], text: lines.join('\n'), facts };
}
