import type { Activity, Attachment } from 'botbuilder';
import type { Card, Choice, Reply } from '../../src/types.js';
import { plain, sourceLine } from '../../src/replies.js';
import { markdownBlocks, inline, type BlockJson } from './markdown.js';
import { REPLY_INPUT_ID, submitData, type ButtonIntent } from './payload.js';

/**
 * A core Reply drawn as an Adaptive Card 1.5 with Teams-supported elements only: a header Container
 * coloured by the card's tone, the Markdown body as TextBlocks, a FactSet, the sources in small
 * print, choices as Action.Submit buttons (the "Répondre" of ticket notices opens a reply box), and
 * the card's own actions (👍 / 👎, ticket buttons) at the bottom. Every card has a plain-text
 * fallback, also used as the activity summary (what notifications and old clients show).
 */

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
export const CARD_VERSION = '1.5';

type ActionJson = Record<string, unknown> & { type: string; title: string };
export type CardJson = Record<string, unknown> & { type: 'AdaptiveCard'; version: string; body: unknown[]; fallbackText: string; actions?: ActionJson[] };

/** Teams draws at most this many buttons in one row set. */
const MAX_BUTTONS_PER_SET = 5;
const MAX_CARD_LINES = 200;
const REPLY_MAX_CHARS = 4_000;
/** Teams refuses messages over about 28 KB: longer texts are cut (the core keeps messages far shorter). */
const MAX_BODY_CHARS = 10_000;
const MAX_FALLBACK_CHARS = 4_000;

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function intentOf(choice: Choice): ButtonIntent {
  return choice.action ? { action: choice.action } : { say: choice.value };
}

function submit(choice: Choice): ActionJson {
  return { type: 'Action.Submit', title: choice.label.slice(0, 80), data: submitData(intentOf(choice)) };
}

/** "Répondre" on a ticket notice: a reply box and a submit carrying ticket.reply plus the typed text. */
function replyForm(choice: Choice): ActionJson {
  return {
    type: 'Action.ShowCard',
    title: choice.label.slice(0, 80),
    card: {
      type: 'AdaptiveCard',
      body: [
        {
          type: 'Input.Text',
          id: REPLY_INPUT_ID,
          label: 'Votre réponse à l’agent',
          placeholder: 'Écrivez votre réponse (sans données personnelles)',
          isMultiline: true,
          isRequired: true,
          maxLength: REPLY_MAX_CHARS,
          errorMessage: 'Écrivez votre réponse avant de l’envoyer.',
        },
      ],
      actions: [{ type: 'Action.Submit', title: 'Envoyer la réponse', data: submitData(intentOf(choice)) }],
    },
  };
}

function button(choice: Choice): ActionJson {
  return choice.action?.type === 'ticket.reply' ? replyForm(choice) : submit(choice);
}

function actionSets(choices: Choice[]): unknown[] {
  const sets: unknown[] = [];
  for (let i = 0; i < choices.length; i += MAX_BUTTONS_PER_SET) {
    sets.push({ type: 'ActionSet', actions: choices.slice(i, i + MAX_BUTTONS_PER_SET).map(button) });
  }
  return sets;
}

function header(card: Card): unknown {
  return {
    type: 'Container',
    style: card.tone ?? 'default',
    bleed: true,
    items: [{ type: 'TextBlock', text: inline(card.title), wrap: true, weight: 'Bolder', size: 'Medium' }],
  };
}

function cardSection(card: Card, replyText: string): unknown[] {
  const out: unknown[] = [header(card)];
  out.push(...markdownBlocks(cut(card.body ?? replyText, MAX_BODY_CHARS), MAX_CARD_LINES));
  if (card.facts?.length) {
    out.push({ type: 'FactSet', facts: card.facts.map((f) => ({ title: plain(f.label).slice(0, 100), value: inline(f.value) })) });
  }
  const sources = card.sources?.length ? sourceLine(card.sources) : '';
  if (sources) out.push({ type: 'TextBlock', text: sources, wrap: true, size: 'Small', isSubtle: true, spacing: 'Medium' });
  return out;
}

/** The whole reply as plain text (card fallback, activity summary, logs of tests). */
export function fallbackOf(reply: Reply): string {
  const choices = [...(reply.choices ?? []), ...(reply.card?.actions ?? [])];
  const lines = [reply.card ? cut(reply.card.fallbackText.trim(), MAX_FALLBACK_CHARS) : plain(cut(reply.text, MAX_FALLBACK_CHARS))];
  if (choices.length) lines.push('', ...choices.map((c, i) => `${i + 1}. ${c.label}`));
  return lines.join('\n');
}

export function renderCard(reply: Reply): CardJson {
  const body: unknown[] = reply.card ? cardSection(reply.card, reply.text) : [...markdownBlocks(cut(reply.text, MAX_BODY_CHARS), MAX_CARD_LINES)];
  if (reply.choices?.length) body.push(...actionSets(reply.choices));
  const card: CardJson = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    fallbackText: fallbackOf(reply),
    body: body.length ? body : [{ type: 'TextBlock', text: '…', wrap: true }],
  };
  const actions = reply.card?.actions ?? [];
  if (actions.length) card.actions = actions.map(button);
  return card;
}

/** One line for notifications and chat lists. */
export function summaryOf(reply: Reply): string {
  const first = (reply.card?.title ?? plain(cut(reply.text, 400))).split('\n').find((l) => l.trim()) ?? '';
  return first.length > 160 ? `${first.slice(0, 159)}…` : first;
}

/** The outgoing message activity for a reply. */
export function renderActivity(reply: Reply): Partial<Activity> {
  const attachment: Attachment = { contentType: ADAPTIVE_CARD, content: renderCard(reply) };
  return { type: 'message', summary: summaryOf(reply), attachments: [attachment] };
}

export type { BlockJson };
