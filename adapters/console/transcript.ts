import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { BotLike, ChannelAdapter, Choice, ConversationRef, Reply } from '../../src/types.js';
import { resolveChoice } from '../../src/choices.js';

/** One line of a transcript: a user's message or button press. */
export const transcriptLineSchema = z
  .object({
    from: z.string().min(1).max(200),
    text: z.string().max(100_000).optional(),
    action: z
      .object({
        type: z.string().min(1).max(100),
        value: z.string().max(20_000).optional(),
        data: z.record(z.union([z.string(), z.number(), z.boolean()])).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((l) => l.text !== undefined || l.action !== undefined, 'a line needs "text" or "action"');

export type TranscriptLine = z.infer<typeof transcriptLineSchema>;

/** What the transcript prints for every bot reply: one JSON line (proactive messages carry their id). */
export function replyLine(to: string, reply: Reply, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ to, text: reply.text, choices: reply.choices ?? [], card: reply.card ?? null, ...extra });
}

/**
 * Replays a JSONL conversation, possibly with several users (each user is one personal conversation
 * whose id is the `from` string), and prints every reply as a JSON line. Dialog tests use it.
 */
export class TranscriptAdapter implements ChannelAdapter {
  readonly name = 'transcript';
  private readonly lastChoices = new Map<string, Choice[]>();
  private sent = 0;

  constructor(
    private readonly out: (line: string) => void,
    private readonly err: (line: string) => void = () => undefined,
  ) {}

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  /** Proactive message (an ambassador's answer, a notice): printed like a reply, with an id. */
  async send(ref: ConversationRef, reply: Reply): Promise<string> {
    const to = ref.userId ?? ref.conversationId;
    const id = `msg-${++this.sent}`;
    this.remember(to, reply);
    this.out(replyLine(to, reply, { proactive: true, id }));
    return id;
  }

  /** An earlier proactive message replaced in place (e.g. a ticket notice once claimed). */
  async update(ref: ConversationRef, messageId: string, reply: Reply): Promise<void> {
    const to = ref.userId ?? ref.conversationId;
    this.remember(to, reply);
    this.out(replyLine(to, reply, { proactive: true, updates: messageId }));
  }

  /** Plays one parsed line. */
  async play(bot: BotLike, line: TranscriptLine): Promise<void> {
    const picked = line.action ? undefined : resolveChoice(line.text ?? '', this.lastChoices.get(line.from));
    const replies = await bot.handle({
      channel: 'transcript',
      conversationId: line.from,
      user: { id: line.from, name: line.from },
      text: picked?.text ?? line.text ?? '',
      action: line.action ?? picked?.action,
    });
    for (const r of replies) {
      this.remember(line.from, r);
      this.out(replyLine(line.from, r));
    }
  }

  /** Plays a whole JSONL text; a bad line is reported on the error stream and skipped. */
  async playText(bot: BotLike, lines: Iterable<string> | AsyncIterable<string>): Promise<number> {
    let n = 0;
    let bad = 0;
    for await (const raw of lines) {
      n++;
      if (!raw.trim() || raw.trim().startsWith('//')) continue;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        bad++;
        this.err(`transcript line ${n}: not valid JSON, skipped`);
        continue;
      }
      const parsed = transcriptLineSchema.safeParse(json);
      if (!parsed.success) {
        bad++;
        this.err(`transcript line ${n}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ')}, skipped`);
        continue;
      }
      await this.play(bot, parsed.data);
    }
    return bad;
  }

  async playFile(bot: BotLike, file: string): Promise<number> {
    const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    return this.playText(bot, rl);
  }

  private remember(user: string, reply: Reply): void {
    const choices = [...(reply.choices ?? []), ...(reply.card?.actions ?? [])];
    if (choices.length) this.lastChoices.set(user, choices);
  }
}
