import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStub, type StubServer } from './stub-server.js';
import { faithfulModel, llmApp, plainApp, tempDir, type LlmApp } from './helpers.js';
import { testBot, mainMeta } from '../helpers/test-bot.js';
import { ConfigError, coreSection, loadConfig } from '../../src/config.js';
import { settingsTable } from '../../src/config-report.js';
import type { App } from '../../src/app.js';
import { focusedText } from '../../src/llm/hybrid-retriever.js';
import { PrometheusMetrics } from '../../src/ops/prometheus.js';

const LONG =
  'Bonjour, je travaille depuis peu en préfecture et mon service prépare une réorganisation de l’accueil. ' +
  'On a beaucoup parlé d’intelligence artificielle en réunion, certains collègues sont enthousiastes, d’autres pas du tout. ' +
  'Ma responsable veut que je me renseigne avant la prochaine réunion. Bref, qui sont les ambassadeurs IA ?';

describe('query rewriting of long questions', () => {
  let stub: StubServer;
  let env: LlmApp;
  let plain: App;
  const cache = tempDir();
  beforeAll(async () => {
    stub = await startStub();
    env = llmApp(stub, cache.dir);
    plain = plainApp();
    await env.app.services.llm!.ready(env.app.knowledge.current());
  });
  afterAll(async () => {
    await env.app.close();
    await plain.close();
    await stub.close();
    cache.cleanup();
  });

  it('a long question is rewritten into one search question, which is what gets embedded', async () => {
    expect(LONG.length).toBeGreaterThan(280);
    stub.chat = (req) => (req.system.includes('question de recherche') ? 'Quel est le rôle des ambassadeurs IA ?' : faithfulModel(req));
    const replies = await testBot(env.app).say('a', LONG);
    expect(mainMeta(replies).intent).toBe('charter_question');
    expect(stub.calls('chat')[0]!.raw).toContain('question de recherche');
    expect(stub.calls('embeddings').at(-1)!.body.input).toBe('Quel est le rôle des ambassadeurs IA ?');
    expect(env.steps.slice(-3)).toEqual([
      { stage: 'rewrite', outcome: 'ok' },
      { stage: 'embed_query', outcome: 'ok' },
      { stage: 'phrase_answer', outcome: 'ok' },
    ]);
    // The confidence is still a lexical one, of the agent’s own question (the entry shown may differ).
    const lexical = env.app.knowledge.current().retriever.search(LONG, 4).map((h) => h.confidence);
    expect(lexical).toContain(mainMeta(replies).confidence);
  });

  it('a short question is not rewritten', async () => {
    const before = stub.calls('chat').filter((r) => r.raw.includes('question de recherche')).length;
    await testBot(env.app).say('b', 'Qui sont les ambassadeurs IA ?');
    expect(stub.calls('chat').filter((r) => r.raw.includes('question de recherche')).length).toBe(before);
  });

  it('a failed rewrite: the original question is searched', async () => {
    stub.behaviour.chat = { kind: 'status', status: 500 };
    try {
      const replies = await testBot(env.app).say('c', LONG);
      expect(mainMeta(replies).intent).toBe(mainMeta(await testBot(plain).say('c', LONG)).intent);
      expect(env.steps).toContainEqual({ stage: 'rewrite', outcome: 'error' });
      expect(stub.calls('embeddings').at(-1)!.body.input).toBe(focusedText(LONG).replace(/\n/g, ' '));
    } finally {
      stub.behaviour.chat = { kind: 'ok' };
    }
  });
});

describe('configuration of the layer', () => {
  it('off by default: no layer, no request anywhere', () => {
    const app = plainApp();
    expect(app.services.llm).toBeUndefined();
    void app.close();
  });
  it('an endpoint needs a model, a model needs an endpoint; bad URLs are refused', () => {
    expect(() => loadConfig({ LLM_BASE_URL: 'https://llm.example.invalid/v1' })).toThrow(/neither LLM_MODEL nor EMBEDDINGS_MODEL/);
    expect(() => loadConfig({ LLM_MODEL: 'm' })).toThrow(/LLM_MODEL set without LLM_BASE_URL/);
    expect(() => loadConfig({ LLM_BASE_URL: 'ftp://x', LLM_MODEL: 'm' })).toThrow(/LLM_BASE_URL="ftp:\/\/x": must be an http/);
    expect(() => loadConfig({ LLM_BASE_URL: 'https://user:pw@x.invalid/v1', LLM_MODEL: 'm' })).toThrow(ConfigError);
    expect(() => loadConfig({ LLM_BASE_URL: 'https://x.invalid/v1', LLM_MODEL: 'm', LLM_TIMEOUT_MS: '10' })).toThrow(/LLM_TIMEOUT_MS="10": must be a whole number from 100 to 60000/);
    expect(loadConfig({ LLM_BASE_URL: 'https://x.invalid/v1', EMBEDDINGS_MODEL: 'e' })).toMatchObject({ LLM_TIMEOUT_MS: 4000, LLM_CACHE_DIR: './data/llm-cache' });
  });
  it('the API key is a secret: never printed by config check nor in errors', () => {
    const env = { LLM_BASE_URL: 'https://x.invalid/v1', LLM_MODEL: 'm', LLM_API_KEY: 'sk-very-secret' };
    const table = settingsTable([coreSection], env, { file: undefined, entries: [], applied: [] } as never);
    expect(table).toContain('LLM_API_KEY');
    expect(table).not.toContain('sk-very-secret');
    try {
      loadConfig({ ...env, LLM_API_KEY: '', LLM_TIMEOUT_MS: 'x' });
    } catch (e) {
      expect((e as Error).message).not.toContain('sk-very-secret');
    }
  });
});

describe('metrics of the layer', () => {
  it('each step is counted by stage and outcome on /metrics', async () => {
    const m = new PrometheusMetrics({ processMetrics: false });
    m.llm('phrase_answer', 'timeout');
    m.llm('phrase_answer', 'timeout');
    m.llm('embed_query', 'ok');
    const text = await m.render();
    expect(text).toContain('charte_ia_llm_steps_total{stage="phrase_answer",outcome="timeout"} 2');
    expect(text).toContain('charte_ia_llm_steps_total{stage="embed_query",outcome="ok"} 1');
  });
});
