import { describe, it, expect, afterEach } from 'vitest';
import { SynapseWorld, AMBASSADOR, BOT, bodyOf, htmlOf, relation } from './helpers/world.js';

/** Restarts and bursts on a real Synapse, under its default rate limits (rc_message: 10 at once, then 0.2/s per user). */

let w: SynapseWorld;
afterEach(async () => w?.close());

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('on Synapse: restarts and bursts', () => {
  it('after a restart, answers each message sent while it was down exactly once, and replays nothing', async () => {
    w = new SynapseWorld();
    await w.startBot();
    const alice = await w.agent('agent');
    const dm = await w.directChat(alice);
    const first = await w.turn(alice, dm, 'Qu’est-ce que MIRAI ?');
    expect(first.length).toBeGreaterThan(0);
    await w.adapter!.stop();

    const tools = ['DeepL', 'ChatGPT', 'Gemini'];
    const asked: string[] = [];
    for (const tool of tools) asked.push(await alice.say(dm, `Puis-je utiliser ${tool} pour traduire un communiqué de presse déjà publié ?`));
    await pause(1_000);
    expect(await w.botMessagesOnServer(alice, dm)).toHaveLength(first.length); // nobody answered meanwhile

    await w.startBot(); // same database: the saved sync token brings the missed messages
    for (const id of asked) await w.settled(id, 120_000);
    await pause(3_000); // a few more sync rounds: nothing else may come
    await w.adapter!.idle();
    await w.delivered(alice, dm);

    const after = (await w.botMessagesOnServer(alice, dm)).slice(first.length);
    for (const tool of tools) {
      const cards = after.filter((e) => /^<h4>/.test(String(e.content.formatted_body)) && String(e.content.body).includes(tool));
      expect(cards, `one verdict card for ${tool}`).toHaveLength(1);
    }
    expect(after.map((e) => String(e.content.body)).filter((b, i, all) => all.indexOf(b) !== i)).toEqual([]); // no duplicate
    expect(alice.messagesFrom(dm, BOT).slice(0, first.length).map((s) => s.eventId)).toEqual(first.map((s) => s.eventId));
    expect(await w.app.stores.kv.get('matrix-pending', 'index')).toBeUndefined();
  });

  it('a burst of 20 questions: every one answered once, as a reply to it, through Synapse’s 429s', async () => {
    w = new SynapseWorld();
    await w.startBot();
    const alice = await w.agent('agent');
    const camille = await w.agent('ambassadeur');
    const room = await alice.createRoom({ name: 'Rafale (e2e)', invite: [BOT, AMBASSADOR] });
    await camille.joinRoom(room);
    await w.joined(alice, room);

    const started = Date.now();
    const sending: Promise<string>[] = [];
    for (let i = 1; i <= 10; i++) {
      for (const who of [alice, camille]) sending.push(who.say(room, `Assistant IA, question ${who === alice ? 'A' : 'C'}${i} : qu’est-ce que MIRAI ?`));
    }
    const ids = await Promise.all(sending); // matrix-js-sdk waits out its own 429s
    for (const id of ids) await w.settled(id, 200_000);
    await pause(3_000);
    await w.adapter!.idle();
    await w.delivered(alice, room, 60_000);
    const elapsed = Date.now() - started;

    const answers = (await w.botMessagesOnServer(alice, room)).map((e) => ({ ...e, eventId: e.event_id, sender: BOT, type: 'm.room.message' }));
    const perQuestion = ids.map((id) => answers.filter((a) => relation(a)?.['m.in_reply_to']?.event_id === id).length);
    expect(perQuestion.every((n) => n >= 1), 'no question left unanswered').toBe(true);
    expect(new Set(perQuestion).size, 'the same number of messages for each (identical) question: none duplicated').toBe(1);
    expect(answers).toHaveLength(perQuestion.reduce((a, b) => a + b, 0));
    for (const [i, id] of ids.entries()) {
      const first = answers.find((a) => relation(a)?.['m.in_reply_to']?.event_id === id)!;
      const author = i % 2 === 0 ? alice.userId : AMBASSADOR;
      expect(htmlOf(first).startsWith(`<p><a href="https://matrix.to/#/${author}">`), 'the first reply names its author').toBe(true);
    }
    expect(answers.every((a) => /MIRAI/.test(bodyOf(a)))).toBe(true);
    const limited = w.logs.filter((l) => l.msg === 'matrix send retried' && l.kind === 'rate_limited');
    console.info(`burst: 20 questions answered in ${(elapsed / 1000).toFixed(1)} s; the bot waited out ${limited.length} 429 responses from Synapse`);
    expect(limited.length, 'Synapse rate-limited the bot at least once').toBeGreaterThan(0);
  });
});
