import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bagOfWords, startStub, type StubServer } from './stub-server.js';
import { llmApp, tempDir } from './helpers.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { captureLogs } from '../helpers/log-capture.js';
import { DenseIndex, entryText } from '../../src/llm/dense-index.js';
import { OpenAiCompatibleClient } from '../../src/llm/client.js';
import { cacheFileName, readEmbeddingCache } from '../../src/llm/embedding-cache.js';
import { loadKnowledge } from '../../src/knowledge/snapshot.js';

/** Entry embeddings are computed once per content and model, then read from disk. */

describe('entry embeddings cache', () => {
  let stub: StubServer;
  const cache = tempDir();
  const kb = loadKnowledge('knowledge');
  const client = () =>
    new OpenAiCompatibleClient({ baseURL: stub.baseURL, embeddingsModel: 'stub-embeddings', shield: () => kb.shield, requestTimeoutMs: 5_000 });
  const embedded = () => stub.calls('embeddings').reduce((n, r) => n + (Array.isArray(r.body.input) ? r.body.input.length : 1), 0);

  beforeAll(async () => {
    stub = await startStub();
  });
  afterAll(async () => {
    await stub.close();
    cache.cleanup();
  });

  it('first load embeds every entry; a second app on the same cache makes no embeddings call', async () => {
    const first = llmApp(stub, cache.dir);
    expect(await first.app.services.llm!.ready(first.app.knowledge.current())).toBe(true);
    await first.app.close();
    expect(embedded()).toBe(kb.entries.length);
    const file = join(cache.dir, cacheFileName('stub-embeddings'));
    expect(readEmbeddingCache(cache.dir, 'stub-embeddings')).toMatchObject({ status: 'ok' });
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).vectors)).toHaveLength(kb.entries.length);

    const before = stub.calls('embeddings').length;
    const second = llmApp(stub, cache.dir);
    expect(await second.app.services.llm!.ready(second.app.knowledge.current())).toBe(true);
    await second.app.close();
    expect(stub.calls('embeddings').length).toBe(before);
    expect(second.logs.lines.find((l) => l.msg?.startsWith('entry embeddings ready'))).toMatchObject({ cached: kb.entries.length, embedded: 0, cache: 'ok' });
  });

  it('an edited entry is embedded again, alone; a removed one leaves the cache', async () => {
    const start = embedded();
    const edited = kb.entries.map((e, i) => (i === 0 ? { ...e, body: `${e.body}\n\nUne phrase de plus.` } : e)).slice(0, -1);
    const built = await DenseIndex.build(edited, client(), cache.dir, 5_000);
    expect(built).toMatchObject({ cached: edited.length - 1, embedded: 1 });
    expect(embedded() - start).toBe(1);
    const last = stub.calls('embeddings').at(-1)!;
    expect(last.raw).toContain('Une phrase de plus.');
    expect(readEmbeddingCache(cache.dir, 'stub-embeddings').vectors.size).toBe(edited.length);
  });

  it('a corrupt or foreign cache file is ignored and rebuilt, never trusted', async () => {
    const file = join(cache.dir, cacheFileName('stub-embeddings'));
    for (const junk of ['{"version":1,"model":"stub-embeddings","vectors":{"abc":[1]}}', '{ not json', JSON.stringify({ version: 1, model: 'another-model', vectors: {} })]) {
      writeFileSync(file, junk);
      const start = embedded();
      const built = await DenseIndex.build(kb.entries, client(), cache.dir, 5_000);
      expect(built.cache).toBe('corrupt');
      expect(embedded() - start).toBe(kb.entries.length);
      expect(readEmbeddingCache(cache.dir, 'stub-embeddings').status).toBe('ok');
    }
    // No temporary file left behind by the atomic writes.
    expect(readdirSync(cache.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('another embeddings model has its own cache file', async () => {
    const other = new OpenAiCompatibleClient({ baseURL: stub.baseURL, embeddingsModel: 'other-model', shield: () => kb.shield, requestTimeoutMs: 5_000 });
    const start = embedded();
    await DenseIndex.build(kb.entries, other, cache.dir, 5_000);
    expect(embedded() - start).toBe(kb.entries.length);
    expect(readdirSync(cache.dir).filter((f) => f.startsWith('embeddings-')).length).toBe(2);
  });

  it('vectors of the wrong shape are refused (the index is not built)', async () => {
    const empty = tempDir();
    stub.embed = (inputs) => inputs.map((_, i) => (i === 3 ? [1, 2] : [1, 2, 3]));
    try {
      await expect(DenseIndex.build(kb.entries, client(), empty.dir, 5_000)).rejects.toThrow(/dimension 2 instead of 3/);
      expect(readEmbeddingCache(empty.dir, 'stub-embeddings').status).toBe('missing');
    } finally {
      stub.embed = (inputs) => inputs.map(bagOfWords);
      empty.cleanup();
    }
  });

  it('the same model name now giving another dimension: every entry is embedded again', async () => {
    const stale = tempDir();
    try {
      await DenseIndex.build(kb.entries, client(), stale.dir, 5_000);
      stub.embed = (inputs) => inputs.map((t) => bagOfWords(t).slice(0, 64));
      const edited = kb.entries.map((e, i) => (i === 0 ? { ...e, title: `${e.title} (modifié)` } : e));
      const start = embedded();
      const built = await DenseIndex.build(edited, client(), stale.dir, 5_000);
      expect(built.index.dims).toBe(64);
      expect(embedded() - start).toBe(kb.entries.length);
      expect([...readEmbeddingCache(stale.dir, 'stub-embeddings').vectors.values()].every((v) => v.length === 64)).toBe(true);
    } finally {
      stub.embed = (inputs) => inputs.map(bagOfWords);
      stale.cleanup();
    }
  });

  it('what an entry is embedded as: title, phrasings, answer without markup', () => {
    const e = kb.entries[0]!;
    const text = entryText(e);
    expect(text.startsWith(`${e.title}\n${e.questions[0]}`)).toBe(true);
    expect(text).not.toContain('**');
  });

  it('a live reload embeds only the edited entry, in the background, and the new knowledge goes hybrid', async () => {
    const knowledge = tempDir();
    cpSync('knowledge', knowledge.dir, { recursive: true });
    const logs = captureLogs();
    const config = loadConfig({ LLM_BASE_URL: stub.baseURL, EMBEDDINGS_MODEL: 'stub-embeddings', LLM_CACHE_DIR: cache.dir, KNOWLEDGE_DIR: knowledge.dir });
    const app = createApp({ config, logger: logs.logger, watch: false, databasePath: ':memory:' });
    try {
      await app.services.llm!.ready(app.knowledge.current());
      const file = join(knowledge.dir, 'faq', 'ambassadeurs-ia.md');
      writeFileSync(file, readFileSync(file, 'utf8').trimEnd() + '\n\nUne phrase ajoutée pour le test.\n');
      expect(app.knowledge.reload()).toEqual([]);
      const start = embedded();
      const kb = app.services.knowledge(); // a turn reads the knowledge: the layer starts embedding the new one
      expect(await app.services.llm!.ready(kb)).toBe(true);
      expect(embedded() - start).toBe(1);
    } finally {
      await app.close();
      knowledge.cleanup();
    }
  });

  it('an unwritable cache folder: the index is used all the same, and a warning says why', async () => {
    const logs = captureLogs();
    const config = loadConfig({ LLM_BASE_URL: stub.baseURL, EMBEDDINGS_MODEL: 'stub-embeddings', LLM_CACHE_DIR: '/dev/null/cache' });
    const app = createApp({ config, logger: logs.logger, watch: false, databasePath: ':memory:' });
    try {
      expect(await app.services.llm!.ready(app.knowledge.current())).toBe(true);
      expect(logs.lines.some((l) => l.level === 40 && String(l.msg).startsWith('cannot write the entry embeddings cache'))).toBe(true);
    } finally {
      await app.close();
    }
  });
});
