import { z } from 'zod';

/**
 * Reading Matrix events defensively: anything missing or wrong-typed yields `undefined` (the event
 * is ignored), never an exception in the sync loop.
 */

const envelopeSchema = z
  .object({
    event_id: z.string().min(1).max(255),
    sender: z.string().min(1).max(255),
    type: z.string().min(1).max(255),
    origin_server_ts: z.number().finite(),
    content: z.record(z.unknown()),
    state_key: z.string().optional(),
  })
  .passthrough();

export type Envelope = z.infer<typeof envelopeSchema>;

export function parseEnvelope(event: unknown): Envelope | undefined {
  const r = envelopeSchema.safeParse(event);
  return r.success ? r.data : undefined;
}

/** Longest text handed to the core (a Matrix event is at most 64 KiB anyway). */
export const MAX_BODY_CHARS = 60_000;

export interface ParsedMessage {
  msgtype: string;
  body: string;
  formattedBody?: string;
  /** Event id this message replaces (an edit, `m.replace`). */
  replaces?: string;
  /** Event id this message answers (`m.in_reply_to`). */
  replyTo?: string;
  /** `m.mentions.user_ids` (intentional mentions). */
  mentions: string[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const obj = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

export function parseMessage(content: Record<string, unknown>): ParsedMessage | undefined {
  const relates = obj(content['m.relates_to']);
  const isEdit = relates?.rel_type === 'm.replace' && typeof relates.event_id === 'string';
  const source = isEdit ? obj(content['m.new_content']) : content;
  if (!source) return undefined;
  const msgtype = str(source.msgtype);
  const body = str(source.body);
  if (!msgtype || body === undefined) return undefined;
  const mentions = obj(source['m.mentions'])?.user_ids;
  return {
    msgtype,
    body: body.length > MAX_BODY_CHARS ? body.slice(0, MAX_BODY_CHARS) : body,
    formattedBody: str(source.formatted_body),
    replaces: isEdit ? (relates.event_id as string) : undefined,
    replyTo: str(obj(relates?.['m.in_reply_to'])?.event_id),
    mentions: Array.isArray(mentions) ? mentions.filter((m): m is string => typeof m === 'string') : [],
  };
}

export interface BotIdentity {
  userId: string;
  /** Display names the bot goes by (global and per room), lower-cased comparisons. */
  names: string[];
}

function isWordChar(c: string | undefined): boolean {
  return !!c && /[\p{L}\p{N}_]/u.test(c);
}

/** Positions where `needle` occurs in `hay` as a whole word (case-insensitive). */
function wordHits(hay: string, needle: string): number[] {
  const h = hay.toLowerCase();
  const n = needle.toLowerCase();
  const hits: number[] = [];
  if (n.length < 3) return hits;
  for (let i = h.indexOf(n); i >= 0 && hits.length < 20; i = h.indexOf(n, i + n.length)) {
    if (!isWordChar(hay[i - 1]) && !isWordChar(hay[i + n.length])) hits.push(i);
  }
  return hits;
}

/** A pill (`https://matrix.to/#/@bot…`), an intentional mention, the user id or a display name. */
export function mentionsBot(m: ParsedMessage, bot: BotIdentity): boolean {
  if (m.mentions.includes(bot.userId)) return true;
  const html = m.formattedBody?.toLowerCase() ?? '';
  const id = bot.userId.toLowerCase();
  if (html.includes(`matrix.to/#/${id}`) || html.includes(`matrix.to/#/${encodeURIComponent(bot.userId).toLowerCase()}`)) return true;
  if (m.body.toLowerCase().includes(id)) return true;
  return bot.names.some((n) => wordHits(m.body, n).length > 0);
}

/** Removes the bot's id and names from the text, and the punctuation that followed them. */
export function stripMention(body: string, bot: BotIdentity): string {
  let text = body;
  for (const needle of [bot.userId, ...bot.names].filter((n) => n.length >= 3).sort((a, b) => b.length - a.length)) {
    for (let guard = 0; guard < 20; guard++) {
      const at = needle === bot.userId ? text.toLowerCase().indexOf(needle.toLowerCase()) : (wordHits(text, needle)[0] ?? -1);
      if (at < 0) break;
      let end = at + needle.length;
      while (end < text.length && /[\s:,]/.test(text[end]!)) end++;
      text = `${text.slice(0, at)}${text.slice(end)}`;
    }
  }
  return text.replace(/^[\s:,@-]+/, '').trim();
}

export interface Reaction {
  target: string;
  vote?: 'up' | 'down';
}

export function parseReaction(content: Record<string, unknown>): Reaction | undefined {
  const relates = obj(content['m.relates_to']);
  if (relates?.rel_type !== 'm.annotation') return undefined;
  const target = str(relates.event_id);
  const key = str(relates.key);
  if (!target || key === undefined) return undefined;
  const k = key.replace(/[\uFE0E\uFE0F]/g, '').replace(/[\u{1F3FB}-\u{1F3FF}]/gu, '').trim();
  const vote = k === '👍' || k === '+1' || k === ':+1:' ? 'up' : k === '👎' || k === '-1' || k === ':-1:' ? 'down' : undefined;
  return { target, vote };
}

/** The first word of a "!command" message, folded by the caller; undefined when it is not one. */
export function commandWord(text: string): string | undefined {
  const m = /^!\s*(\S{1,40})/.exec(text.trim());
  return m?.[1];
}
