import { replyProblems } from '../../../src/reply-schema.js';
import type { Reply } from '../../../src/types.js';
import { cardOf, cardProblems } from '../../teams/support/cards.js';

/**
 * "Every reply valid": the core's Reply against its schema, and what each channel actually sends,
 * a Teams activity (a valid Adaptive Card with its fallback, under Teams' size limit) or a Matrix
 * event (plain body and HTML, only the tags the renderer produces, under the event size limit).
 */

/** Teams refuses activities over about 28 KB (the whole JSON, card included). */
export const TEAMS_MAX_ACTIVITY_BYTES = 28_000;
/** A Matrix event is at most 65,536 bytes with its envelope; the content must leave room for it. */
export const MATRIX_MAX_CONTENT_BYTES = 60_000;

const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Strings holding half of a surrogate pair (not valid Unicode: shown as �, refused by strict JSON parsers). */
export function illFormedStrings(value: unknown, where = ''): string[] {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? [`${where || '(value)'}: lone surrogate`] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => illFormedStrings(v, `${where}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => illFormedStrings(v, where ? `${where}.${k}` : k));
  return [];
}

export function replyListProblems(replies: unknown): string[] {
  if (!Array.isArray(replies)) return ['the core returned something else than an array of replies'];
  return replies.flatMap((r, i) => [...replyProblems(r), ...illFormedStrings(r)].map((p) => `reply ${i}: ${p}`));
}

/** A message activity the bot sent to the Bot Connector. */
export function teamsActivityProblems(body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (body.type !== 'message') problems.push(`activity type ${String(body.type)}`);
  const size = bytes(body);
  if (size > TEAMS_MAX_ACTIVITY_BYTES) problems.push(`activity of ${size} bytes`);
  if (typeof body.summary !== 'string' || !body.summary.trim()) problems.push('no summary');
  let card;
  try {
    card = cardOf(body);
  } catch (e) {
    return [...problems, (e as Error).message.slice(0, 200)];
  }
  problems.push(...cardProblems(card), ...illFormedStrings(body));
  return problems;
}

const MATRIX_TAGS = new Set(['p', 'br', 'ul', 'ol', 'li', 'blockquote', 'strong', 'em', 'code', 'a', 'h4']);
const SAFE_HREF = /^(?:https?:\/\/|mailto:)[^\s"<>]+$/i;

/** Tags and attributes of the HTML: only what the renderer writes, links with safe schemes. */
export function matrixHtmlProblems(html: string): string[] {
  const problems: string[] = [];
  const rest = html.replace(/<(\/?)([a-zA-Z0-9]+)((?:\s+[a-z]+="[^"]*")*)\s*\/?>/g, (_m, _close: string, tag: string, attrs: string) => {
    if (!MATRIX_TAGS.has(tag)) problems.push(`tag <${tag}>`);
    for (const [, name, value] of attrs.matchAll(/([a-z]+)="([^"]*)"/g)) {
      if (tag !== 'a' || name !== 'href') problems.push(`attribute ${name} on <${tag}>`);
      else if (!SAFE_HREF.test(value!.replace(/&amp;/g, '&'))) problems.push(`unsafe link ${value!.slice(0, 60)}`);
    }
    return '';
  });
  if (/[<>]/.test(rest)) problems.push(`unescaped markup: ${rest.slice(Math.max(0, rest.search(/[<>]/) - 20), rest.search(/[<>]/) + 40)}`);
  return problems;
}

/** The content of an m.room.message the bot sent (a notice, or an edit of one). */
export function matrixContentProblems(content: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const size = bytes(content);
  if (size > MATRIX_MAX_CONTENT_BYTES) problems.push(`content of ${size} bytes`);
  const check = (c: Record<string, unknown>, where: string) => {
    if (c.msgtype !== 'm.notice') problems.push(`${where}msgtype ${String(c.msgtype)}`);
    if (typeof c.body !== 'string' || !c.body.replace(/^\* /, '').trim()) problems.push(`${where}empty body`);
    if (c.format !== 'org.matrix.custom.html' || typeof c.formatted_body !== 'string' || !c.formatted_body.trim()) problems.push(`${where}no HTML body`);
    else problems.push(...matrixHtmlProblems(c.formatted_body.replace(/^\* /, '')).map((p) => `${where}${p}`));
    const mentions = c['m.mentions'];
    if (!mentions || typeof mentions !== 'object') problems.push(`${where}no m.mentions`);
  };
  check(content, '');
  problems.push(...illFormedStrings(content));
  const fresh = content['m.new_content'];
  if (fresh && typeof fresh === 'object') check(fresh as Record<string, unknown>, 'm.new_content: ');
  return problems;
}

/** Short description of an input for failure messages (never megabytes of it). */
export function describeInput(input: unknown): string {
  const s = typeof input === 'string' ? input : JSON.stringify(input);
  return s === undefined ? String(input) : s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s;
}

export type { Reply };
