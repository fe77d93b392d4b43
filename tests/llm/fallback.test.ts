import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStub, type StubBehaviour, type StubServer } from './stub-server.js';
import { faithfulModel, llmApp, plainApp, tempDir, type LlmApp } from './helpers.js';
import { testBot, mainMeta, allText } from '../helpers/test-bot.js';
import type { App } from '../../src/app.js';
import type { Reply } from '../../src/types.js';

/**
 * Every failure of the endpoint — too slow, HTTP 500, a body that is not JSON, an empty answer, an
 * answer that is not the JSON asked for — gives the lexical answer, within the turn budget, and is
 * counted and logged as a fallback.
 */

const CHARTER = 'Qui sont les ambassadeurs IA ?';
const TOOL = 'Puis-je utiliser ChatGPT pour résumer un dossier contenant des données personnelles d’usagers ?';
const BUDGET_MS = 400;

const strip = (replies: Reply[]) => replies.map((r) => ({ ...r, meta: { ...r.meta } }));

describe('fallback to the lexical answer', () => {
  let stub: StubServer;
  let env: LlmApp;
  let plain: App;
  const cache = tempDir();
  const reference: Record<string, Reply[]> = {};
  let n = 0;
  const ask = async (app: App, text: string) => testBot(app).say(`agent-${++n}`, text);

  beforeAll(async () => {
    stub = await startStub();
    stub.chat = faithfulModel;
    env = llmApp(stub, cache.dir, { LLM_TIMEOUT_MS: String(BUDGET_MS) });
    expect(await env.app.services.llm!.ready(env.app.knowledge.current())).toBe(true);
    plain = plainApp();
    reference.charter = await ask(plain, CHARTER);
    reference.tool = await ask(plain, TOOL);
  });
  afterAll(async () => {
    await env.app.close();
    await plain.close();
    await stub.close();
    cache.cleanup();
  });
  beforeEach(() => {
    stub.behaviour = { chat: { kind: 'ok' }, embeddings: { kind: 'ok' } };
    stub.chat = faithfulModel;
    env.steps.length = 0;
  });

  it('a working endpoint words the answer (the control for the cases below)', async () => {
    const replies = await ask(env.app, CHARTER);
    expect(mainMeta(replies).generated).toBe(true);
    expect(allText(replies)).not.toBe(allText(reference.charter!));
    expect(mainMeta(replies).sources).toEqual(mainMeta(reference.charter!).sources);
    expect(allText(replies)).toContain('_Source : ');
    expect(env.steps).toEqual([
      { stage: 'embed_query', outcome: 'ok' },
      { stage: 'phrase_answer', outcome: 'ok' },
    ]);
  });

  const cases: [string, StubBehaviour, string][] = [
    ['too slow', { kind: 'slow', ms: 1_500 }, 'timeout'],
    ['HTTP 500', { kind: 'status', status: 500 }, 'error'],
    ['a body that is not JSON', { kind: 'garbage' }, 'invalid'],
    ['an empty answer', { kind: 'empty' }, 'empty'],
  ];
  it.each(cases)('chat endpoint %s: the lexical answer and the engine’s verdict, in time', async (_, behaviour, outcome) => {
    stub.behaviour.chat = behaviour;
    const started = performance.now();
    const charter = await ask(env.app, CHARTER);
    const tool = await ask(env.app, TOOL);
    const elapsed = performance.now() - started;
    expect(strip(charter)).toEqual(strip(reference.charter!));
    expect(strip(tool)).toEqual(strip(reference.tool!));
    expect(mainMeta(tool).verdict).toBe('not_allowed');
    // Two turns, each within its budget (plus the lexical work).
    expect(elapsed).toBeLessThan(2 * BUDGET_MS + 1_000);
    expect(env.steps).toContainEqual({ stage: 'phrase_answer', outcome });
    expect(env.steps).toContainEqual({ stage: 'phrase_verdict', outcome });
    const lines = env.logs.lines.filter((l) => l.llm === 'phrase_answer' && l.outcome === outcome);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]!.msg).toBe('llm step fell back to the lexical path');
  });

  it('an answer that is not the JSON asked for: the lexical answer', async () => {
    stub.chat = () => 'Bien sûr ! Les ambassadeurs IA sont des agents formés.';
    expect(strip(await ask(env.app, CHARTER))).toEqual(strip(reference.charter!));
    expect(env.steps).toContainEqual({ stage: 'phrase_answer', outcome: 'invalid' });
  });

  it.each(cases)('embeddings endpoint %s at question time: lexical retrieval', async (_, behaviour, outcome) => {
    stub.behaviour.embeddings = behaviour;
    const replies = await ask(env.app, CHARTER);
    expect(mainMeta(replies).sources).toEqual(mainMeta(reference.charter!).sources);
    // An empty list of vectors is an invalid answer for the embeddings client.
    expect(env.steps[0]).toEqual({ stage: 'embed_query', outcome: outcome === 'empty' ? 'invalid' : outcome });
    // A quick failure leaves time to word the answer; a slow one used the whole budget.
    expect(mainMeta(replies).generated).toBe(behaviour.kind === 'slow' ? undefined : true);
  });

  it('a slow endpoint never holds a turn beyond LLM_TIMEOUT_MS per step chain', async () => {
    stub.behaviour = { chat: { kind: 'slow', ms: 3_000 }, embeddings: { kind: 'slow', ms: 3_000 } };
    const started = performance.now();
    const replies = await ask(env.app, CHARTER);
    expect(performance.now() - started).toBeLessThan(BUDGET_MS + 1_000);
    expect(strip(replies)).toEqual(strip(reference.charter!));
    expect(env.steps).toEqual([
      { stage: 'embed_query', outcome: 'timeout' },
      { stage: 'phrase_answer', outcome: 'timeout' },
    ]);
  });
});

describe('entry embeddings unavailable at load', () => {
  it('the bot answers lexically, says so in the logs, and words answers all the same', async () => {
    const stub = await startStub();
    stub.chat = faithfulModel;
    stub.behaviour.embeddings = { kind: 'status', status: 500 };
    const cache = tempDir();
    const env = llmApp(stub, cache.dir);
    try {
      expect(await env.app.services.llm!.ready(env.app.knowledge.current())).toBe(false);
      const replies = await testBot(env.app).say('a', CHARTER);
      expect(mainMeta(replies).intent).toBe('charter_question');
      expect(mainMeta(replies).generated).toBe(true);
      expect(env.steps[0]).toEqual({ stage: 'embed_entries', outcome: 'error' });
      expect(env.steps.some((s) => s.stage === 'embed_query')).toBe(false);
      expect(env.logs.lines.some((l) => l.llm === 'embed_entries' && l.outcome === 'error' && l.status === 500)).toBe(true);
    } finally {
      await env.app.close();
      await stub.close();
      cache.cleanup();
    }
  });
});
