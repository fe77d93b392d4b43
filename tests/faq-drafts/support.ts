import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { ActionPayload, Reply } from '../../src/types.js';
import { RecordingAdapter } from '../helpers/recording-adapter.js';
import { captureLogs, type CapturedLogs } from '../helpers/log-capture.js';
import { copyKnowledge } from '../helpers/knowledge-copy.js';

export const ADMIN = 'dtnum-admin';
export const NATIONAL = 'ambassadeur-national';

/** A real app on a private copy of knowledge/, drafts in its drafts/ folder, a fake clock, admin "dtnum-admin". */
export function draftWorld(env: Record<string, string> = {}) {
  const kb = copyKnowledge();
  const clock = { now: Date.UTC(2026, 11, 3, 9, 0, 0) };
  const logs: CapturedLogs = captureLogs();
  const app: App = createApp({
    config: loadConfig({ KB_ADMINS: `console:${ADMIN}`, KB_DRAFTS_DIR: `${kb.dir}/drafts`, ...env }),
    logger: logs.logger,
    watch: false,
    knowledgeDir: kb.dir,
    databasePath: ':memory:',
    now: () => clock.now,
  });
  const channel = new RecordingAdapter('test');
  app.router.register(channel);
  const msg = (user: string, text: string, action?: ActionPayload) => ({ channel: 'test', conversationId: user, user: { id: user, name: user }, text, action });
  const world = {
    app,
    kb,
    clock,
    logs,
    channel,
    drafts: `${kb.dir}/drafts`,
    say: (user: string, text: string) => app.bot.handle(msg(user, text)),
    async openTicket(user: string, question: string): Promise<number> {
      await world.say(user, 'Je veux parler à un humain');
      let r = await world.say(user, question);
      if (r.some((x) => /de quelle structure/.test(x.text))) r = await world.say(user, 'Pool national des ambassadeurs IA (DTNUM)');
      r = await world.say(user, 'Envoyer');
      const m = /#\*\*(\d+)|\*\*#(\d+)\*\*/.exec(r.map((x) => x.text).join(' '));
      if (!m) throw new Error(`no ticket opened: ${r.map((x) => x.text).join(' | ')}`);
      return Number(m[1] ?? m[2]);
    },
    /** Agent question → ambassador answer → « fermer N faq ». */
    async answeredAndProposed(question: string, answer: string): Promise<number> {
      const id = await world.openTicket('agent-1', question);
      await world.say(NATIONAL, `prendre ${id}`);
      await world.say(NATIONAL, `répondre ${id} ${answer}`);
      await world.say(NATIONAL, `fermer ${id} faq`);
      return id;
    },
    async close() {
      await app.close();
      kb.remove();
    },
  };
  return world;
}

export const text = (replies: Reply[]) => replies.map((r) => r.text).join('\n\n');
