import { describe, it, expect, afterAll } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { PrometheusMetrics } from '../../src/ops/prometheus.js';
import { RateLimiter } from '../../src/ops/rate-limit.js';
import { conversationKey } from '../../src/store/types.js';
import type { Reply } from '../../src/types.js';
import { FakeConnector } from '../teams/support/fake-connector.js';
import { AGENT, personalMessage } from '../teams/support/activities.js';
import { parsePrometheus, sample, startTestService } from './helpers.js';

const text = (replies: Reply[]) => replies.map((r) => r.text).join('\n');

describe('RateLimiter (token bucket)', () => {
  it('accepts `capacity` at once, refills evenly over the window, and says when the run of refusals starts', () => {
    const clock = { t: 0 };
    const limiter = new RateLimiter(3, 60_000, () => clock.t);
    expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterMs: 20_000, first: true });
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterMs: 20_000, first: false });
    expect(limiter.take('b').ok).toBe(true);
    clock.t = 15_000;
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterMs: 5_000, first: false });
    clock.t = 20_000;
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a')).toMatchObject({ ok: false, first: true });
    clock.t = 200_000;
    expect([1, 2, 3, 4].map(() => limiter.take('a').ok)).toEqual([true, true, true, false]);
  });

  it('keeps its memory bounded, forgetting idle senders first', () => {
    const clock = { t: 0 };
    const limiter = new RateLimiter(1, 1_000, () => clock.t, 100);
    limiter.take('flooder');
    for (let i = 0; i < 1_000; i++) {
      clock.t += 10;
      limiter.take(`user-${i}`);
      expect(limiter.size).toBeLessThanOrEqual(100);
    }
    clock.t += 1;
    // The last senders are still limited: they were kept.
    expect(limiter.take('user-999').ok).toBe(false);
  });
});

describe('limits of charte-ia start (createApp with enforceLimits)', () => {
  const metrics = new PrometheusMetrics({ processMetrics: false });
  const app = createApp({
    config: loadConfig({ RATE_LIMIT_MESSAGES: '2', RATE_LIMIT_WINDOW_SECONDS: '60', MAX_MESSAGE_CHARS: '200' }),
    logger: silentLogger(),
    watch: false,
    databasePath: ':memory:',
    metrics,
    enforceLimits: true,
  });
  afterAll(() => app.close());
  const say = (user: string, t: string, channel = 'console') => app.bot.handle({ channel, conversationId: user, user: { id: user, name: user }, text: t });

  it('answers a flood politely once, then stays silent; other users and channels are not affected', async () => {
    expect(text(await say('agent-a', 'Bonjour'))).not.toMatch(/beaucoup de messages/);
    expect(text(await say('agent-a', 'Qu’est-ce que MIRAI ?'))).toMatch(/MIRAI/);
    const refused = await say('agent-a', 'Qui a signé la circulaire ?');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.text).toMatch(/^Vous m’avez envoyé beaucoup de messages en peu de temps : je n’ai pas traité celui-ci\. Vous pourrez m’écrire de nouveau dans (\d+ secondes|1 seconde)\. Merci de votre patience\.$/);
    expect(await say('agent-a', 'Qui a signé la circulaire ?')).toEqual([]);
    expect(text(await say('agent-b', 'Qui a signé la circulaire ?'))).toMatch(/Moutouh/);
    expect(text(await say('agent-a', 'Qui a signé la circulaire ?', 'transcript'))).toMatch(/Moutouh/);
  });

  it('does not count ambassadors’ ticket commands, but counts their questions and others’ commands', async () => {
    for (let i = 0; i < 5; i++) expect(text(await say('ambassadeur-national', 'liste'))).toMatch(/demande|Aucune demande/);
    expect(text(await say('ambassadeur-national', 'Bonjour'))).not.toMatch(/beaucoup de messages/);
    expect(text(await say('ambassadeur-national', 'Qu’est-ce que MIRAI ?'))).toMatch(/MIRAI/);
    expect(text(await say('ambassadeur-national', 'Qu’est-ce que MIRAI ?'))).toMatch(/beaucoup de messages/);
    await say('agent-c', 'liste');
    await say('agent-c', 'liste');
    expect(text(await say('agent-c', 'liste'))).toMatch(/beaucoup de messages/);
  });

  it('refuses a message over MAX_MESSAGE_CHARS with a French explanation, processing nothing', async () => {
    const long = `Puis-je utiliser ChatGPT pour ce texte ? ${'Madame Sophie Leroy, 06 12 34 56 78. '.repeat(5)}`;
    expect(long.length).toBeGreaterThan(200);
    const replies = await say('agent-long', long);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toBe(
      `Votre message est trop long (${long.length} caractères, 200 au plus) : je ne l’ai pas traité. ` +
        'Posez votre question en quelques phrases ; pour un document, décrivez-le (sa nature, les données qu’il contient) plutôt que de le coller.',
    );
    // Nothing was stored for this conversation (no state, no privacy notice, no reference).
    expect(await app.stores.conversations.get(conversationKey('console', 'agent-long'))).toBeUndefined();
    expect(await app.stores.refs.get('console', 'agent-long')).toBeUndefined();
    expect(text(await say('agent-long', long.slice(0, 200)))).not.toMatch(/trop long/);
  });

  it('counts every refusal by channel and reason', async () => {
    const { samples } = parsePrometheus(await metrics.render());
    expect(sample(samples, 'charte_ia_messages_refused_total', { channel: 'console', reason: 'rate_limited' })).toBe(4);
    expect(sample(samples, 'charte_ia_messages_refused_total', { channel: 'console', reason: 'too_long' })).toBe(1);
  });
});

describe('HTTP body limit (HTTP_MAX_BODY_KB)', () => {
  it('refuses a larger body with 413 and still serves the next request', async () => {
    const connector = new FakeConnector();
    await connector.start();
    const { service, base } = await startTestService({ HTTP_MAX_BODY_KB: '2' });
    try {
      const post = (body: unknown) => fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const big = personalMessage(connector.url, AGENT, 'a'.repeat(3_000));
      expect((await post(big)).status).toBe(413);
      expect(connector.calls).toEqual([]);
      expect((await post(personalMessage(connector.url, AGENT, 'aide'))).status).toBe(200);
    } finally {
      await service.stop();
      await connector.stop();
    }
  });
});
