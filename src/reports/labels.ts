/** French labels of what the report counts (intents, verdicts, channels, ticket statuses). */

const INTENT_LABELS: Record<string, string> = {
  charter_question: 'Question sur la charte',
  tool_check: 'Vérification d’un outil',
  escalation_request: 'Demande d’un ambassadeur',
  greeting: 'Salutation',
  help: 'Aide',
  out_of_scope: 'Hors périmètre',
  other: 'Autre (boutons, commandes, suite d’un échange)',
};

const INTENT_SHORT: Record<string, string> = {
  charter_question: 'Charte',
  tool_check: 'Outil',
  escalation_request: 'Ambassadeur',
  greeting: 'Salutation',
  help: 'Aide',
  out_of_scope: 'Hors périmètre',
  other: 'Autre',
};

const VERDICT_LABELS: Record<string, string> = {
  allowed: 'Autorisé',
  allowed_with_conditions: 'Autorisé sous conditions',
  not_allowed: 'Non autorisé',
  needs_more_info: 'Précisions demandées',
};

const CHANNEL_LABELS: Record<string, string> = {
  teams: 'Teams',
  matrix: 'Tchap',
  console: 'Console',
  transcript: 'Rejeu de transcription',
};

/** Display order of intents in charts and tables. */
export const INTENT_ORDER = ['charter_question', 'tool_check', 'escalation_request', 'out_of_scope', 'greeting', 'help', 'other'];

export const intentLabel = (intent: string): string => INTENT_LABELS[intent] ?? intent;
export const intentShort = (intent: string): string => INTENT_SHORT[intent] ?? intent;
export const verdictLabel = (verdict: string): string => VERDICT_LABELS[verdict] ?? verdict;
export const channelLabel = (channel: string): string => CHANNEL_LABELS[channel] ?? channel;
export const statusLabel = (status: 'open' | 'claimed'): string => (status === 'open' ? 'en attente' : 'prise en charge');
