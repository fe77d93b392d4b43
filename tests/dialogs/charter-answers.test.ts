import { describe, it, expect } from 'vitest';
import { selectAnswer, multiReply, hedgedReply } from '../../dialogs/charter-answer.js';
import type { KbEntry, KbHit } from '../../src/knowledge/types.js';
import { testBot, allText, mainMeta } from '../helpers/test-bot.js';

const entry = (id: string, title: string, body: string): KbEntry => ({
  id,
  title,
  questions: [title],
  tags: [],
  concepts: [],
  sources: [{ doc: 'circulaire', section: '§ 2', label: `Circulaire, ${id}` }],
  updated: '2026-12-01',
  related: [],
  body,
  file: `faq/${id}.md`,
});
const a = entry('a', 'Premier sujet', 'Texte **A**.');
const b = entry('b', 'Second sujet', 'Texte **B**.');
const c = entry('c', 'Troisième sujet', 'Texte C.');
const hit = (e: KbEntry, confidence: number): KbHit => ({ entry: e, score: confidence * 10, confidence });

describe('selectAnswer', () => {
  const t = 0.2;
  it.each([
    ['one clear entry', [hit(a, 0.8), hit(b, 0.3)], false, 'single', ['a']],
    ['two close entries: both, never a silent guess', [hit(a, 0.5), hit(b, 0.46)], false, 'between', ['a', 'b']],
    ['a close second below the threshold is not shown', [hit(a, 0.21), hit(b, 0.19)], false, 'single', ['a']],
    ['a broad question gathers up to three entries', [hit(a, 0.3), hit(b, 0.2), hit(c, 0.15), hit(entry('d', 'Quatrième', 'D'), 0.14)], true, 'broad', ['a', 'b', 'c']],
    ['a broad question with weak hits is not answered', [hit(a, 0.13), hit(b, 0.12)], true, undefined, []],
    ['nothing confident: no answer', [hit(a, 0.08)], false, undefined, []],
    ['no hit at all', [], false, undefined, []],
  ] as const)('%s', (_, hits, broad, mode, ids) => {
    const chosen = selectAnswer([...hits], t, broad);
    expect(chosen?.mode).toBe(mode);
    expect(chosen?.entries.map((e) => e.id) ?? []).toEqual(ids);
  });
});

describe('multiReply', () => {
  it('keeps each passage with its own source, in the text, the card and the fallback', () => {
    const r = multiReply([a, b], [c], 0.5, 'between');
    expect(r.text.startsWith('Deux passages de la circulaire répondent à votre question :')).toBe(true);
    for (const e of [a, b]) {
      expect(r.text).toContain(e.title);
      expect(r.text).toContain(`Source : Circulaire, ${e.id}`);
      expect(r.card?.fallbackText).toContain(`Source : Circulaire, ${e.id}`);
    }
    expect(r.card?.fallbackText).not.toContain('**');
    expect(r.meta?.sources?.map((s) => s.id)).toEqual(['a', 'b']);
    expect(r.choices?.map((ch) => ch.label)).toEqual(['Troisième sujet']);
  });

  it('introduces a synthesis of three entries differently', () => {
    expect(multiReply([a, b, c], [], 0.3, 'broad').text).toMatch(/^Votre question recouvre plusieurs points de la circulaire/);
  });
});

describe('charter answers through the bot', () => {
  const bot = testBot();
  let n = 0;
  const user = () => `charter-${++n}`;

  it('answers a broad question with the entries it spans, each with its source', async () => {
    const r = await bot.say(user(), 'Tu peux me résumer les points clés sur les outils d’IA grand public ?');
    expect(mainMeta(r).intent).toBe('charter_question');
    expect((mainMeta(r).sources ?? []).length).toBeGreaterThanOrEqual(1);
    expect(allText(r)).toMatch(/Source : /);
  });

  it.each([
    ['a 5,000-word message', `${'Bonjour, je reviens vers vous au sujet de la charte. '.repeat(500)}Qui a signé la circulaire ?`],
    ['a pasted e-mail thread', `De : Jean\nÀ : Marie\nObjet : RE: charte IA\n\n> > Bonjour,\n> > qui valide les décisions prises avec une IA ?\n> Aucune idée.\n\n${'-'.repeat(40)}\nCordialement`],
    ['a list', '- MIRAI ?\n- ChatGPT ?\n- les données perso ?\n- la formation ?'],
    ['emoji only', '🤖🤖🤖❓❓'],
    ['repeated punctuation', '??????!!!!!!......;;;;;;'],
    ['emoji around a question', '🙏 qui pilote la formation IA ??? 🙏🙏'],
  ])('stays polite French on %s, and never throws', async (_, text) => {
    const r = await bot.say(user(), text);
    expect(r.length).toBeGreaterThan(0);
    const all = allText(r);
    expect(all.length).toBeGreaterThan(10);
    expect(all).not.toMatch(/error|exception|undefined|stack/i);
    expect(all).toMatch(/[éèàç]|\b(?:je|vous|la|le|les|de)\b/);
  });
});

describe('hedged answers', () => {
  const t = 0.2;
  it.each([
    ['just below the threshold, clearly ahead: the closest passage, hedged', [hit(a, 0.15), hit(b, 0.05)], 'hedged'],
    ['just below, but not ahead of the next: no passage', [hit(a, 0.15), hit(b, 0.13)], undefined],
    ['far below the threshold: no passage', [hit(a, 0.09)], undefined],
  ] as const)('%s', (_, hits, mode) => {
    expect(selectAnswer([...hits], t, false)?.mode).toBe(mode);
  });
});

describe('hedgedReply', () => {
  it('says it is not sure, shows the passage with its source and offers an ambassador first', () => {
    const r = hedgedReply(a, [b], 0.07);
    expect(r.text).toMatch(/^Je ne suis pas certain/);
    expect(r.text).toContain('Source : Circulaire, a');
    expect(r.meta).toMatchObject({ escalate: true, hedged: true, intent: 'charter_question' });
    expect(r.choices?.[0]?.action?.type).toBe('escalate');
    expect(r.card?.fallbackText).toContain('Premier sujet');
  });
});

describe('hedged passages only within the domain', () => {
  const bot = testBot();
  it('offers no passage to an off-domain request that only shares a word with an entry', async () => {
    const r = await bot.say('hedge-1', 'Traduis-moi « bonne année » en japonais stp');
    expect(allText(r)).not.toMatch(/^Je ne suis pas certain/);
    expect(mainMeta(r).sources ?? []).toEqual([]);
  });
});
