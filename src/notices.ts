import type { Reply } from './types.js';
import { askAmbassador } from './replies.js';

/** Replies the bot itself gives, outside any dialog. */

const PII_LABELS: Record<string, string> = {
  email: 'une adresse électronique',
  phone: 'un numéro de téléphone',
  nir: 'un numéro de sécurité sociale',
  iban: 'des coordonnées bancaires',
  payment_card: 'un numéro de carte bancaire',
  person_name: 'un nom de personne',
  birth_date: 'une date de naissance',
  address: 'une adresse postale',
  license_plate: 'une plaque d’immatriculation',
  id_document: 'un numéro de pièce d’identité',
  ip_address: 'une adresse IP',
};

/** "un nom de personne, un numéro de téléphone": what was found, never the values. */
export function piiDescription(types: readonly string[]): string {
  return [...new Set(types.map((t) => PII_LABELS[t] ?? 'une donnée personnelle'))].join(', ');
}

/**
 * Shown once per conversation. It says what really happens: the shield masks before anything else,
 * the raw text is neither stored nor forwarded, the masked text is kept (RETENTION_DAYS) and is what
 * an ambassador reads if the agent asks for one.
 */
export function privacyNotice(types: string[], retentionDays: number): Reply {
  return {
    text:
      `Votre message contenait des données personnelles (${piiDescription(types)}) : je les ai masquées dès réception. ` +
      'Le texte d’origine n’est ni enregistré ni transmis par l’assistant (il reste dans l’historique de cette messagerie). ' +
      `Seule la version masquée est gardée, ${retentionDays} jours au plus après notre dernier échange ou la clôture de votre demande, ` +
      'et c’est elle seule qu’un ambassadeur IA lirait si vous lui transmettez votre question. ' +
      'Décrivez simplement la situation, sans nom ni numéro. Rappel : ce type de données ne doit jamais être saisi dans un outil d’IA grand public.',
    meta: { escalate: false },
  };
}

export function longMessageNote(length: number): Reply {
  return {
    text: `Votre message est très long (${length.toLocaleString('fr-FR')} caractères) : je n’en ai lu que le début. Pour une réponse précise, posez votre question en quelques phrases.`,
    meta: { escalate: false },
  };
}

/** A message with no French at all, about the charter or a tool: answered, in French. */
export function frenchAnswerNote(): Reply {
  return { text: 'Je vous réponds en français, la langue de la charte.', meta: { escalate: false } };
}

export function emptyReply(hadSymbols: boolean): Reply {
  return {
    text: hadSymbols
      ? 'Je n’ai pas compris votre message. Posez-moi votre question en quelques mots, par exemple : « Puis-je utiliser ChatGPT pour résumer un article de presse ? » Tapez « aide » pour voir ce que je sais faire.'
      : 'Je n’ai reçu aucun texte. Posez-moi votre question, ou tapez « aide » pour voir ce que je sais faire.',
    meta: { intent: 'help', escalate: false },
  };
}

export function cancelledReply(hadDialog: boolean): Reply {
  return {
    text: hadDialog ? 'C’est noté, j’abandonne la question en cours. Que puis-je faire pour vous ?' : 'Il n’y avait rien en cours. Que puis-je faire pour vous ?',
    meta: { escalate: false },
  };
}

export function errorReply(): Reply {
  return {
    text: 'Désolé, je n’ai pas pu traiter votre message à cause d’un problème technique. Réessayez dans un instant ; si cela persiste, un ambassadeur IA peut vous aider.',
    choices: [askAmbassador('explicit')],
    meta: { escalate: true },
  };
}

export function staleActionReply(): Reply {
  return {
    text: 'Ce bouton n’est plus actif : l’échange auquel il appartenait est terminé. Posez-moi simplement votre question.',
    meta: { escalate: false },
  };
}
