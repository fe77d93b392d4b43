import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import type { ActionPayload, Reply } from '../../src/types.js';

/** Hubot-style test harness: talk to the real bot (real knowledge, real stores) as a user. */
export interface TestBot {
  app: App;
  say(user: string, text: string, channel?: string): Promise<Reply[]>;
  press(user: string, action: ActionPayload, channel?: string): Promise<Reply[]>;
}

let shared: App | undefined;

export function testApp(): App {
  shared ??= createApp({ config: loadConfig({}), logger: silentLogger(), watch: false, databasePath: ':memory:' });
  return shared;
}

export function testBot(app: App = testApp()): TestBot {
  return {
    app,
    say: (user, text, channel = 'test') => app.bot.handle({ channel, conversationId: user, user: { id: user, name: user }, text }),
    press: (user, action, channel = 'test') => app.bot.handle({ channel, conversationId: user, user: { id: user, name: user }, text: '', action }),
  };
}

export const allText = (replies: Reply[]) => replies.map((r) => r.text).join('\n\n');
export const mainMeta = (replies: Reply[]) => replies.map((r) => r.meta ?? {}).find((m) => m.intent) ?? {};
