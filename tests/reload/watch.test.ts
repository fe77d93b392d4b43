import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LiveKnowledge, type ReloadOutcome } from '../../src/knowledge/snapshot.js';
import { ReloadNotifier } from '../../src/kb-drafts/notifier.js';
import { KbAdmins } from '../../src/kb-drafts/admins.js';
import { ChannelRouter } from '../../src/channels.js';
import { openSqliteStores } from '../../src/store/sqlite/index.js';
import type { Stores } from '../../src/store/escalation-types.js';
import { captureLogs, type CapturedLogs } from '../helpers/log-capture.js';
import { copyKnowledge } from '../helpers/knowledge-copy.js';
import { RecordingAdapter } from '../helpers/recording-adapter.js';
import { eventually, pause, witness, writeEntry } from './support.js';

/**
 * The file watcher end to end: real fs.watch events, a short debounce and settle time, admins told
 * through the router. Timing is polled with a generous timeout, never assumed.
 */

const SETTLE_MS = 600;
let kb: ReturnType<typeof copyKnowledge>;
let logs: CapturedLogs;
let live: LiveKnowledge;
let outcomes: ReloadOutcome[];
let channel: RecordingAdapter;
let stores: Stores;
let notifier: ReloadNotifier;

beforeEach(() => {
  kb = copyKnowledge();
  logs = captureLogs();
  live = new LiveKnowledge(kb.dir, logs.logger);
  outcomes = [];
  live.onReload((o) => outcomes.push(o));
  stores = openSqliteStores(':memory:');
  const router = new ChannelRouter();
  channel = new RecordingAdapter('console');
  router.register(channel);
  notifier = new ReloadNotifier({ admins: new KbAdmins([{ channel: 'console', userId: 'dtnum' }]), refs: stores.refs, outbox: router, logger: logs.logger });
  live.onReload(notifier.listener);
  mkdirSync(join(kb.dir, 'drafts'));
  live.watch({ debounceMs: 60, settleMs: SETTLE_MS, ignore: [join(kb.dir, 'drafts')] });
});
afterEach(async () => {
  live.close();
  await notifier.idle();
  await stores.close();
  kb.remove();
});

const ids = () => live.current().entries.map((e) => e.id);
const toAdmin = () => channel.to('dtnum').map((r) => r.text);

describe('live reload through fs.watch', () => {
  it('reloads a valid edit by itself', async () => {
    writeEntry(kb.dir, 'temoin-rechargement', witness());
    await eventually(() => expect(ids()).toContain('temoin-rechargement'));
    expect(toAdmin()).toEqual([]);
  });

  it('coalesces an editor’s burst of half-written states: the finished file is served, admins are not disturbed', async () => {
    const full = witness();
    const path = join(kb.dir, 'faq', 'temoin-rechargement.md');
    for (let n = 1; n <= 8; n++) writeFileSync(path, full.slice(0, Math.floor((full.length * n) / 8)));
    await eventually(() => expect(ids()).toContain('temoin-rechargement'));
    await pause(SETTLE_MS + 300);
    await notifier.idle();
    expect(toAdmin()).toEqual([]);
    expect(outcomes.filter((o) => !o.ok && o.settled)).toEqual([]);
  });

  it('a half-written state seen by a reload is refused unsettled, then the finished save is taken without any admin message', async () => {
    const full = witness();
    writeEntry(kb.dir, 'temoin-rechargement', full.slice(0, 40));
    await eventually(() => expect(outcomes.some((o) => !o.ok && !o.settled)).toBe(true));
    writeEntry(kb.dir, 'temoin-rechargement', full);
    await eventually(() => expect(ids()).toContain('temoin-rechargement'));
    await pause(SETTLE_MS + 300);
    await notifier.idle();
    expect(toAdmin()).toEqual([]);
  });

  it('tells the admins once per distinct failure, not once per event, and once when it is fixed', async () => {
    const served = live.current().entries.length;
    const broken = witness().replace('title: "Question témoin du rechargement ?"', 'title: "Q ?"');
    for (let n = 0; n < 3; n++) {
      writeEntry(kb.dir, 'temoin-rechargement', broken);
      await pause(150);
    }
    await eventually(() => expect(toAdmin()).toHaveLength(1));
    const notice = toAdmin()[0]!;
    expect(notice).toMatch(new RegExp(`Modification de la base de connaissances refusée.*version précédente \\(${served} entrées\\)`, 's'));
    expect(notice).toMatch(/faq\/temoin-rechargement\.md:3 \[title\]: title must be a real question/);
    // The same problem saved again: no new message.
    writeEntry(kb.dir, 'temoin-rechargement', broken);
    await eventually(() => expect(outcomes.filter((o) => !o.ok && o.settled).length).toBeGreaterThanOrEqual(2));
    await notifier.idle();
    expect(toAdmin()).toHaveLength(1);
    // Another problem: a new message.
    writeEntry(kb.dir, 'temoin-rechargement', broken.replace(/updated: .*/, 'updated: hier'));
    await eventually(() => expect(toAdmin()).toHaveLength(2));
    expect(toAdmin()[1]).toMatch(/\[updated\]/);
    expect(ids()).not.toContain('temoin-rechargement');
    writeEntry(kb.dir, 'temoin-rechargement', witness());
    await eventually(() => expect(toAdmin()).toHaveLength(3));
    expect(toAdmin()[2]).toMatch(new RegExp(`Base de connaissances rechargée.*${served + 1} entrées`, 's'));
    expect(ids()).toContain('temoin-rechargement');
  });

  it('survives a file deleted and renamed mid-edit (vim-style save: rename away, write anew)', async () => {
    const path = join(kb.dir, 'faq', 'mirai-portail.md');
    const original = readFileSync(path, 'utf8');
    const edited = original.replace(/^title: .*$/m, 'title: "MIRAI : le portail, en bref ?"');
    renameSync(path, `${path}~`);
    await pause(20);
    writeFileSync(path, edited.slice(0, 30));
    writeFileSync(path, edited);
    unlinkSync(`${path}~`);
    await eventually(() => expect(live.current().byId.get('mirai-portail')?.title).toBe('MIRAI : le portail, en bref ?'));
    // Deleted for good, then restored (a checkout): refused while others point to it, served again after.
    const before = live.current();
    unlinkSync(path);
    await eventually(() => expect(outcomes.at(-1)).toMatchObject({ ok: false }));
    expect(live.current()).toBe(before);
    writeFileSync(path, original);
    await eventually(() => expect(live.current().byId.get('mirai-portail')?.title).toBe("MIRAI, qu'est-ce que c'est ?"));
  });

  it('does not reload for drafts or editor temp files', async () => {
    writeFileSync(join(kb.dir, 'drafts', 'un-brouillon.md'), witness('un-brouillon'));
    writeFileSync(join(kb.dir, 'faq', '.mirai-portail.md.swp'), 'x');
    writeFileSync(join(kb.dir, 'faq', 'mirai-portail.md~'), 'x');
    await pause(500);
    expect(outcomes).toEqual([]);
    writeEntry(kb.dir, 'temoin-rechargement', witness());
    await eventually(() => expect(outcomes).toHaveLength(1));
  });
});
