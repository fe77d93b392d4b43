import { z } from 'zod';
import { INTENTS, type Intent, type Reply } from './types.js';

/**
 * The Reply contract (types.ts) as a zod schema: what every adapter may rely on when it renders
 * what the core says. Strict objects (an unknown field is a contract change), bounded sizes, and a
 * reply always has something to show: non-empty text, or a card with a non-empty fallback.
 */

/** Longest reply text the core produces (an escalation confirmation quoting a 4,000-character case and its context). */
export const MAX_REPLY_CHARS = 16_000;
export const MAX_LABEL_CHARS = 200;
export const MAX_CHOICES = 30;

const shown = (max: number) => z.string().max(max).refine((s) => s.trim().length > 0, 'must not be blank');

const actionSchema = z
  .object({
    type: z.string().regex(/^[a-z][a-z0-9._-]{0,63}$/i, 'an action type is a short identifier'),
    value: z.string().max(8_000).optional(),
    data: z.record(z.union([z.string().max(8_000), z.number().finite(), z.boolean()])).optional(),
  })
  .strict();

const choiceSchema = z.object({ label: shown(MAX_LABEL_CHARS), value: z.string().max(8_000), action: actionSchema.optional() }).strict();

const sourceSchema = z.object({ id: z.string().min(1).max(200), title: shown(500), citation: z.string().max(500).optional() }).strict();

const cardSchema = z
  .object({
    title: shown(300),
    tone: z.enum(['default', 'good', 'warning', 'attention', 'accent']).optional(),
    body: z.string().max(MAX_REPLY_CHARS).optional(),
    facts: z.array(z.object({ label: shown(MAX_LABEL_CHARS), value: z.string().max(MAX_REPLY_CHARS) }).strict()).max(20).optional(),
    sources: z.array(sourceSchema).max(10).optional(),
    actions: z.array(choiceSchema).max(MAX_CHOICES).optional(),
    fallbackText: shown(MAX_REPLY_CHARS),
  })
  .strict();

const metaSchema = z
  .object({
    intent: z.enum(INTENTS as [Intent, ...Intent[]]).optional(),
    verdict: z.enum(['allowed', 'allowed_with_conditions', 'not_allowed', 'needs_more_info']).nullable().optional(),
    tier: z.enum(['business_app', 'mirai', 'public_ai', 'unknown']).nullable().optional(),
    confidence: z.number().min(0).max(1).optional(),
    sources: z.array(sourceSchema).max(10).optional(),
    escalate: z.boolean().optional(),
    privacyFindings: z.array(z.string().regex(/^[a-z_]{1,40}$/)).optional(),
    data: z.array(z.string().max(60)).optional(),
    ticket: z.number().int().positive().optional(),
    hedged: z.boolean().optional(),
    generated: z.boolean().optional(),
  })
  .strict();

export const replySchema: z.ZodType<Reply> = z
  .object({
    text: z.string().max(MAX_REPLY_CHARS),
    choices: z.array(choiceSchema).max(MAX_CHOICES).optional(),
    card: cardSchema.optional(),
    meta: metaSchema.optional(),
  })
  .strict()
  .refine((r) => r.text.trim().length > 0 || !!r.card, 'a reply without a card needs text');

/** Every problem of a reply, as "path: message" lines (empty when it is valid). */
export function replyProblems(reply: unknown): string[] {
  const r = replySchema.safeParse(reply);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.') || '(reply)'}: ${i.message}`);
}
