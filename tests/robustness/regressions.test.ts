import { describe, it, expect, afterAll } from 'vitest';
import { escalationHarness, text } from '../helpers/escalation-app.js';
import { MAX_LISTED_TICKETS } from '../../dialogs/ambassador.js';
import { clip, sanitize } from '../../src/text.js';
import { matchCommand } from '../../src/commands.js';
import { Prng } from './support/prng.js';
import { cleanName } from '../../adapters/matrix/rooms.js';
import { illFormedStrings, replyListProblems } from './support/validate.js';

/** What the fuzz runs found, each pinned by a plain test. */

const AMB = 'ambassadeur-national';
const h = escalationHarness();
afterAll(async () => h.app.close());

describe('found by the fuzz runs', () => {
  it('« liste » with many active tickets shows the oldest 30 and counts the rest (it used to grow without bound)', async () => {
    const ids: number[] = [];
    for (let i = 0; i < MAX_LISTED_TICKETS + 12; i++) ids.push(await h.openTicket(`agent-liste-${i}`, `Notre service peut-il utiliser un outil d’IA pour trier le courrier numéro ${i} ?`));
    const replies = await h.say(AMB, 'liste');
    expect(replyListProblems(replies)).toEqual([]);
    const listed = text(replies).split('\n').filter((l) => l.startsWith('- #'));
    expect(listed).toHaveLength(MAX_LISTED_TICKETS);
    expect(listed[0]).toContain(`#${ids[0]} `);
    expect(text(replies)).toMatch(new RegExp(`^${ids.length} demande\\(s\\) en cours, les ${MAX_LISTED_TICKETS} plus anciennes :`));
    expect(text(replies)).toMatch(/… et 12 demande\(s\) plus récente\(s\), non affichée\(s\)/);
    expect(text(replies).length).toBeLessThan(6_000);
  });

  it('a listed question is cut without breaking an emoji in half (no lone surrogate in « liste » or « mes demandes »)', async () => {
    // The emoji's two UTF-16 halves at 76 and 77: a cut at 77 units used to keep only the first.
    const question = `${'Puis-je utiliser un outil d’IA pour ce courrier ? '.padEnd(76, 'x')}🙂🙂🙂 et encore quelques mots ensuite`;
    expect(question.charCodeAt(76)).toBe(0xd83d);
    await h.openTicket('agent-emoji', question);
    expect(replyListProblems(await h.say(AMB, 'liste'))).toEqual([]);
    expect(replyListProblems(await h.say('agent-emoji', 'mes demandes'))).toEqual([]);
    for (let cut = 70; cut < 85; cut++) expect(clip(`${'a'.repeat(cut - 1)}🙂🙂🙂🙂🙂🙂🙂🙂`, 78)).toMatch(/^a*(?:🙂)*…$/u);
  });

  it('« transférer N <unknown scope> » quotes at most 80 characters of it back', async () => {
    const id = await h.openTicket('agent-transfer', 'Notre projet de tri des courriers par IA respecte-t-il la charte ?');
    const replies = await h.say(AMB, `transférer ${id} ${'périmètre inconnu '.repeat(10_000)}`);
    expect(replyListProblems(replies)).toEqual([]);
    expect(text(replies)).toMatch(/^Je ne connais pas le périmètre « périmètre inconnu .{0,70}… »/);
    expect(text(replies).length).toBeLessThan(2_000);
  });

  it('an answer typed in the Teams reply box goes through the privacy shield like a typed « répondre N … »', async () => {
    const id = await h.openTicket('agent-box', 'Notre projet de tri des courriers par IA respecte-t-il la charte ?');
    await h.say(AMB, `prendre ${id}`);
    const replies = await h.press(AMB, { type: 'ticket.reply', value: String(id), data: { text: 'Appelez-moi au 06 12 34 56 78 \ud83d pour en parler.' } });
    expect(replyListProblems(replies)).toEqual([]);
    const stored = (await h.app.stores.tickets.messages(id)).filter((m) => m.author === 'ambassador').map((m) => m.text);
    expect(stored).toHaveLength(1);
    expect(stored[0]).not.toContain('06 12 34 56 78');
    expect(stored[0]).not.toMatch(/\ud83d/);
    const relayed = h.channel.to('agent-box').at(-1)!;
    expect(relayed.text).toMatch(/Réponse de votre ambassadeur IA/);
    expect(relayed.text).not.toContain('06 12 34 56 78');
  });

  it('« répondre 0 » without text names no ticket in its metadata (no ticket 0 exists)', async () => {
    const [reply] = await h.say(AMB, 'répondre 0');
    expect(reply!.text).toMatch(/Écrivez votre réponse après le numéro/);
    expect(reply!.meta?.ticket).toBeUndefined();
    expect(replyListProblems([reply])).toEqual([]);
  });

  it('a Matrix display name holding half an emoji is cleaned (it made every mention of that person invalid Unicode)', () => {
    expect(cleanName('Camille \ud83d Martin\udc00', 'camille')).toBe('Camille  Martin');
    const long = `${'a'.repeat(79)}🙂🙂`;
    expect(cleanName(long, 'x')).toBe('a'.repeat(79));
    expect(illFormedStrings(cleanName(`${'é'.repeat(78)}🙂🙂`, 'x'))).toEqual([]);
    expect(cleanName('\ud800\u0000', 'repli')).toBe('repli');
  });

  it('cleans and reads long runs of whitespace or dots in linear time (two regexes were quadratic: 120,000 « … » held a turn 15 s)', async () => {
    // What sanitize did with /\s*\n\s*/g, checked against the linear version on random whitespace soup.
    const before = (t: string) => t.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD\uFFFE\uFFFF]/g, ' ').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, ' ').replace(/[ \t\u00A0\u202F]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();
    const r = new Prng(7);
    const alphabet = ['a', 'é', ' ', '\n', '\r', '\t', '\u3000', '\u2028', '\ufeff', '\u00a0', '\u000b', '\u0085', '\ud83d', '\ude00', '.'];
    for (let i = 0; i < 20_000; i++) {
      const t = Array.from({ length: r.int(0, 25) }, () => r.pick(alphabet)).join('');
      expect(sanitize(t)).toBe(before(t));
    }
    for (const unit of ['\r', '\u3000', ' \r', '…', '.', '?!']) {
      const text = `${unit.repeat(250_000)} aide`;
      const started = performance.now();
      sanitize(text);
      matchCommand(text);
      // Generous: the quadratic versions took tens of seconds on these inputs.
      expect(performance.now() - started, JSON.stringify(unit)).toBeLessThan(2_000);
    }
    expect(matchCommand('Aide !!! ...')?.id).toBe('help');
    expect(replyListProblems(await h.say('agent-dots', `${'…'.repeat(50_000)} Puis-je utiliser ChatGPT ?`))).toEqual([]);
  });
});
