import { z } from 'zod';
import type { ActionPayload } from '../../src/types.js';

/**
 * What a card button carries in Teams, and back. Every Action.Submit holds `{ charteIa: … }` in its
 * `data`; Teams merges input values next to it (the reply box of ticket notices is `charteIaText`).
 * Whatever comes back is validated here: a forged payload is either rejected or reaches the core,
 * which checks tickets and rights itself.
 */

export const PAYLOAD_KEY = 'charteIa';
/** Id of the Input.Text of the "Répondre" form; its value becomes `action.data.text`. */
export const REPLY_INPUT_ID = 'charteIaText';

const MAX_TEXT = 8_000;
const primitive = z.union([z.string().max(MAX_TEXT), z.number().finite(), z.boolean()]);

const actionSchema = z
  .object({
    type: z.string().regex(/^[a-z][a-z0-9._-]{0,63}$/i),
    value: z.string().max(500).optional(),
    data: z.record(primitive).refine((d) => Object.keys(d).length <= 20, 'too many fields').optional(),
  })
  .strict();

const submitSchema = z.union([z.object({ say: z.string().min(1).max(2_000) }).strict(), actionSchema]);

/** What a pressed button means for the core: an action, or words the user "says". */
export type ButtonIntent = { action: ActionPayload } | { say: string };

/** The `data` of an Action.Submit for one core button. */
export function submitData(intent: ButtonIntent): Record<string, unknown> {
  return { [PAYLOAD_KEY]: 'say' in intent ? { say: intent.say } : intent.action };
}

/**
 * Reads the `value` of a card submit (a message activity) or the `data` of an Action.Execute.
 * Returns undefined when there is no Charte IA payload, 'invalid' when one is there but malformed.
 */
export function readSubmit(value: unknown): ButtonIntent | 'invalid' | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const raw = (value as Record<string, unknown>)[PAYLOAD_KEY];
  if (raw === undefined) return undefined;
  const parsed = submitSchema.safeParse(raw);
  if (!parsed.success) return 'invalid';
  if ('say' in parsed.data) return { say: parsed.data.say };
  const action: ActionPayload = { type: parsed.data.type };
  if (parsed.data.value !== undefined) action.value = parsed.data.value;
  if (parsed.data.data) action.data = { ...parsed.data.data };
  const typed = (value as Record<string, unknown>)[REPLY_INPUT_ID];
  if (typeof typed === 'string') action.data = { ...action.data, text: typed.slice(0, MAX_TEXT) };
  return { action };
}

/**
 * An Action.Execute (`adaptiveCard/action` invoke) from a card built elsewhere: the verb is the
 * action type, `data.value` its value, other plain fields its data.
 */
export function readExecute(verb: unknown, data: unknown): ButtonIntent | 'invalid' | undefined {
  const ours = readSubmit(data);
  if (ours) return ours;
  if (typeof verb !== 'string' || !verb) return undefined;
  const fields: Record<string, unknown> = data && typeof data === 'object' && !Array.isArray(data) ? { ...(data as Record<string, unknown>) } : {};
  const value = typeof fields.value === 'string' ? fields.value : undefined;
  delete fields.value;
  const plain = Object.fromEntries(Object.entries(fields).filter(([, v]) => primitive.safeParse(v).success));
  const parsed = actionSchema.safeParse({ type: verb, value, data: Object.keys(plain).length ? plain : undefined });
  if (!parsed.success) return 'invalid';
  return readSubmit({ [PAYLOAD_KEY]: parsed.data, [REPLY_INPUT_ID]: (data as Record<string, unknown> | undefined)?.[REPLY_INPUT_ID] });
}
