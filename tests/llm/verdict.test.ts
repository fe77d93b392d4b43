import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStub, type StubServer } from './stub-server.js';
import { faithfulModel, llmApp, plainApp, tempDir, type LlmApp } from './helpers.js';
import { testBot, mainMeta, allText } from '../helpers/test-bot.js';
import type { App } from '../../src/app.js';

/** The verdict is always the policy engine's: the model may word the explanation, never change it. */

const NOT_ALLOWED = 'Puis-je utiliser ChatGPT pour résumer un dossier contenant des données personnelles d’usagers ?';

describe('tool verdicts with the generative layer', () => {
  let stub: StubServer;
  let env: LlmApp;
  let plain: App;
  const cache = tempDir();
  beforeAll(async () => {
    stub = await startStub();
    env = llmApp(stub, cache.dir, { EMBEDDINGS_MODEL: '' });
    plain = plainApp();
  });
  afterAll(async () => {
    await env.app.close();
    await plain.close();
    await stub.close();
    cache.cleanup();
  });

  it('the model answers « autorisé » for a not-allowed case: the reply keeps the engine’s verdict and text', async () => {
    stub.chat = (req) =>
      req.system.includes('{"explanation"')
        ? JSON.stringify({ explanation: 'Oui, c’est autorisé : avec un outil d’IA grand public, vous pouvez saisir des données à caractère personnel.' })
        : faithfulModel(req);
    const reference = await testBot(plain).say('a', NOT_ALLOWED);
    const replies = await testBot(env.app).say('a', NOT_ALLOWED);
    expect(stub.calls('chat').length).toBe(1);
    expect(mainMeta(replies).verdict).toBe('not_allowed');
    expect(mainMeta(replies).generated).toBeUndefined();
    expect(allText(replies)).toBe(allText(reference));
    expect(allText(replies)).not.toMatch(/c’est autorisé|vous pouvez saisir/);
    expect(env.steps).toContainEqual({ stage: 'phrase_verdict', outcome: 'rejected' });
    const line = env.logs.lines.find((l) => l.llm === 'phrase_verdict');
    expect(line?.outcome).toBe('rejected');
    expect(line?.msg).toContain('fell back');
  });

  it('a faithful rewording is used, with the verdict, rule, conditions and sources of the engine', async () => {
    stub.chat = (req) =>
      req.system.includes('{"explanation"')
        ? JSON.stringify({ explanation: 'La circulaire interdit, avec un outil d’IA grand public, de transmettre des données à caractère personnel.' })
        : faithfulModel(req);
    const reference = await testBot(plain).say('b', NOT_ALLOWED);
    const replies = await testBot(env.app).say('b', NOT_ALLOWED);
    const meta = mainMeta(replies);
    expect(meta.verdict).toBe('not_allowed');
    expect(meta.generated).toBe(true);
    expect(meta.sources).toEqual(mainMeta(reference).sources);
    const text = allText(replies);
    expect(text).toContain('**Non autorisé**');
    expect(text).toContain('La circulaire interdit, avec un outil d’IA grand public, de transmettre des données à caractère personnel.');
    expect(text).toContain('**Règle** : Circulaire de diffusion de la charte, § 2');
    expect(text).toContain('**Solution plus sûre**');
    const card = replies.find((r) => r.card)!.card!;
    expect(card.facts).toEqual(reference.find((r) => r.card)!.card!.facts);
    expect(card.title).toBe(reference.find((r) => r.card)!.card!.title);
  });

  it('an allowed verdict worded as a ban is refused too', async () => {
    const question = 'Puis-je utiliser MIRAI pour reformuler une note de service sans données personnelles ?';
    const reference = await testBot(plain).say('c', question);
    const verdict = mainMeta(reference).verdict;
    expect(['allowed', 'allowed_with_conditions']).toContain(verdict);
    stub.chat = (req) => (req.system.includes('{"explanation"') ? JSON.stringify({ explanation: 'Non, c’est interdit : MIRAI n’est pas autorisé pour une note de service.' }) : faithfulModel(req));
    const replies = await testBot(env.app).say('c', question);
    expect(mainMeta(replies).verdict).toBe(verdict);
    expect(mainMeta(replies).generated).toBeUndefined();
    expect(allText(replies)).toBe(allText(reference));
  });
});
