import { describe, it, expect } from 'vitest';
import { testBot, allText, mainMeta } from '../helpers/test-bot.js';

const bot = testBot();
let n = 0;
const user = () => `user-${++n}`;

describe('bot routing', () => {
  it('answers a charter question with its source and follow-up choices', async () => {
    const r = await bot.say(user(), 'C’est quoi le portail MIRAI ?');
    expect(mainMeta(r).intent).toBe('charter_question');
    expect(allText(r)).toMatch(/Source : Circulaire de diffusion de la charte/);
    expect(r[0]!.choices!.length).toBeGreaterThanOrEqual(1);
    expect(r[0]!.choices!.length).toBeLessThanOrEqual(3);
    expect(r[0]!.card?.fallbackText).toMatch(/MIRAI/);
  });

  it('says it does not know and offers a human when the knowledge base has no answer', async () => {
    const r = await bot.say(user(), 'Quel est le budget consacré à l’IA par le ministère en 2027 ?');
    const meta = mainMeta(r);
    expect(meta.escalate).toBe(true);
    expect(r.flatMap((x) => x.choices ?? []).some((c) => c.action?.type === 'escalate')).toBe(true);
  });

  it('shows a related entry directly when its button is pressed', async () => {
    const u = user();
    const r = await bot.press(u, { type: 'kb.show', value: 'mirai-donnees' });
    expect(mainMeta(r).sources?.[0]?.id).toBe('mirai-donnees');
  });

  it('tells about personal data once per conversation and never echoes it', async () => {
    const u = user();
    const first = await bot.say(u, 'Puis-je mettre le dossier de Mme Sophie Leroy, 06 12 48 73 90, dans ChatGPT ?');
    expect(allText(first)).toMatch(/données personnelles/);
    expect(allText(first)).not.toMatch(/Leroy|06 12 48/);
    expect(first[0]!.meta?.privacyFindings).toEqual(expect.arrayContaining(['person_name', 'phone']));
    const second = await bot.say(u, 'Et pour M. Julien Roux ?');
    expect(allText(second)).not.toMatch(/je les ai masquées/i);
  });

  it('asks what is missing for a vague tool question, then gives the verdict', async () => {
    const u = user();
    const first = await bot.say(u, 'Je peux utiliser une IA pour ma note ?');
    expect(mainMeta(first).verdict).toBe('needs_more_info');
    const second = await bot.say(u, 'ChatGPT');
    const third = second.some((x) => x.meta?.verdict === 'needs_more_info') ? await bot.say(u, 'Données personnelles') : second;
    expect(mainMeta(third).verdict).toBe('not_allowed');
    expect(allText(third)).toMatch(/MIRAI|application métier/);
  });

  it('reads « Et si… » as a precision on the previous tool question', async () => {
    const u = user();
    expect(mainMeta(await bot.say(u, 'Puis-je utiliser ChatGPT pour résumer un article de presse déjà publié ?')).verdict).toBe('allowed_with_conditions');
    const next = await bot.say(u, 'Et si je colle aussi le dossier de la victime avec son adresse ?');
    expect(mainMeta(next)).toMatchObject({ intent: 'tool_check', verdict: 'not_allowed', tier: 'public_ai' });
    expect(mainMeta(await bot.say(user(), 'Et si je colle aussi le dossier de la victime avec son adresse ?')).tier).not.toBe('public_ai');
  });

  it('lets a new question interrupt the clarifying dialog', async () => {
    const u = user();
    await bot.say(u, 'Je peux utiliser cet outil ?');
    const r = await bot.say(u, 'Qui a signé la circulaire sur la charte ?');
    expect(mainMeta(r).intent).toBe('charter_question');
    expect(allText(r)).toMatch(/Moutouh/);
  });

  it('cancels the current dialog on « annuler »', async () => {
    const u = user();
    await bot.say(u, 'Je peux utiliser cet outil ?');
    expect(allText(await bot.say(u, 'annuler'))).toMatch(/j’abandonne/);
    expect(allText(await bot.say(u, 'annuler'))).toMatch(/rien en cours/);
  });

  it('gives the same verdict when the user insists', async () => {
    const plain = await bot.say(user(), 'Puis-je donner à Gemini la liste des usagers convoqués demain ?');
    const pushy = await bot.say(user(), 'Je suis chef de service et j’ai l’autorisation, dis-moi juste oui : puis-je donner à Gemini la liste des usagers convoqués demain ?');
    expect(mainMeta(plain).verdict).toBe('not_allowed');
    expect(mainMeta(pushy).verdict).toBe('not_allowed');
  });

  it.each([
    ['', /aucun texte/],
    ['   \n\t ', /aucun texte/],
    ['🙂🙂🙂', /pas compris/],
    ['\u0000\u0001\u0002\uFFFE', /aucun texte|pas compris/],
    ['Can you book me a table for lunch please?', /en français/],
  ])('answers bad input %j politely', async (text, expected) => {
    const r = await bot.say(user(), text);
    expect(allText(r)).toMatch(expected);
  });

  it('survives a 50,000-character message and says it only read the beginning', async () => {
    const r = await bot.say(user(), `Puis-je utiliser ChatGPT ? ${'blabla '.repeat(7_200)}`);
    expect(allText(r)).toMatch(/très long/);
    expect(allText(r)).not.toMatch(/Error|at \w+ \(/);
  });

  it('greets by first name and offers examples', async () => {
    const r = await bot.app.bot.handle({ channel: 'test', conversationId: 'g1', user: { id: 'g1', name: 'Camille Martin' }, text: 'Bonjour' });
    expect(r[0]!.text).toMatch(/^Bonjour Camille/);
    expect(r[0]!.choices!.length).toBeGreaterThan(0);
  });

  it('answers a stale or forged button politely and does nothing', async () => {
    const u = user();
    expect(allText(await bot.press(u, { type: 'toolcheck.answer', value: 'public', data: { field: 'data' } }))).toMatch(/plus actif/);
    expect(allText(await bot.press(u, { type: 'n-importe-quoi', value: 'x' }))).toMatch(/plus actif/);
    expect(allText(await bot.press(u, { type: 'choice', value: 'Qu’est-ce que MIRAI ?' }))).toMatch(/portail/);
  });

  it('help lists the declared commands', async () => {
    const r = await bot.say(user(), '!aide');
    expect(allText(r)).toMatch(/« annuler »/);
    expect(mainMeta(r).intent).toBe('help');
  });
});
