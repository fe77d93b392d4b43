import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import type { Stores } from '../../src/store/escalation-types.js';
import type { ActionPayload, Reply } from '../../src/types.js';
import { RecordingAdapter } from './recording-adapter.js';

/** A real app on a real SQLite store, with a fake clock and a recording channel "test". */
export interface EscalationHarness {
  app: App;
  channel: RecordingAdapter;
  clock: { now: number };
  say(user: string, text: string): Promise<Reply[]>;
  press(user: string, action: ActionPayload): Promise<Reply[]>;
  /** Runs the whole agent flow and returns the ticket number. */
  openTicket(user: string, question: string, unitChoice?: string): Promise<number>;
}

export function escalationHarness(opts: { databasePath?: string; stores?: Stores; env?: Record<string, string> } = {}): EscalationHarness {
  const clock = { now: Date.UTC(2026, 10, 28, 9, 0, 0) };
  const app = createApp({
    config: loadConfig({ ESCALATION_REMINDER_MINUTES: '60', ESCALATION_HANDOVER_MINUTES: '120', ...opts.env }),
    logger: silentLogger(),
    watch: false,
    databasePath: opts.databasePath ?? ':memory:',
    stores: opts.stores,
    now: () => clock.now,
  });
  const channel = new RecordingAdapter('test');
  app.router.register(channel);
  const msg = (user: string, text: string, action?: ActionPayload) => ({ channel: 'test', conversationId: user, user: { id: user, name: user }, text, action });
  const h: EscalationHarness = {
    app,
    channel,
    clock,
    say: (user, text) => app.bot.handle(msg(user, text)),
    press: (user, action) => app.bot.handle(msg(user, '', action)),
    async openTicket(user, question, unitChoice = 'Pool national des ambassadeurs IA (DTNUM)') {
      await h.say(user, 'Je veux parler à un humain');
      let r = await h.say(user, question);
      if (r.some((x) => /de quelle structure/.test(x.text))) r = await h.say(user, unitChoice);
      r = await h.say(user, 'Envoyer');
      const m = /#\*\*(\d+)|\*\*#(\d+)\*\*/.exec(r.map((x) => x.text).join(' '));
      if (!m) throw new Error(`no ticket opened: ${r.map((x) => x.text).join(' | ')}`);
      return Number(m[1] ?? m[2]);
    },
  };
  return h;
}

export const text = (replies: Reply[]) => replies.map((r) => r.text).join('\n\n');
