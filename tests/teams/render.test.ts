import { describe, it, expect, afterAll } from 'vitest';
import { cpuTimer } from '../helpers/cpu-time.js';
import { renderActivity, renderCard, fallbackOf } from '../../adapters/teams/render.js';
import { markdownBlocks } from '../../adapters/teams/markdown.js';
import { readSubmit } from '../../adapters/teams/payload.js';
import { ticketNotice } from '../../src/escalation/notices.js';
import type { Ticket } from '../../src/store/escalation-types.js';
import type { Reply } from '../../src/types.js';
import { testBot } from '../helpers/test-bot.js';
import { buttonData, cardProblems, cardText } from './support/cards.js';

const bot = testBot();
afterAll(async () => bot.app.close());

const main = (replies: Reply[]) => replies.find((r) => r.card) ?? replies.at(-1)!;

const ticket = (over: Partial<Ticket> = {}): Ticket => ({
  id: 7,
  status: 'open',
  trigger: 'explicit',
  scope: 'national',
  agent: { channel: 'teams', userId: 'u1', conversationId: 'a:1' },
  question: 'Peut-on confier à un outil la relecture des courriers de [NOM] ?',
  context: '',
  createdAt: 0,
  escalatedToNational: false,
  proposeFaq: false,
  ...over,
});

describe('Teams rendering: Reply → Adaptive Card 1.5', () => {
  it('draws a tool verdict: coloured header, conditions, facts, sources, feedback, fallback', async () => {
    const reply = main(await bot.say('render-1', 'Puis-je utiliser DeepL pour traduire un communiqué de presse déjà publié ?'));
    expect(reply.meta?.verdict).toBe('allowed_with_conditions');
    const card = renderCard(reply);
    expect(cardProblems(card)).toEqual([]);
    const head = card.body[0] as { type: string; style: string; items: { text: string }[] };
    expect(head).toMatchObject({ type: 'Container', style: 'warning' });
    expect(head.items[0]!.text).toBe(reply.card!.title);
    expect(card.body.some((b) => (b as { type: string }).type === 'FactSet')).toBe(true);
    const text = cardText(card);
    expect(text).toMatch(/Circulaire de diffusion de la charte/);
    expect(text).toMatch(/• /);
    expect(text).not.toMatch(/^- /m);
    expect(readSubmit(buttonData(card, /👍/))).toEqual({ action: { type: 'feedback', value: 'up', data: expect.objectContaining({ topic: 'tool-check' }) } });
    expect(readSubmit(buttonData(card, /👎/))).toMatchObject({ action: { type: 'feedback', value: 'down' } });
    expect(card.fallbackText).toContain(reply.card!.title);
    expect(card.fallbackText).toMatch(/Utile/);
    expect(card.fallbackText).not.toMatch(/\*\*/);
  });

  it('colours a refusal "attention" and offers the ambassador button', async () => {
    const reply = main(await bot.say('render-2', 'Puis-je utiliser ChatGPT pour analyser le dossier médical d’un usager ?'));
    expect(reply.meta?.verdict).toBe('not_allowed');
    const card = renderCard(reply);
    expect(cardProblems(card)).toEqual([]);
    expect(card.body[0]).toMatchObject({ style: 'attention' });
    expect(readSubmit(buttonData(card, /Poser la question à un ambassadeur/))).toMatchObject({ action: { type: 'escalate' } });
  });

  it('draws a charter answer with its sources in small print', async () => {
    const reply = main(await bot.say('render-3', 'Qu’est-ce que MIRAI ?'));
    const card = renderCard(reply);
    expect(cardProblems(card)).toEqual([]);
    const small = card.body.find((b) => (b as { size?: string }).size === 'Small') as { text: string } | undefined;
    expect(small?.text).toMatch(/^Source/);
  });

  it('turns plain choices into buttons that "say" their value, and lists them in the fallback', async () => {
    const reply = (await bot.say('render-4', 'aide'))[0]!;
    expect(reply.choices?.length).toBeGreaterThan(0);
    const card = renderCard(reply);
    expect(cardProblems(card)).toEqual([]);
    const first = reply.choices![0]!;
    expect(readSubmit(buttonData(card, new RegExp(first.label.slice(0, 20).replace(/[?()]/g, '.'))))).toEqual({ say: first.value });
    expect(card.fallbackText).toContain(`1. ${first.label}`);
    const activity = renderActivity(reply);
    expect(activity.summary).toMatch(/assistant de la charte/);
    expect(activity.attachments).toHaveLength(1);
  });

  it('gives ambassadors Prendre on a free ticket, then Répondre (with a reply box) and Fermer once claimed', () => {
    const open = renderCard(ticketNotice(ticket(), undefined));
    expect(cardProblems(open)).toEqual([]);
    expect(readSubmit(buttonData(open, /^Prendre$/))).toEqual({ action: { type: 'ticket.claim', value: '7' } });
    expect(cardText(open)).toMatch(/\[NOM\]/);
    expect(open.body[0]).toMatchObject({ style: 'attention' });

    const claimed = renderCard(ticketNotice(ticket({ status: 'claimed', claimedBy: 'x' }), undefined, 'Paul Bernard'));
    expect(cardProblems(claimed)).toEqual([]);
    expect(buttonData(claimed, /^Prendre$/)).toBeUndefined();
    const form = claimed.actions!.find((a) => a.title === 'Répondre') as unknown as { type: string; card: { body: { type: string; id: string }[] } };
    expect(form.type).toBe('Action.ShowCard');
    expect(form.card.body[0]).toMatchObject({ type: 'Input.Text', id: 'charteIaText' });
    const submitted = { ...buttonData(claimed, /Envoyer la réponse/), charteIaText: 'Utilisez MIRAI.' };
    expect(readSubmit(submitted)).toEqual({ action: { type: 'ticket.reply', value: '7', data: { text: 'Utilisez MIRAI.' } } });
    expect(readSubmit(buttonData(claimed, /^Fermer$/))).toEqual({ action: { type: 'ticket.close', value: '7' } });
    expect(readSubmit(buttonData(claimed, /FAQ/))).toEqual({ action: { type: 'ticket.close', value: '7', data: { faq: true } } });
    expect(cardText(claimed)).toMatch(/Prise en charge par Paul Bernard/);

    const closed = renderCard(ticketNotice(ticket({ status: 'closed' }), undefined));
    expect(cardProblems(closed)).toEqual([]);
    expect(closed.actions).toBeUndefined();
    expect(closed.body[0]).toMatchObject({ style: 'good' });
  });

  it('renders a text-only reply as a card whose fallback is the plain text', () => {
    const reply: Reply = { text: '**Réponse de votre ambassadeur IA** (demande #3) :\n\n> Passez par MIRAI.\n> Merci.\n\n— Paul' };
    const card = renderCard(reply);
    expect(cardProblems(card)).toEqual([]);
    expect(card.body[1]).toMatchObject({ type: 'Container', style: 'emphasis' });
    expect(fallbackOf(reply)).toMatch(/^Réponse de votre ambassadeur IA \(demande #3\)/);
  });
});

describe('Teams Markdown subset', () => {
  it('keeps bold, italic and safe links; draws lists, headings and quotes as blocks', () => {
    const blocks = markdownBlocks('# Titre\n**gras** et _italique_ [MIRAI](https://mirai.interieur.gouv.fr) [x](javascript:alert(1))\n- un\n- deux\n1. premier\n\n> cité `code`');
    expect(blocks).toEqual([
      { type: 'TextBlock', text: 'Titre', wrap: true, weight: 'Bolder' },
      { type: 'TextBlock', text: '**gras** et _italique_ [MIRAI](https://mirai.interieur.gouv.fr) x)', wrap: true, spacing: 'None' },
      { type: 'TextBlock', text: '• un', wrap: true, spacing: 'Small' },
      { type: 'TextBlock', text: '• deux', wrap: true, spacing: 'Small' },
      { type: 'TextBlock', text: '1. premier', wrap: true, spacing: 'Small' },
      { type: 'Container', style: 'emphasis', items: [{ type: 'TextBlock', text: 'cité code', wrap: true }] },
    ]);
  });

  it('stays bounded and fast on 50,000-character inputs', () => {
    const elapsed = cpuTimer();
    const long = `${'a'.repeat(50_000)}\n${'- x\n'.repeat(20_000)}${'['.repeat(30_000)}(${'x'.repeat(20_000)}`;
    const card = renderCard({ text: long });
    expect(elapsed()).toBeLessThan(1_000);
    expect(card.body.length).toBeLessThanOrEqual(200);
    expect(cardProblems(card)).toEqual([]);
    const lines = renderCard({ text: Array.from({ length: 5_000 }, (_, i) => `- élément numéro ${i} de la liste`).join('\n') });
    expect(Buffer.byteLength(JSON.stringify(lines))).toBeLessThan(28_000);
  });
});
