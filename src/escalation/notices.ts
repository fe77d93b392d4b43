import type { Choice, Reply } from '../types.js';
import type { Ticket } from '../store/escalation-types.js';
import type { Scope } from './directory.js';
import { clip } from '../text.js';

/** What ambassadors and agents read about tickets. French, short, never raw personal data. */

const TRIGGERS: Record<Ticket['trigger'], string> = {
  explicit: 'demande explicite de l’agent',
  low_confidence: 'question sans réponse sûre de l’assistant',
  contested: 'réponse de l’assistant contestée',
  tool_case: 'cas d’usage d’outil à examiner',
  out_of_scope: 'question hors du périmètre de l’assistant',
};

const STATUS: Record<Ticket['status'], string> = { open: 'En attente', claimed: 'Prise en charge', closed: 'Close' };

export function statusLabel(t: Ticket): string {
  return STATUS[t.status];
}

/** Markdown quote, line by line. */
export function quote(text: string): string {
  return text
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
}

/** « aux ambassadeurs IA du pool national » / « à Région Bretagne (préfectures) »: where a ticket went. */
export function toScope(scope: Scope | undefined, fallbackId: string): string {
  return scope?.kind === 'national' ? 'au pool national' : `à ${scope?.label ?? fallbackId}`;
}

/**
 * The agent's unit and how the ticket reached its scope: « Préfecture du Rhône, transmis au pool
 * national faute d'ambassadeur disponible ». Undefined for tickets opened before units were recorded.
 */
function unitLine(t: Ticket, scope: Scope | undefined): string | undefined {
  if (t.routing === 'unknown') return `non précisée par l’agent, transmis ${toScope(scope, t.scope)}`;
  if (!t.unit) return undefined;
  if (t.escalatedToNational) return `${t.unit}, transmis au pool national faute de prise en charge dans le délai`;
  if (t.routing === 'fallback') return `${t.unit}, transmis ${toScope(scope, t.scope)} faute d’ambassadeur disponible`;
  return t.unit;
}

/** The notice ambassadors see; its buttons follow the ticket's state (it is updated in place). */
export function ticketNotice(t: Ticket, scope: Scope | undefined, claimerName?: string, reminder = false): Reply {
  const head = reminder ? `⏰ Rappel : la demande #${t.id} attend toujours un ambassadeur.` : `Nouvelle demande #${t.id} pour les ambassadeurs IA.`;
  const state =
    t.status === 'open' ? 'En attente d’un ambassadeur' : t.status === 'claimed' ? `Prise en charge par ${claimerName ?? t.claimedBy}` : 'Close';
  const unit = unitLine(t, scope);
  const lines = [
    head,
    '',
    `**Périmètre** : ${scope?.label ?? t.scope}`,
    ...(unit ? [`**Structure de l’agent** : ${unit}`] : []),
    `**Motif** : ${TRIGGERS[t.trigger]}`,
    `**État** : ${state}`,
    '',
    '**Question (données personnelles masquées)** :',
    quote(t.question),
  ];
  if (t.context) lines.push('', '**Contexte** :', quote(t.context));
  const actions: Choice[] = [];
  if (t.status === 'open') {
    lines.push('', `Pour la prendre : « prendre ${t.id} ».`);
    actions.push({ label: 'Prendre', value: `prendre ${t.id}`, action: { type: 'ticket.claim', value: String(t.id) } });
  } else if (t.status === 'claimed') {
    lines.push('', `Pour répondre : « répondre ${t.id} votre réponse » ; pour clore : « fermer ${t.id} » (ou « fermer ${t.id} faq » pour la proposer en FAQ).`);
    actions.push(
      { label: 'Répondre', value: `répondre ${t.id} `, action: { type: 'ticket.reply', value: String(t.id) } },
      { label: 'Fermer', value: `fermer ${t.id}`, action: { type: 'ticket.close', value: String(t.id) } },
      { label: 'Fermer et proposer en FAQ', value: `fermer ${t.id} faq`, action: { type: 'ticket.close', value: String(t.id), data: { faq: true } } },
    );
  }
  const text = lines.join('\n');
  return {
    text,
    card: {
      title: `Demande #${t.id} — ${scope?.label ?? t.scope}`,
      tone: t.status === 'open' ? 'attention' : t.status === 'claimed' ? 'accent' : 'good',
      body: [`**Question** :`, quote(t.question), ...(t.context ? ['', '**Contexte** :', quote(t.context)] : [])].join('\n'),
      facts: [
        { label: 'État', value: state },
        { label: 'Périmètre', value: scope?.label ?? t.scope },
        ...(unit ? [{ label: 'Structure de l’agent', value: unit }] : []),
        { label: 'Motif', value: TRIGGERS[t.trigger] },
      ],
      actions,
      fallbackText: text.replace(/\*\*/g, ''),
    },
    meta: { escalate: true, ticket: t.id },
  };
}

export function ambassadorAnswer(t: Ticket, text: string, ambassadorName: string): Reply {
  return {
    text: `**Réponse de votre ambassadeur IA** (demande #${t.id}) :\n\n${quote(text)}\n\n— ${ambassadorName}\n\nVous pouvez lui répondre en écrivant ici : je vous proposerai d’ajouter votre message à la demande #${t.id}.`,
    meta: { escalate: true, ticket: t.id },
  };
}

export function agentFollowUp(t: Ticket, text: string): Reply {
  return {
    text: `**Message de l’agent** sur la demande #${t.id} :\n\n${quote(text)}\n\nPour lui répondre : « répondre ${t.id} votre réponse ».`,
    meta: { escalate: true, ticket: t.id },
  };
}

export function ratingRequest(t: Ticket): Reply {
  const stars = [1, 2, 3, 4, 5].map((n) => ({
    label: `${'★'.repeat(n)}${'☆'.repeat(5 - n)}`,
    value: `note ${n}`,
    action: { type: 'ticket.rate', value: String(t.id), data: { rating: n } },
  }));
  return {
    text: `Votre demande #${t.id} a été close par l’ambassadeur IA. La réponse vous a-t-elle aidé ? Notez-la de 1 à 5.`,
    choices: stars,
    meta: { escalate: true, ticket: t.id },
  };
}

export function claimedNotice(t: Ticket, ambassadorName: string): Reply {
  return {
    text: `Bonne nouvelle : ${ambassadorName}, ambassadeur IA, a pris en charge votre demande #${t.id}. Sa réponse arrivera ici.`,
    meta: { escalate: true, ticket: t.id },
  };
}

export function transferredNotice(t: Ticket, scope: Scope | undefined, handover: boolean): Reply {
  const to = scope?.label ?? t.scope;
  return {
    text: handover
      ? `Votre demande #${t.id} n’a pas encore trouvé d’ambassadeur disponible : je l’ai transmise au ${to}.`
      : `Votre demande #${t.id} a été transmise à ${to}, plus à même d’y répondre.`,
    meta: { escalate: true, ticket: t.id },
  };
}

export function ticketLine(t: Ticket): string {
  const q = t.question.length > 80 ? clip(t.question, 78) : t.question;
  return `- #${t.id} — ${statusLabel(t)} — « ${q.replace(/\n/g, ' ')} »`;
}

const DATE_TIME = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });

/** « 28 novembre à 10:05 » (Paris time). */
export function frenchDateTime(ms: number): string {
  return DATE_TIME.format(ms);
}

/** An ambassador's answer that could not be relayed, quoted back to them. */
export function notDelivered(why: string, text: string, maxChars: number): string {
  const body = text.trim();
  if (!body) return `${why}.`;
  if (body.length > maxChars) return `${why} : votre réponse (${body.length} caractères) n’a pas été transmise à l’agent.`;
  return `${why} : votre réponse n’a pas été transmise à l’agent. La voici, pour que vous ne la perdiez pas :\n\n${quote(body)}\n\nSi l’agent doit encore la recevoir, il lui faudra ouvrir une nouvelle demande.`;
}
