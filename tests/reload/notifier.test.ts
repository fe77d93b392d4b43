import { describe, expect, it } from 'vitest';
import { ReloadNotifier } from '../../src/kb-drafts/notifier.js';
import { KbAdmins, kbAdminsField } from '../../src/kb-drafts/admins.js';
import { ChannelRouter } from '../../src/channels.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { openSqliteStores } from '../../src/store/sqlite/index.js';
import type { ReloadOutcome } from '../../src/knowledge/snapshot.js';
import { captureLogs } from '../helpers/log-capture.js';
import { RecordingAdapter } from '../helpers/recording-adapter.js';

const failure = (signature: string, settled = true): ReloadOutcome => ({
  ok: false,
  settled,
  signature,
  entries: 43,
  problems: [{ file: 'faq/x.md', line: 3, field: 'title', message: signature, fix: 'write a real question' }],
});
const success: ReloadOutcome = { ok: true, settled: true, signature: '', problems: [], entries: 44 };

function world(admins = 'teams:29:1abc-def,console:dtnum,matrix:@dtnum:agent.tchap.gouv.fr') {
  const logs = captureLogs();
  const stores = openSqliteStores(':memory:');
  const router = new ChannelRouter();
  const teams = new RecordingAdapter('teams');
  const consoleChannel = new RecordingAdapter('console');
  router.register(teams);
  router.register(consoleChannel);
  const notifier = new ReloadNotifier({ admins: new KbAdmins(loadConfig({ KB_ADMINS: admins }).KB_ADMINS), refs: stores.refs, outbox: router, logger: logs.logger });
  return { logs, stores, teams, consoleChannel, notifier };
}

describe('ReloadNotifier (DTNUM admins told about refused reloads)', () => {
  it('sends one French message per distinct settled failure and one when it is fixed; unsettled refusals stay quiet', async () => {
    const w = world();
    // The Teams admin has written to the bot once: their conversation is known. The Matrix one has not.
    await w.stores.refs.save({ channel: 'teams', conversationId: 'a:personal-chat', userId: '29:1abc-def', data: { serviceUrl: 'https://smba.example' } }, 1);
    await w.notifier.handle(failure('title must be a real question', false));
    expect(w.teams.sent).toHaveLength(0);
    await w.notifier.handle(failure('title must be a real question'));
    await w.notifier.handle(failure('title must be a real question'));
    expect(w.teams.sent.map((s) => s.ref.conversationId)).toEqual(['a:personal-chat']);
    expect(w.consoleChannel.to('dtnum')).toHaveLength(1);
    const text = w.teams.sent[0]!.reply.text;
    expect(text).toMatch(/^⚠️ \*\*Modification de la base de connaissances refusée\*\* : le bot continue de répondre avec la version précédente \(43 entrées\)/);
    expect(text).toContain('- faq/x.md:3 [title]: title must be a real question (fix: write a real question)');
    await w.notifier.handle(failure('another problem'));
    expect(w.teams.sent).toHaveLength(2);
    await w.notifier.handle(success);
    await w.notifier.handle(success);
    expect(w.teams.sent).toHaveLength(3);
    expect(w.teams.sent[2]!.reply.text).toMatch(/Base de connaissances rechargée.*44 entrées/);
    // After a recovery, the same failure again is news again.
    await w.notifier.handle(failure('title must be a real question'));
    expect(w.teams.sent).toHaveLength(4);
  });

  it('lists at most 8 problems and points to kb check for the rest', async () => {
    const w = world('console:dtnum');
    const many: ReloadOutcome = { ...failure('x'), problems: Array.from({ length: 12 }, (_, i) => ({ file: `faq/e${i}.md`, message: 'bad' })) };
    await w.notifier.handle(many);
    const text = w.consoleChannel.to('dtnum')[0]!.text;
    expect(text.match(/^- faq\/e\d+\.md: bad$/gm)).toHaveLength(8);
    expect(text).toMatch(/… et 4 autre\(s\) : « charte-ia kb check »/);
  });

  it('warns in the log when no admin can be reached (none configured, or none seen on Teams)', async () => {
    const w = world('teams:29:never-seen');
    await w.notifier.handle(failure('x'));
    expect(w.teams.sent).toHaveLength(0);
    expect(w.logs.lines.some((l) => l.level === 40 && /no DTNUM admin could be told/.test(l.msg))).toBe(true);
  });

  it('goes on with the other admins when one delivery fails', async () => {
    const w = world();
    await w.stores.refs.save({ channel: 'teams', conversationId: 'gone', userId: '29:1abc-def' }, 1);
    w.teams.failing.set('gone', 403);
    await w.notifier.handle(failure('x'));
    expect(w.consoleChannel.to('dtnum')).toHaveLength(1);
    expect(w.logs.lines.some((l) => /knowledge reload notice not delivered/.test(l.msg))).toBe(true);
  });
});

describe('KB_ADMINS', () => {
  it('reads channel:userId pairs, the user id keeping its own colons; duplicates once', () => {
    expect(loadConfig({ KB_ADMINS: ' teams:29:abc , matrix:@dtnum:agent.tchap.gouv.fr,console:dtnum,teams:29:abc' }).KB_ADMINS).toEqual([
      { channel: 'teams', userId: '29:abc' },
      { channel: 'matrix', userId: '@dtnum:agent.tchap.gouv.fr' },
      { channel: 'console', userId: 'dtnum' },
    ]);
    expect(loadConfig({}).KB_ADMINS).toEqual([]);
  });

  it('names every bad item in the error', () => {
    let error: unknown;
    try {
      loadConfig({ KB_ADMINS: 'slack:u1,matrix:dtnum,teams:,teams 29:x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/KB_ADMINS="slack:u1,matrix:dtnum,teams:,teams 29:x": must be a comma-separated list of channel:userId; "slack:u1": unknown channel "slack"/);
    expect(problems).toMatch(/"matrix:dtnum": a Matrix id looks like @name:server/);
    expect(problems).toMatch(/"teams:" is not channel:userId/);
    expect(problems).toMatch(/"teams 29:x": unknown channel "teams 29"/);
  });

  it('matches console, transcript and CLI users against the console identities', () => {
    const admins = new KbAdmins(kbAdminsField().parse('console:dtnum,teams:29:abc'));
    expect(admins.isAdmin('transcript', 'dtnum')).toBe(true);
    expect(admins.isAdmin('console', 'dtnum')).toBe(true);
    expect(admins.isAdmin('teams', 'dtnum')).toBe(false);
    expect(admins.isAdmin('teams', '29:abc')).toBe(true);
    expect(admins.isAdmin('matrix', '29:abc')).toBe(false);
  });
});
