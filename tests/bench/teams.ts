import { createServer, type IncomingMessage as HttpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type Request, type Response } from 'botbuilder';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { TeamsAdapter } from '../../adapters/teams/teams-adapter.js';
import { loadTeamsConfig } from '../../adapters/teams/config.js';
import { FakeConnector } from '../teams/support/fake-connector.js';
import { personalMessage, type TeamsUser } from '../teams/support/activities.js';
import { readJsonl, type EvalItem } from '../eval/scoring.js';
import { EVAL_DIR } from '../eval/evaluate.js';
import { summarise, ms } from './stats.js';
import { closeServer } from '../helpers/loopback.js';

/**
 * Throughput and latency of POST /api/messages with N concurrent Teams conversations, the replies
 * going to a local fake Bot Connector; measured against a bare botbuilder echo bot (same
 * CloudAdapter, same connector, same questions) in the same run, so the ratio shows what the
 * charter bot costs on top of botbuilder itself.
 */

async function readJson(req: HttpRequest): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

/** The reference: botbuilder's CloudAdapter answering "echo <text>", nothing else. */
async function echoBot(): Promise<{ endpoint: string; close(): Promise<void> }> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const server: Server = createServer((req, res) => {
    void readJson(req).then((body) => {
      const shim: Response = {
        socket: req.socket,
        status: (code: number) => (res.statusCode = code),
        header: (name: string, value: unknown) => res.setHeader(name, String(value)),
        send: (b: unknown) => res.write(typeof b === 'string' ? b : JSON.stringify(b)),
        end: () => res.end(),
      };
      const request: Request = { body, headers: req.headers, method: req.method };
      return adapter.process(request, shim, async (context) => {
        if (context.activity.type === 'message') await context.sendActivity(`echo ${context.activity.text}`);
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`,
    close: () => closeServer(server),
  };
}

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** `conversations` users each send their share of `requests` messages, one after the other. */
async function load(endpoint: string, serviceUrl: string, questions: string[], conversations: number, requests: number): Promise<LoadResult> {
  const samples: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: conversations }, async (_, c) => {
      const user: TeamsUser = { id: `29:1bench-${c}`, name: `Agent ${c}`, aadObjectId: `00000000-0000-4000-8000-${String(c).padStart(12, '0')}` };
      while (next < requests) {
        const i = next++;
        const body = JSON.stringify(personalMessage(serviceUrl, user, questions[i % questions.length]!) as Activity);
        const t = performance.now();
        const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        await res.arrayBuffer();
        samples.push(performance.now() - t);
        if (res.status !== 200) errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const s = summarise(samples);
  return { rps: samples.length / seconds, p50: s.p50, p99: s.p99, errors };
}

export async function benchTeams(opts: { conversations?: number; requests?: number } = {}): Promise<[string, string][]> {
  const conversations = opts.conversations ?? 20;
  const requests = opts.requests ?? 2_000;
  const questions = readJsonl<EvalItem>(join(EVAL_DIR, 'dev.jsonl')).map((i) => i.q);
  const connector = new FakeConnector();
  await connector.start();
  const app = createApp({ config: loadConfig({}), logger: silentLogger(), watch: false, databasePath: ':memory:' });
  const teams = new TeamsAdapter({ config: loadTeamsConfig({ TEAMS_PORT: '0' }), logger: silentLogger(), kv: app.stores.kv });
  app.router.register(teams);
  await teams.start(app.bot);
  const echo = await echoBot();
  try {
    const ours = `http://127.0.0.1:${teams.address()!.port}/api/messages`;
    // Warm-up (JIT, SQLite statements, connection pools), then the measured runs.
    for (const endpoint of [echo.endpoint, ours, echo.endpoint, ours]) await load(endpoint, connector.url, questions, conversations, 500);
    connector.clear();
    const base = await load(echo.endpoint, connector.url, questions, conversations, requests);
    connector.clear();
    const bot = await load(ours, connector.url, questions, conversations, requests);
    const line = (r: LoadResult) => `${r.rps.toFixed(0)} req/s   p50 ${ms(r.p50)}   p99 ${ms(r.p99)}${r.errors ? `   ${r.errors} errors` : ''}`;
    return [
      [`charte-ia bot (${conversations} conversations, ${requests.toLocaleString('en')} messages)`, line(bot)],
      [`bare botbuilder echo bot (same load)`, line(base)],
      ['ratio charte-ia / echo', `throughput ${(bot.rps / base.rps).toFixed(2)}×   p99 ${(bot.p99 / base.p99).toFixed(2)}×`],
    ];
  } finally {
    await echo.close();
    await teams.stop();
    await connector.stop();
    await app.close();
  }
}
