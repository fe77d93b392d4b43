/**
 * The verdict rules, as a table evaluated in order: the first rule whose test holds decides.
 * Each rule cites the circular; reasons, conditions and alternatives are the French texts shown
 * to the agent. Keep this table readable: it is what a reviewer audits.
 *
 * Choices worth knowing (documented for the reviewer):
 *  - An unknown tool is treated like a consumer tool when the data alone rules consumer tools out
 *    (circular § 2: only institutional solutions may receive such data).
 *  - Internal (non-public, non-nominative) documents in a consumer tool are refused: they are
 *    covered by professional discretion, and MIRAI exists for them; generic or already public
 *    content stays possible under conditions.
 *  - MIRAI is admitted "sous réserve d'adéquation à la sensibilité des données": the bot cannot
 *    know which data MIRAI's solutions are cleared for, so sensitive data needs a confirmation
 *    (needs_more_info + escalation) and protected data (DR, classified) is refused.
 */
import type { SourceKey } from './sources.js';
import type { DataCategory, TierOrUnknown, Verdict } from './types.js';

export interface PolicyFacts {
  tier: TierOrUnknown;
  /** A generic mention ("un outil d'IA en ligne") rather than a named product. */
  generic: boolean;
  data: ReadonlySet<DataCategory>;
  dataKnown: boolean;
  automated: boolean;
}

export interface PolicyRule {
  id: string;
  /** What the rule covers, for the reviewer. */
  when: string;
  cite: string;
  sources: SourceKey[];
  test: (f: PolicyFacts) => boolean;
  verdict: Verdict;
  reason: string;
  conditions: string[];
  alternative: string | null;
  missing?: ('tool' | 'data')[];
  escalate?: boolean;
}

const has = (f: PolicyFacts, ...cats: DataCategory[]): boolean => cats.some((c) => f.data.has(c));
const restricted = (f: PolicyFacts): boolean => has(f, 'personal', 'sensitive', 'protected', 'confidential');
const nonInstitutional = (f: PolicyFacts): boolean => f.tier === 'public_ai' || f.tier === 'unknown';

export const ALTERNATIVES = {
  institutional:
    "Une application métier du ministère ou, à défaut, MIRAI, le portail de solutions IA du ministère, s'il est adapté à la sensibilité des données.",
  protected:
    "Uniquement une application métier du ministère prévue pour ce niveau de protection. Rapprochez-vous de votre officier de sécurité ou d'un ambassadeur IA : la circulaire ne précise pas que MIRAI est adapté aux informations protégées.",
  automation:
    'Une application métier du ministère peut aider à préparer le travail (pré-remplissage, tri, projet de réponse), mais chaque dossier est examiné et chaque décision validée et prise par un agent du ministère.',
  internal:
    "MIRAI, le portail de solutions IA du ministère (sous réserve d'adéquation à la sensibilité des données), ou une application métier dédiée.",
  prefer: 'À privilégier lorsqu’ils conviennent : une application métier du ministère, puis MIRAI, le portail de solutions IA du ministère.',
} as const;

const VERIFY = 'Vérifiez le résultat produit (exactitude, sources, biais) avant de l’utiliser : vous en restez responsable.';
const CYBER = "Respectez les conditions d'utilisation fixées par les services compétents, notamment en matière de cybersécurité.";
const AGENT_DECIDES = 'Toute décision concernant une personne ou un dossier reste validée et prise par un agent du ministère.';

export const RULES: readonly PolicyRule[] = [
  {
    id: 'automated-decision',
    when: "Une IA déciderait seule à propos d'une personne ou d'un dossier (quel que soit l'outil).",
    cite: 'Circulaire, § 1 ; RGPD, art. 22',
    sources: ['circular1', 'gdpr22'],
    test: (f) => f.automated,
    verdict: 'not_allowed',
    reason:
      "Une IA ne peut pas décider seule à propos d'une personne ou d'un dossier : la circulaire exige la validation et la prise de décision par un agent du ministère.",
    conditions: [
      "L'IA peut aider (pré-remplir, trier, proposer un projet), mais un agent examine chaque dossier, valide et prend la décision.",
      'Toute réponse ou décision adressée à un usager ou à un agent est relue et assumée par un agent.',
    ],
    alternative: ALTERNATIVES.automation,
  },
  {
    id: 'protected-data-non-institutional',
    when: 'Informations protégées (DR, classifiées, sécurité) avec un outil grand public ou inconnu.',
    cite: 'Circulaire, § 2',
    sources: ['circular2'],
    test: (f) => nonInstitutional(f) && has(f, 'protected'),
    verdict: 'not_allowed',
    reason:
      "Des informations protégées (Diffusion Restreinte, classifiées, liées à la sécurité) ne doivent jamais être saisies dans un outil d'IA grand public ou non validé par le ministère.",
    conditions: ["N'y copiez aucun extrait, même partiel ou reformulé."],
    alternative: ALTERNATIVES.protected,
    escalate: true,
  },
  {
    id: 'public-ai-restricted-data',
    when: 'Outil grand public avec des données personnelles, sensibles ou confidentielles.',
    cite: 'Circulaire, § 2',
    sources: ['circular2'],
    test: (f) => f.tier === 'public_ai' && restricted(f),
    verdict: 'not_allowed',
    reason:
      "Avec un outil d'IA grand public, la circulaire interdit de saisir des données sensibles ou protégées, de transmettre des données à caractère personnel et d'exposer des informations couvertes par une exigence de confidentialité.",
    conditions: ['Retirer les noms ne suffit pas si la personne ou le dossier reste reconnaissable : passez par une solution institutionnelle.'],
    alternative: ALTERNATIVES.institutional,
  },
  {
    id: 'unknown-tool-restricted-data',
    when: 'Outil non précisé ou inconnu du catalogue, avec des données personnelles, sensibles ou confidentielles.',
    cite: 'Circulaire, § 2',
    sources: ['circular2'],
    test: (f) => f.tier === 'unknown' && restricted(f),
    verdict: 'not_allowed',
    reason:
      "Avec ces données, aucun outil d'IA grand public ni outil non fourni par le ministère ne peut être utilisé : seule une solution institutionnelle est envisageable.",
    conditions: ["S'il s'agit d'une application métier du ministère ou de MIRAI, précisez-le : la réponse sera adaptée."],
    alternative: ALTERNATIVES.institutional,
  },
  {
    id: 'mirai-protected-data',
    when: 'MIRAI avec des informations protégées (DR, classifiées).',
    cite: 'Circulaire, § 2',
    sources: ['circular2'],
    test: (f) => f.tier === 'mirai' && has(f, 'protected'),
    verdict: 'not_allowed',
    reason:
      "MIRAI n'est admis que sous réserve d'adéquation à la sensibilité des données ; la circulaire n'indique pas qu'il est adapté aux informations protégées (Diffusion Restreinte ou classifiées).",
    conditions: ['Ne saisissez pas ces informations dans MIRAI sans confirmation écrite de votre officier de sécurité.'],
    alternative: ALTERNATIVES.protected,
    escalate: true,
  },
  {
    id: 'mirai-sensitive-data',
    when: 'MIRAI avec des données sensibles (santé, infractions, opinions, biométrie…).',
    cite: 'Circulaire, § 2',
    sources: ['circular2', 'gdpr9'],
    test: (f) => f.tier === 'mirai' && has(f, 'sensitive'),
    verdict: 'needs_more_info',
    reason:
      "MIRAI n'est admis que sous réserve d'adéquation à la sensibilité des données. Pour des données sensibles, cette adéquation doit être confirmée avant tout usage : je ne peux pas la garantir.",
    conditions: [
      'Faites confirmer par un ambassadeur IA ou par votre délégué à la protection des données que la solution MIRAI visée est adaptée à ces données.',
      "En attendant, n'y saisissez pas ces données.",
    ],
    alternative:
      "Une application métier du ministère dédiée à ce traitement ; pour MIRAI, attendez la confirmation de son adéquation à la sensibilité des données.",
    missing: [],
    escalate: true,
  },
  {
    id: 'mirai-personal-or-confidential',
    when: 'MIRAI avec des données personnelles ou confidentielles (non sensibles).',
    cite: 'Circulaire, § 2',
    sources: ['circular2'],
    test: (f) => f.tier === 'mirai' && has(f, 'personal', 'confidential'),
    verdict: 'allowed_with_conditions',
    reason:
      "MIRAI, le portail de solutions IA du ministère, peut être utilisé à défaut d'application métier dédiée, sous réserve d'adéquation à la sensibilité des données traitées.",
    conditions: [
      "Vérifiez que la solution MIRAI choisie est adaptée à la sensibilité de ces données ; en cas de doute, demandez à un ambassadeur IA ou à votre délégué à la protection des données.",
      'Limitez les données personnelles ou confidentielles au strict nécessaire.',
      'Si une application métier dédiée existe pour cette tâche, utilisez-la en priorité.',
      CYBER,
      AGENT_DECIDES,
    ],
    alternative: 'Une application métier du ministère dédiée à cette tâche, si elle existe.',
  },
  {
    id: 'mirai-internal-or-public',
    when: 'MIRAI avec un contenu interne non nominatif ou public.',
    cite: 'Circulaire, § 2',
    sources: ['circular2'],
    test: (f) => f.tier === 'mirai' && has(f, 'internal', 'public'),
    verdict: 'allowed',
    reason:
      "MIRAI, le portail de solutions IA du ministère, est la solution institutionnelle à utiliser à défaut d'application métier dédiée, pour un contenu de ce niveau de sensibilité.",
    conditions: [
      "Restez dans l'adéquation à la sensibilité des données : n'ajoutez ni données personnelles, ni données sensibles ou protégées sans vérification.",
      'Si une application métier dédiée existe pour cette tâche, utilisez-la en priorité.',
      VERIFY,
    ],
    alternative: null,
  },
  {
    id: 'mirai-data-unknown',
    when: 'MIRAI, données non précisées.',
    cite: 'Circulaire, § 2',
    sources: ['circular2'],
    test: (f) => f.tier === 'mirai',
    verdict: 'allowed_with_conditions',
    reason:
      "MIRAI, le portail de solutions IA du ministère, peut être utilisé à défaut d'application métier dédiée, sous réserve d'adéquation à la sensibilité des données que vous y traiterez.",
    conditions: [
      'Pour des données personnelles, vérifiez que la solution MIRAI choisie y est adaptée.',
      "Pour des données sensibles ou protégées (santé, infractions, Diffusion Restreinte…), demandez d'abord à un ambassadeur IA.",
      'Si une application métier dédiée existe pour cette tâche, utilisez-la en priorité.',
      VERIFY,
    ],
    alternative: null,
  },
  {
    id: 'business-app-protected-data',
    when: 'Application métier du ministère avec des informations protégées.',
    cite: 'Circulaire, § 2',
    sources: ['circular2', 'circular1'],
    test: (f) => f.tier === 'business_app' && has(f, 'protected'),
    verdict: 'allowed_with_conditions',
    reason:
      'Les applications métiers développées, proposées ou acquises par le ministère sont la voie à privilégier, à condition de garantir un niveau de sécurisation approprié aux informations traitées.',
    conditions: [
      "Uniquement si l'application est prévue pour ce niveau de protection ; à défaut, rapprochez-vous de votre officier de sécurité.",
      "Utilisez l'application dans le cadre de l'usage prévu et selon ses conditions d'utilisation.",
      AGENT_DECIDES,
    ],
    alternative: null,
  },
  {
    id: 'business-app',
    when: 'Application métier du ministère, utilisée pour son objet.',
    cite: 'Circulaire, § 2 ; § 1',
    sources: ['circular2', 'circular1'],
    test: (f) => f.tier === 'business_app',
    verdict: 'allowed',
    reason: 'Les applications métiers développées, proposées ou acquises par le ministère sont le premier choix de la circulaire.',
    conditions: [
      "Utilisez l'application dans le cadre de l'usage prévu et selon ses conditions d'utilisation.",
      "Les propositions de l'IA (pré-remplissage, tri, suggestions) sont vérifiées : la décision est validée et prise par un agent du ministère.",
      "Assurez-vous qu'il s'agit bien d'une application développée, proposée ou acquise par le ministère.",
    ],
    alternative: null,
  },
  {
    id: 'public-ai-internal-document',
    when: 'Outil grand public avec un document interne non public (même sans donnée personnelle).',
    cite: 'Circulaire, § 2',
    sources: ['circular2'],
    test: (f) => f.tier === 'public_ai' && has(f, 'internal'),
    verdict: 'not_allowed',
    reason:
      "Un document interne n'est pas public : il relève de la discrétion professionnelle, et la circulaire interdit d'exposer dans un outil grand public toute information couverte par une exigence de confidentialité. Elle n'admet l'outil grand public qu'en l'absence de solution institutionnelle adaptée.",
    conditions: [
      "Si vous n'utilisez que des éléments génériques ou déjà publics, sans rien reprendre du document interne, l'outil grand public peut être envisagé sous conditions.",
    ],
    alternative: ALTERNATIVES.internal,
  },
  {
    id: 'public-ai-public-content',
    when: 'Outil grand public avec un contenu public ou générique, sans donnée personnelle ni confidentielle.',
    cite: 'Circulaire, § 2',
    sources: ['circular2'],
    test: (f) => f.tier === 'public_ai' && has(f, 'public'),
    verdict: 'allowed_with_conditions',
    reason:
      "Pour un contenu public ou générique, un outil d'IA grand public peut être envisagé, en l'absence de solution institutionnelle adaptée.",
    conditions: [
      "Seulement si aucune solution institutionnelle ne convient : privilégiez une application métier du ministère, puis MIRAI.",
      "N'y saisissez aucune donnée à caractère personnel, aucune donnée sensible ou protégée, ni aucune information couverte par une exigence de confidentialité.",
      CYBER,
      VERIFY,
      AGENT_DECIDES,
    ],
    alternative: ALTERNATIVES.prefer,
  },
  {
    id: 'public-ai-data-unknown',
    when: 'Outil grand public, données non précisées.',
    cite: 'Circulaire, § 2',
    sources: ['circular2'],
    test: (f) => f.tier === 'public_ai',
    verdict: 'needs_more_info',
    reason:
      "Un outil d'IA grand public n'est envisageable qu'en l'absence de solution institutionnelle adaptée et sans aucune donnée personnelle, sensible, protégée ou confidentielle : la réponse dépend des données que vous comptez y mettre.",
    conditions: [],
    alternative: ALTERNATIVES.prefer,
    missing: ['data'],
  },
  {
    id: 'unknown-tool-data-unknown',
    when: 'Ni l’outil ni les données ne sont précisés.',
    cite: 'Circulaire, § 2',
    sources: ['circular2'],
    test: (f) => f.tier === 'unknown' && !f.dataKnown,
    verdict: 'needs_more_info',
    reason:
      "La réponse dépend de l'outil (application métier du ministère, MIRAI ou outil d'IA grand public) et des données que vous comptez lui confier.",
    conditions: [],
    alternative: ALTERNATIVES.prefer,
    missing: ['tool', 'data'],
  },
  {
    id: 'unknown-tool-known-data',
    when: 'Outil non précisé ou inconnu, contenu public ou interne.',
    cite: 'Circulaire, § 2',
    sources: ['circular2'],
    test: (f) => f.tier === 'unknown',
    verdict: 'needs_more_info',
    reason:
      "Pour ce contenu, la réponse dépend de l'outil : une application métier du ministère ou MIRAI conviennent ; un outil d'IA grand public n'est envisageable qu'à certaines conditions.",
    conditions: [],
    alternative: ALTERNATIVES.prefer,
    missing: ['tool'],
  },
];

/** Evaluate the table: the first matching rule decides; every matching rule is reported. */
export function evaluateRules(facts: PolicyFacts, rules: readonly PolicyRule[] = RULES): { rule: PolicyRule; matched: PolicyRule[] } {
  const matched = rules.filter((r) => r.test(facts));
  const rule = matched[0];
  if (!rule) throw new Error('policy rule table has no rule for these facts');
  return { rule, matched };
}
