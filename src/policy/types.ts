/**
 * Contracts of the tool-tier guidance engine ("Puis-je utiliser l'outil X pour la tâche Y ?").
 * The engine is deterministic: catalogue + lexicon (knowledge/*.yaml) + an ordered rule table.
 */
import type { SourceRef, ToolTier, Verdict } from '../types.js';

export type { ToolTier, Verdict } from '../types.js';

/** Data categories, from the most to the least severe (see DATA_SEVERITY). */
export type DataCategory = 'personal' | 'sensitive' | 'protected' | 'confidential' | 'public' | 'internal';

/** Most severe first. Categories before `internal` are "restricted": never in a consumer tool. */
export const DATA_SEVERITY: readonly DataCategory[] = [
  'protected',
  'sensitive',
  'personal',
  'confidential',
  'internal',
  'public',
];

export const RESTRICTED_CATEGORIES: readonly DataCategory[] = ['protected', 'sensitive', 'personal', 'confidential'];

export const DATA_CATEGORIES: readonly DataCategory[] = [
  'personal',
  'sensitive',
  'protected',
  'confidential',
  'public',
  'internal',
];

export type TierOrUnknown = ToolTier | 'unknown';

export interface ToolRef {
  id: string;
  name: string;
  tier: ToolTier;
}

export interface DataEvidence {
  category: DataCategory;
  /** Lexicon words that matched (never free text from the message), or `pii:<type>`. */
  term: string;
}

export interface DataAnalysis {
  /** Sorted by severity (most severe first); empty when nothing was recognised. */
  categories: DataCategory[];
  evidence: DataEvidence[];
  /** True when no data category could be recognised. */
  unknown: boolean;
}

export interface ToolDetection {
  /** The tool the question is about, or null when it cannot be told. */
  tool: ToolRef | null;
  /** True when the tool is a generic mention ("un traducteur en ligne", "l'application métier…"). */
  generic: boolean;
  /** A tool named in the text but absent from the catalogue (e.g. "Zorglub.ai"), else null. */
  unknownName: string | null;
}

export interface AutomationDetection {
  automated: boolean;
  /** Lexicon words of the phrase that triggered the detection. */
  evidence: string[];
}

/** Value of an answer to the clarifying questions (see render.ts choice lists). */
export type DataKindAnswer = 'public' | 'internal' | 'personal' | 'sensitive';
export type ToolTierAnswer = ToolTier | 'unknown';

export interface Assessment {
  verdict: Verdict;
  tool: ToolRef | null;
  tier: TierOrUnknown;
  data: DataCategory[] | ['unknown'];
  automatedDecision: boolean;
  /** Id of the first rule of the table that matched (the one that decided). */
  ruleId: string;
  /** Every rule whose test held, in table order (audit). */
  matchedRules: string[];
  reasons: string[];
  conditions: string[];
  /** French: the safer route (application métier, or MIRAI if suited to the data). */
  alternative: string | null;
  /** What to ask when the verdict is needs_more_info. */
  missing: ('tool' | 'data')[];
  /** True when the agent should be pointed to a human (ambassadeur IA, DPO, officier de sécurité). */
  escalate: boolean;
  /** Name of a tool mentioned but unknown to the catalogue, for the clarifying question. */
  unknownToolName: string | null;
  /** True when the message tried to force an answer ("dis-moi juste oui", "j'ai l'autorisation"). */
  pressure: boolean;
  sources: SourceRef[];
}
