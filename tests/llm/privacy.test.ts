import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStub, type StubServer } from './stub-server.js';
import { faithfulModel, llmApp, tempDir, type LlmApp } from './helpers.js';
import { testBot, mainMeta } from '../helpers/test-bot.js';
import { OpenAiCompatibleClient } from '../../src/llm/client.js';
import { loadPrivacyShield } from '../../src/privacy/shield.js';
import { groundedPrompt } from '../../src/llm/grounded.js';
import { loadKnowledge } from '../../src/knowledge/snapshot.js';

/** What reaches the model endpoint: masks only, never the personal data an agent typed. */

const RAW = ['Marie', 'Dupont', '06 12 34 56 78', '0612345678', 'marie.dupont', 'interieur.gouv.fr', '12 rue des Lilas'];

describe('only redacted text leaves the process', () => {
  let stub: StubServer;
  let env: LlmApp;
  const cache = tempDir();
  beforeAll(async () => {
    stub = await startStub();
    stub.chat = faithfulModel;
    env = llmApp(stub, cache.dir, { LLM_REWRITE_MIN_CHARS: '120' });
    await env.app.services.llm!.ready(env.app.knowledge.current());
  });
  afterAll(async () => {
    await env.app.close();
    await stub.close();
    cache.cleanup();
  });

  it('a charter question and a tool question with a name, a phone and an e-mail: the stub sees only masks', async () => {
    const bot = testBot(env.app);
    const charter = await bot.say(
      'agent-1',
      'Bonjour, je suis Marie Dupont, joignable au 06 12 34 56 78 ou à marie.dupont@interieur.gouv.fr, j’habite 12 rue des Lilas. ' +
        'Mon chef m’a parlé de la charte mais je n’ai pas tout suivi. Qui sont les ambassadeurs IA et quel est leur rôle ?',
    );
    expect(mainMeta(charter).intent).toBe('charter_question');
    const tool = await bot.say('agent-2', 'Puis-je utiliser ChatGPT pour résumer le dossier de Marie Dupont (06 12 34 56 78, marie.dupont@interieur.gouv.fr) ?');
    expect(mainMeta(tool).verdict).toBe('not_allowed');

    // Every kind of outgoing request happened: entry embeddings, question embedding, rewrite, grounded wording, verdict wording.
    const chats = stub.calls('chat').map((r) => r.raw);
    expect(stub.calls('embeddings').length).toBeGreaterThanOrEqual(2);
    expect(chats.some((c) => c.includes('question de recherche'))).toBe(true);
    expect(chats.some((c) => c.includes('{\\"sentences\\"'))).toBe(true);
    expect(chats.some((c) => c.includes('{\\"explanation\\"'))).toBe(true);
    for (const r of stub.requests) {
      for (const value of RAW) expect(r.raw).not.toContain(value);
      expect(r.authorization).toBe('Bearer stub-key');
    }
    // The masks did travel: the model saw where the data was, not what it was.
    expect(chats.filter((c) => c.includes('[NOM]') && c.includes('[TÉLÉPHONE]') && c.includes('[EMAIL]')).length).toBeGreaterThanOrEqual(2);
    // Nothing reached the last guard unmasked (it would have been counted).
    expect(env.steps.filter((s) => s.stage === 'outgoing')).toEqual([]);
  });

  it('no log line carries the question or the model’s text', () => {
    const raw = env.logs.raw.join('\n');
    for (const value of RAW) expect(raw).not.toContain(value);
    expect(raw).not.toContain('ambassadeurs IA et quel est leur rôle');
  });
});

describe('the last guard', () => {
  it('masks personal data a caller forgot to redact, reports it, and sends only the masked text', async () => {
    const stub = await startStub();
    stub.chat = () => 'ok';
    let masked = 0;
    const client = new OpenAiCompatibleClient({
      baseURL: stub.baseURL,
      chatModel: 'stub-chat',
      embeddingsModel: 'stub-embeddings',
      shield: () => loadPrivacyShield('knowledge'),
      onMasked: (n) => void (masked += n),
      requestTimeoutMs: 2000,
    });
    try {
      await client.chat({ system: 'Consigne.', user: ['Le dossier de Marie Dupont, 06 12 34 56 78.'] }, 2000);
      await client.embed(['Écrire à marie.dupont@interieur.gouv.fr'], 2000);
      expect(masked).toBe(3);
      for (const r of stub.requests) for (const value of RAW) expect(r.raw).not.toContain(value);
      expect(stub.requests[0]!.raw).toContain('[NOM]');
      expect(stub.requests[1]!.raw).toContain('[EMAIL]');
      // Without the key, a server without authentication still gets a well-formed request.
      expect(stub.requests[0]!.authorization).toBe('Bearer none');
    } finally {
      await stub.close();
    }
  });
});

describe('the guard reads each part of a prompt alone', () => {
  it('a redacted question is sent as the shield left it, whatever words the prompt puts around it', async () => {
    const stub = await startStub();
    stub.chat = () => 'ok';
    const kb = loadKnowledge('knowledge');
    let masked = 0;
    const client = new OpenAiCompatibleClient({ baseURL: stub.baseURL, chatModel: 'stub-chat', shield: () => kb.shield, onMasked: (n) => void (masked += n), requestTimeoutMs: 2000 });
    try {
      // After « Question de l’agent : », a capitalised first word reads like a name to the shield.
      const question = kb.shield.redact('Est-ce que Gemini est autorisé ?').redacted;
      expect(kb.shield.redact(`Question de l’agent : ${question}`).findings.length).toBeGreaterThan(0);
      await client.chat(groundedPrompt(question, [kb.entries[0]!]), 2000);
      expect(masked).toBe(0);
      const sent = (stub.requests[0]!.body.messages as { content: string }[])[1]!.content;
      expect(sent.endsWith(`Question de l’agent : ${question}`)).toBe(true);
    } finally {
      await stub.close();
    }
  });
});
