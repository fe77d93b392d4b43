import type { TurnContext } from '../src/dialog.js';
import type { Choice, Reply } from '../src/types.js';
import type { UnitReading, UnitRoute } from '../src/escalation/units.js';
import { UNKNOWN_UNIT } from '../src/escalation/units.js';
import { quote, toScope } from '../src/escalation/notices.js';
import { placeholdersIn } from '../src/escalation/case-text.js';
import { piiDescription } from '../src/notices.js';

/**
 * What the agent reads during a hand-off (French). Every statement about their data says what
 * really happens: masked on arrival, only the masked text shown to ambassadors, kept RETENTION_DAYS
 * after the ticket is closed.
 */

export const MAX_QUESTION = 4_000;

const SEND: Choice = { label: 'Envoyer', value: 'Envoyer', action: { type: 'escalation.confirm', value: 'send' } };
const EDIT: Choice = { label: 'Modifier la question', value: 'Modifier la question', action: { type: 'escalation.confirm', value: 'edit' } };
const CHANGE_UNIT: Choice = { label: 'Changer de structure', value: 'Changer de structure', action: { type: 'escalation.confirm', value: 'unit' } };
export const CANCEL: Choice = { label: 'Annuler', value: 'Annuler', action: { type: 'escalation.confirm', value: 'cancel' } };
const PREVIOUS: Choice = { label: 'Transmettre cette question', value: 'Transmettre cette question', action: { type: 'escalation.confirm', value: 'previous' } };
const DONT_KNOW: Choice = { label: 'Je ne sais pas', value: 'Je ne sais pas', action: { type: 'escalation.unit', value: UNKNOWN_UNIT } };

export function reply(text: string, choices?: Choice[]): Reply {
  return { text, choices, meta: { intent: 'escalation_request', escalate: true } };
}

const withNote = (note: string | undefined, text: string) => (note ? `${note}\n\n${text}` : text);

/** Asks for the case; `previous` is the question the agent asked just before, offered, not assumed. */
export function askQuestion(opts: { started: boolean; previous?: string; note?: string }): Reply {
  if (opts.previous) {
    return reply(
      withNote(
        opts.note,
        `Je peux transmettre votre question à un ambassadeur IA, qui vous répondra ici même. S’agit-il de votre question précédente ?\n\n${quote(opts.previous)}\n\nSinon, décrivez votre question ou votre situation en quelques phrases, sans nom ni numéro de dossier.`,
      ),
      [PREVIOUS, CANCEL],
    );
  }
  const text = opts.started
    ? 'Pouvez-vous préciser ? Décrivez votre question ou votre situation en une ou deux phrases : ce que vous voulez faire, avec quel outil, sur quelles données.'
    : 'Je peux transmettre votre question à un ambassadeur IA, qui vous répondra ici même. Décrivez votre question ou votre situation en quelques phrases, sans nom ni numéro de dossier : je vous montrerai ce qui sera transmis avant tout envoi.';
  return reply(withNote(opts.note, text), [CANCEL]);
}

function unitChoices(ctx: TurnContext): Choice[] {
  const scopes = ctx.services
    .knowledge()
    .directory.allScopes()
    .filter((s) => s.kind !== 'departement' && s.kind !== 'service')
    .slice(0, 7)
    .map((s) => ({ label: s.label, value: s.label, action: { type: 'escalation.unit', value: s.id } }));
  return [...scopes, DONT_KNOW];
}

const UNIT_HELP =
  'Si vous ne savez pas, répondez « je ne sais pas » : votre question ira au pool national des ambassadeurs IA. Pour abandonner : « annuler ».';

export function askUnit(ctx: TurnContext, note?: string): Reply {
  return reply(
    withNote(
      note,
      'Pour transmettre votre question aux bons ambassadeurs, de quelle structure dépendez-vous ? Choisissez-la, ou écrivez-la comme vous la nommez (« préfecture du Rhône », « pref 69 », « DGEF »…). ' +
        `${UNIT_HELP} Je m’en souviendrai pour vos prochaines demandes.`,
    ),
    unitChoices(ctx),
  );
}

/** Longest unit answer quoted back when it is not understood. */
const QUOTED_CHARS = 60;

/** A unit answer not understood: says why, as precisely as the reading allows. */
export function unitNotUnderstood(ctx: TurnContext, text: string, reading: UnitReading, note?: string): Reply {
  let why: string;
  if (reading.tooLong) why = `Ce message est trop long pour être un nom de structure (${text.length.toLocaleString('fr-FR')} caractères) : indiquez seulement votre structure.`;
  else if (reading.ambiguous) why = 'Vous avez cité plusieurs structures : indiquez seulement la vôtre.';
  else if (reading.missingPlace) why = 'De quelle préfecture, de quel département ou de quelle région s’agit-il ?';
  else if (text.length <= QUOTED_CHARS && !placeholdersIn(text).length) why = `Je n’ai pas reconnu « ${text} » parmi les structures que je connais.`;
  else why = 'Je n’ai pas reconnu cette structure.';
  return reply(
    withNote(note, `${why} Choisissez-la dans la liste, ou indiquez votre direction, votre région ou votre département (nom ou numéro, par exemple « préfecture du Rhône » ou « 69 »). ${UNIT_HELP}`),
    unitChoices(ctx),
  );
}

/** The message held nothing but masked personal data: nothing to forward. */
export function onlyMaskedNote(piiTypes: string[]): string {
  const what = piiTypes.length ? ` (${piiDescription(piiTypes)})` : '';
  return `Votre message ne contenait que des données personnelles${what}, que j’ai masquées : il n’y a rien à transmettre, et je ne l’ai pas ajouté à votre demande.`;
}

export const NOISE_NOTE = 'Je n’ai pas compris ce message, et je ne l’ai pas ajouté à votre demande.';

export function tooLongNote(total: number): string {
  return `Avec ce message, votre demande dépasserait ${MAX_QUESTION.toLocaleString('fr-FR')} caractères (${total.toLocaleString('fr-FR')}) : je ne l’ai pas ajouté. Résumez-le en quelques phrases.`;
}

export function unitNoted(route: UnitRoute): string {
  return route.unit.known ? `C’est noté : ${route.unit.label}.` : 'C’est noté : votre question ira au pool national des ambassadeurs IA.';
}

function routeLine(route: UnitRoute): string {
  if (!route.unit.known) return 'Structure non précisée : votre demande ira au pool national des ambassadeurs IA.';
  if (!route.fallback) return `**Votre structure** : ${route.unit.label}.`;
  return `**Votre structure** : ${route.unit.label}. Aucun ambassadeur n’y est disponible pour l’instant : votre demande ira ${toScope(route.scope, route.scope.id)}.`;
}

/** Exactly what will be sent (masked text, context, unit), what is kept, and the buttons. */
export function confirmation(ctx: TurnContext, question: string, context: string, route: UnitRoute, note?: string): Reply {
  const days = ctx.services.config.RETENTION_DAYS;
  const masked = placeholdersIn(question);
  const lines = [`Voici ce qui sera transmis aux ambassadeurs IA (${route.scope.label}) :`, '', quote(question)];
  if (context) lines.push('', `_Contexte : ${context}_`);
  lines.push('', routeLine(route), '');
  lines.push(
    masked.length
      ? `Les données personnelles repérées ont été remplacées par ${masked.join(', ')} : les ambassadeurs ne liront que ce texte masqué.`
      : 'Je n’ai repéré aucune donnée personnelle : relisez, et retirez-en s’il en reste (« Modifier la question »).',
    `Ce texte est conservé avec votre demande jusqu’à ${days} jours après sa clôture ; l’ambassadeur pourra en faire, sans votre nom, un brouillon de FAQ pour la DTNUM. Vous pouvez encore ajouter un message avant l’envoi.`,
    '',
    'Confirmez-vous l’envoi ?',
  );
  return reply(withNote(note, lines.join('\n')), [SEND, EDIT, CHANGE_UNIT, CANCEL]);
}

export function opened(id: number, route: UnitRoute): Reply {
  const via = route.fallback ? `, faute d’ambassadeur disponible pour votre structure (${route.unit.label})` : '';
  return {
    text: `C’est transmis : votre demande **#${id}** est entre les mains des ambassadeurs IA (${route.scope.label})${via}. Leur réponse arrivera dans cette conversation. Tapez « mes demandes » pour suivre son état.`,
    meta: { intent: 'escalation_request', escalate: true, ticket: id },
  };
}

export const CANCELLED = 'Entendu, je ne transmets rien. Vous pouvez me poser une autre question.';
