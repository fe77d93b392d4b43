import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';
import type { Service } from '../../src/launcher.js';
import { FakeConnector } from '../teams/support/fake-connector.js';
import { AGENT, personalConversation, personalMessage } from '../teams/support/activities.js';
import { HomeserverDouble } from '../matrix/double/server.js';
import { parsePrometheus, sample, startTestService } from './helpers.js';

type Ready = { status: string; checks: Record<string, { ok: boolean; detail?: string }> };
const readyz = async (base: string) => {
  const res = await fetch(`${base}/readyz`);
  return { status: res.status, body: (await res.json()) as Ready };
};
const post = (base: string, body: unknown) => fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('probes of charte-ia start', () => {
  let service: Service;
  let base: string;
  const early: { ready?: { status: number; body: Ready }; health?: number } = {};

  beforeAll(async () => {
    ({ service, base } = await startTestService(
      {},
      {
        // The server answers while the app (knowledge, store) is still being created.
        beforeApp: async (url) => {
          early.health = (await fetch(`${url}/healthz`)).status;
          early.ready = await readyz(url);
        },
      },
    ));
  });
  afterAll(async () => service?.stop());

  it('/healthz answers 200 from the start (GET and HEAD), 405 for other methods', async () => {
    expect(early.health).toBe(200);
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${base}/healthz`, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });

  it('/readyz is 503 before the knowledge is loaded, 200 once everything started', async () => {
    expect(early.ready?.status).toBe(503);
    expect(early.ready?.body.status).toBe('not ready');
    expect(early.ready?.body.checks.knowledge).toEqual({ ok: false, detail: 'not loaded yet' });
    expect(early.ready?.body.checks.startup).toEqual({ ok: false, detail: 'starting' });
    const now = await readyz(base);
    expect(now.status).toBe(200);
    expect(now.body.status).toBe('ready');
    expect(now.body.checks.knowledge!.ok).toBe(true);
    expect(now.body.checks.knowledge!.detail).toMatch(/^\d+ FAQ entries$/);
    expect(now.body.checks.store).toEqual({ ok: true });
    expect(now.body.checks.startup).toEqual({ ok: true });
  });
});

describe('/readyz when the store is not writable', () => {
  it('is 503 naming the store', async () => {
    const { service, base } = await startTestService();
    try {
      await service.app.stores.close();
      const r = await readyz(base);
      expect(r.status).toBe(503);
      expect(r.body.checks.store!.ok).toBe(false);
      expect(r.body.checks.store!.detail).toMatch(/^database write failed: /);
      expect(r.body.checks.knowledge!.ok).toBe(true);
    } finally {
      await service.stop();
    }
  });
});

describe('/readyz with Matrix enabled', () => {
  it('is 503 until the first sync is done, then 200; the queue length is a metric', async () => {
    const double = await new HomeserverDouble('tchap.test').start();
    const bot = double.registerUser('@assistant-ia:tchap.test', 'Assistant IA');
    // The homeserver makes the bot wait before its first sync.
    double.rateLimit((method, path) => method === 'GET' && path.includes('/sync'), 1_500);
    const { service, base } = await startTestService({
      MATRIX_HOMESERVER_URL: double.url,
      MATRIX_ACCESS_TOKEN: bot.token,
      MATRIX_BOT_USER_ID: '@assistant-ia:tchap.test',
    });
    try {
      const before = await readyz(base);
      expect(before.status).toBe(503);
      expect(before.body.checks.matrix).toEqual({ ok: false, detail: expect.stringMatching(/^first sync not done yet/) });
      expect(before.body.checks.knowledge!.ok).toBe(true);
      const deadline = Date.now() + 10_000;
      let after = before;
      while (after.status !== 200 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        after = await readyz(base);
      }
      expect(after.status).toBe(200);
      expect(after.body.checks.matrix!.ok).toBe(true);
      expect(after.body.checks.matrix!.detail).toMatch(/^last sync \d{4}-/);
      const { samples } = parsePrometheus(await (await fetch(`${base}/metrics`)).text());
      expect(sample(samples, 'charte_ia_outgoing_queue_length', { channel: 'matrix' })).toBe(0);
    } finally {
      await service.stop();
      await double.stop();
    }
  });
});

describe('/metrics', () => {
  let service: Service;
  let base: string;
  const connector = new FakeConnector();
  let knowledgeDir: string;

  beforeAll(async () => {
    await connector.start();
    knowledgeDir = mkdtempSync(join(tmpdir(), 'kb-metrics-'));
    cpSync(join(PROJECT_ROOT, 'knowledge'), knowledgeDir, { recursive: true });
    ({ service, base } = await startTestService({}, { knowledgeDir }));
  });
  afterAll(async () => {
    await service.stop();
    await connector.stop();
  });

  it('is Prometheus text with the documented metrics, fed by real turns', async () => {
    const url = connector.url;
    for (const text of ['Puis-je utiliser ChatGPT pour résumer un courrier d’un usager ?', 'Qu’est-ce que MIRAI ?', 'Bonjour']) {
      expect((await post(base, personalMessage(url, AGENT, text))).status).toBe(200);
    }
    expect(connector.posted(personalConversation(AGENT).id).length).toBeGreaterThanOrEqual(3);
    const { ticket } = await service.app.escalation.open({ channel: 'teams', userId: 'u-1', conversationId: 'c-1' }, 'inconnue', 'Question [NOM]', '', 'explicit');
    // A live reload that works, then one that is rejected (the previous knowledge keeps serving).
    expect(service.app.knowledge.reload()).toEqual([]);
    writeFileSync(join(knowledgeDir, 'synonyms.yaml'), 'synonyms: [[[\n');
    expect(service.app.knowledge.reload().length).toBeGreaterThan(0);

    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const { samples, types } = parsePrometheus(await res.text());
    expect(sample(samples, 'charte_ia_messages_total', { channel: 'teams', intent: 'tool_check' })).toBe(1);
    expect(sample(samples, 'charte_ia_messages_total', { channel: 'teams', intent: 'charter_question' })).toBe(1);
    expect(sample(samples, 'charte_ia_messages_total', { channel: 'teams', intent: 'greeting' })).toBe(1);
    const verdicts = samples.filter((s) => s.name === 'charte_ia_verdicts_total');
    expect(verdicts.reduce((n, s) => n + s.value, 0)).toBe(1);
    expect(sample(samples, 'charte_ia_turn_duration_seconds_count', { channel: 'teams' })).toBe(3);
    expect(sample(samples, 'charte_ia_turn_duration_seconds_bucket', { channel: 'teams', le: '+Inf' })).toBe(3);
    expect(sample(samples, 'charte_ia_escalations_total', { event: 'opened' })).toBe(1);
    expect(sample(samples, 'charte_ia_escalations_active', { state: 'open' })).toBe(1);
    expect(sample(samples, 'charte_ia_escalations_active', { state: 'claimed' })).toBe(0);
    expect(sample(samples, 'charte_ia_knowledge_entries')).toBe(service.app.knowledge.current().entries.length);
    expect(sample(samples, 'charte_ia_knowledge_reloads_total')).toBe(1);
    expect(sample(samples, 'charte_ia_knowledge_reload_failures_total')).toBe(1);
    expect(types.get('charte_ia_turn_duration_seconds')).toBe('histogram');
    expect(types.get('charte_ia_outgoing_dropped_total')).toBe('counter');
    expect(types.get('charte_ia_messages_refused_total')).toBe('counter');
    expect(types.get('charte_ia_outgoing_queue_length')).toBe('gauge');
    expect(sample(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    // Labels are fixed sets: no user, conversation or text ever appears.
    expect(samples.some((s) => Object.values(s.labels).some((v) => /29:|MIRAI|ChatGPT|u-1|c-1/.test(v)))).toBe(false);
    expect(ticket.id).toBeGreaterThan(0);
  });

  it('keeps answering while the server drains, where /api/messages says 503', async () => {
    service.http.drain();
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const r = await readyz(base);
    expect(r.status).toBe(503);
    expect(r.body.checks.startup).toEqual({ ok: false, detail: 'shutting down' });
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
    expect((await post(base, personalMessage(connector.url, AGENT, 'aide'))).status).toBe(503);
  });
});
