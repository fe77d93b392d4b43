import { z } from 'zod';

/**
 * The fields of an incoming activity that botbuilder and the bot read or echo back in replies,
 * with the types the Bot Framework schema gives them. A Teams activity always fits; one that does
 * not (a number where an id goes, an entity without a type, an Action.Execute without its action)
 * is refused with 400 before the turn, instead of failing inside botbuilder or, worse, when the
 * reply is serialised after the core has already acted on the message. Unknown fields pass.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** An identifier or short field echoed back to the Bot Connector: well-formed Unicode, bounded. */
const id = (max = 1_000) => z.string().max(max).refine((s) => !LONE_SURROGATE.test(s), 'not valid Unicode');

const account = z.object({ id: id().optional(), name: z.string().max(1_000).optional(), aadObjectId: id().optional(), role: id(100).optional() }).passthrough();

const activitySchema = z
  .object({
    type: id(100),
    id: id().optional(),
    channelId: id(100).optional(),
    serviceUrl: id(2_000),
    locale: id(100).optional(),
    textFormat: id(100).optional(),
    replyToId: id().optional(),
    name: id(200).optional(),
    timestamp: id(100).optional(),
    localTimestamp: id(100).optional(),
    text: z.string().optional(),
    from: account.optional(),
    recipient: account.optional(),
    conversation: z
      .object({ id: id(2_000), name: z.string().max(1_000).optional(), conversationType: id(100).optional(), tenantId: id(200).optional(), isGroup: z.boolean().optional() })
      .passthrough(),
    channelData: z.record(z.unknown()).optional(),
    entities: z.array(z.object({ type: id(200) }).passthrough()).optional(),
    attachments: z.array(z.record(z.unknown())).optional(),
    membersAdded: z.array(account).optional(),
    membersRemoved: z.array(account).optional(),
    reactionsAdded: z.array(z.object({ type: z.string().max(200) }).passthrough()).optional(),
    reactionsRemoved: z.array(z.object({ type: z.string().max(200) }).passthrough()).optional(),
  })
  .passthrough()
  .superRefine((a, ctx) => {
    // botbuilder reads `mentioned.id` of every mention entity when it strips the bot's mention.
    a.entities?.forEach((e, i) => {
      const mentioned = e.mentioned as Record<string, unknown> | undefined;
      if (e.type.toLowerCase() === 'mention' && (!mentioned || typeof mentioned !== 'object' || (mentioned.id !== undefined && typeof mentioned.id !== 'string'))) {
        ctx.addIssue({ code: 'custom', path: ['entities', i, 'mentioned'], message: 'a mention names who is mentioned' });
      }
    });
    if (a.type !== 'invoke') return;
    // botbuilder's invoke handlers (file consent, task modules, search…) all read fields of the value.
    const value = a.value as Record<string, unknown> | undefined;
    if (!value || typeof value !== 'object' || Array.isArray(value)) ctx.addIssue({ code: 'custom', path: ['value'], message: 'an invoke carries an object value' });
    else if (a.name === 'adaptiveCard/action' && (!value.action || typeof value.action !== 'object' || Array.isArray(value.action))) {
      ctx.addIssue({ code: 'custom', path: ['value', 'action'], message: 'an Action.Execute invoke carries its action' });
    }
  });

/** What is wrong with an activity, as "path: message" lines (field names and types only, never values). */
export function activityProblems(body: unknown): string[] {
  const r = activitySchema.safeParse(body);
  return r.success ? [] : r.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(activity)'}: ${i.message}`);
}
