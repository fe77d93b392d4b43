import type { ActionPayload, Card, CardTone, Choice, Reply } from '../../src/types.js';
import { escapeHtml, markdownToHtml, markdownToPlain as plain } from './html.js';

/**
 * A Reply as a Matrix message: `m.notice` with an HTML `formatted_body` and a plain `body`. Cards
 * become HTML (title, body, facts, sources); choices and card actions become a numbered list the
 * agent answers with the number or the label. Feedback actions are also reachable by 👍 / 👎.
 */

export interface Mention {
  userId: string;
  /** Display name as the room shows it (escaped here like everything else). */
  name: string;
}

export interface RenderOptions {
  /** Starts the message with a pill naming this user (replies and proactive messages in group rooms). */
  mention?: Mention;
  /** A message to a whole room (ticket notices): actions are shown as the commands to type, not numbers. */
  broadcast?: boolean;
}

export interface MatrixContent {
  msgtype: 'm.notice';
  body: string;
  format: 'org.matrix.custom.html';
  formatted_body: string;
  'm.mentions': { user_ids?: string[] };
  [key: string]: unknown;
}

export interface Rendered {
  content: MatrixContent;
  /** The numbered choices, in the order shown (empty for broadcasts). */
  choices: Choice[];
  /** The feedback actions of the reply, for 👍 / 👎 reactions on the message. */
  feedback?: { up?: ActionPayload; down?: ActionPayload };
}

const TONE: Record<CardTone, string> = { default: '', good: '✅ ', warning: '⚠️ ', attention: '🔶 ', accent: '🔷 ' };

export function permalink(userId: string): string {
  return `https://matrix.to/#/${userId}`;
}

function cardHtml(card: Card): string {
  const parts = [`<h4>${escapeHtml(`${TONE[card.tone ?? 'default']}${card.title}`)}</h4>`];
  if (card.body) parts.push(markdownToHtml(card.body));
  if (card.facts?.length) {
    parts.push(`<ul>${card.facts.map((f) => `<li><strong>${escapeHtml(f.label)}</strong> : ${escapeHtml(plain(f.value))}</li>`).join('')}</ul>`);
  }
  const sources = [...new Set((card.sources ?? []).map((s) => s.citation ?? s.title))];
  if (sources.length) parts.push(`<p><em>Source${sources.length > 1 ? 's' : ''} : ${sources.map(escapeHtml).join(' ; ')}</em></p>`);
  return parts.join('');
}

function cardPlain(card: Card): string {
  const lines = [card.fallbackText];
  const missing = (card.facts ?? []).filter((f) => !card.fallbackText.includes(f.value));
  if (missing.length) lines.push('', ...missing.map((f) => `• ${f.label} : ${plain(f.value)}`));
  return lines.join('\n');
}

function isFeedback(c: Choice): boolean {
  return c.action?.type === 'feedback' && (c.action.value === 'up' || c.action.value === 'down');
}

export function renderReply(reply: Reply, opts: RenderOptions = {}): Rendered {
  const html: string[] = [];
  const text: string[] = [];
  if (opts.mention) {
    html.push(`<p><a href="${escapeHtml(permalink(opts.mention.userId))}">${escapeHtml(opts.mention.name)}</a> :</p>`);
    text.push(`${opts.mention.name} :`);
  }
  if (reply.card) {
    html.push(cardHtml(reply.card));
    text.push(cardPlain(reply.card));
  } else {
    html.push(markdownToHtml(reply.text));
    text.push(plain(reply.text));
  }
  const all = [...(reply.choices ?? []), ...(reply.card?.actions ?? [])];
  const feedbackChoices = all.filter(isFeedback);
  let choices: Choice[] = [];
  if (opts.broadcast) {
    const commands = all.filter((c) => !isFeedback(c) && c.value.trim());
    if (commands.length) {
      html.push(`<ul>${commands.map((c) => `<li>${escapeHtml(c.label)} : écrivez « <code>!${escapeHtml(c.value.trim())}</code> »</li>`).join('')}</ul>`);
      text.push('', ...commands.map((c) => `• ${c.label} : écrivez « !${c.value.trim()} »`));
    }
  } else if (all.length) {
    choices = all;
    html.push(`<p>Répondez par le numéro ou le libellé :</p><ol>${all.map((c) => `<li>${escapeHtml(c.label)}</li>`).join('')}</ol>`);
    text.push('', 'Répondez par le numéro ou le libellé :', ...all.map((c, i) => `${i + 1}. ${c.label}`));
  }
  if (feedbackChoices.length) {
    html.push('<p><em>Vous pouvez aussi réagir à ce message avec 👍 ou 👎.</em></p>');
    text.push('', 'Vous pouvez aussi réagir à ce message avec 👍 ou 👎.');
  }
  const up = feedbackChoices.find((c) => c.action!.value === 'up')?.action;
  const down = feedbackChoices.find((c) => c.action!.value === 'down')?.action;
  return {
    content: {
      msgtype: 'm.notice',
      body: text.join('\n').trim(),
      format: 'org.matrix.custom.html',
      formatted_body: html.join(''),
      'm.mentions': opts.mention ? { user_ids: [opts.mention.userId] } : {},
    },
    choices,
    feedback: up || down ? { up, down } : undefined,
  };
}

/** The content of an `m.replace` edit: a "* " fallback plus the full new content. */
export function editContent(originalEventId: string, fresh: MatrixContent): Record<string, unknown> {
  return {
    msgtype: fresh.msgtype,
    body: `* ${fresh.body}`,
    format: fresh.format,
    formatted_body: `* ${fresh.formatted_body}`,
    'm.mentions': {},
    'm.new_content': { ...fresh },
    'm.relates_to': { rel_type: 'm.replace', event_id: originalEventId },
  };
}
