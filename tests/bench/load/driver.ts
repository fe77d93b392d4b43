import { Agent, request } from 'node:http';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { personalMessage, type TeamsUser } from '../../teams/support/activities.js';
import { readJsonl, type EvalItem } from '../../eval/scoring.js';
import { EVAL_DIR } from '../../eval/evaluate.js';
import { percentile } from '../stats.js';
import { LoadConnector } from './connector.js';
import { startBotProcess, type BotProcess } from './bot-process.js';

/**
 * A bounded load on the Teams endpoint of the real bot (its own process, loopback only):
 * `conversations` users each post a question, wait for the response, post the next, until
 * `durationMs` has passed or `maxRequests` were sent. Latency is measured from the POST to the
 * first reply the fake Bot Connector receives for that activity (what the user waits for), and
 * to the HTTP response (the turn done, every reply sent).
 */

export interface LoadOptions {
  conversations: number;
  durationMs: number;
  /** Hard cap on requests, whatever the duration. */
  maxRequests: number;
}

export interface LoadReport {
  conversations: number;
  seconds: number;
  requests: number;
  /** Requests answered 200. */
  ok: number;
  /** Non-200 statuses and network failures. */
  errors: number;
  errorSamples: string[];
  /** Requests answered 200 without any reply reaching the connector. */
  unanswered: number;
  replies: number;
  invalidReplies: number;
  /** Error-level lines the bot logged, and its exit code after SIGTERM. */
  botErrors: string[];
  botWarnings: number;
  botExit: number | null;
  replyMs: { p50: number; p95: number; p99: number; max: number };
  responseMs: { p50: number; p95: number; p99: number; max: number };
}

function questions(): string[] {
  return ['dev.jsonl', 'dev-2.jsonl'].flatMap((f) => readJsonl<EvalItem>(join(EVAL_DIR, f)).map((i) => i.q));
}

function spread(samples: number[]): LoadReport['replyMs'] {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s[s.length - 1] ?? 0 };
}

/**
 * POSTs an activity, resolving with the status once the response is read. One keep-alive socket
 * per conversation (as many as there are in flight): fetch's pool was seen queueing dozens of
 * requests behind one connection for seconds, which measured the client, not the bot.
 */
function poster(endpoint: string, agent: Agent): (activity: Partial<Activity>) => Promise<number> {
  const url = new URL(endpoint);
  return (activity) =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify(activity);
      const req = request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.once('end', () => resolve(res.statusCode ?? 0));
          res.once('error', reject);
        },
      );
      req.once('error', reject);
      req.end(body);
    });
}

export async function runTeamsLoad(opts: LoadOptions): Promise<LoadReport> {
  const qs = questions();
  const connector = await new LoadConnector().start();
  const bot = await startBotProcess();
  const agent = new Agent({ keepAlive: true, maxSockets: opts.conversations });
  /** Activity id → when it was posted, for the requests answered 200. */
  const sent = new Map<string, number>();
  let stopped: Awaited<ReturnType<BotProcess['stop']>> | undefined;
  const responseMs: number[] = [];
  const errorSamples: string[] = [];
  let requests = 0;
  let ok = 0;
  let errors = 0;
  let started = 0;
  let seconds = 0;
  try {
    // One warm-up message per conversation (JIT, SQLite statements), not measured.
    const users: TeamsUser[] = Array.from({ length: opts.conversations }, (_, c) => ({
      id: `29:1load-${c}`,
      name: `Agent ${c}`,
      aadObjectId: `10ad0000-0000-4000-8000-${String(c).padStart(12, '0')}`,
    }));
    const post = poster(bot.endpoint, agent);
    await Promise.all(users.map((u) => post(personalMessage(connector.url, u, 'Bonjour'))));
    connector.replies.clear();
    started = performance.now();
    const deadline = started + opts.durationMs;
    await Promise.all(
      users.map(async (user, c) => {
        for (let i = c; performance.now() < deadline && requests < opts.maxRequests; i += opts.conversations) {
          requests++;
          const activity = personalMessage(connector.url, user, qs[i % qs.length]!);
          const t = performance.now();
          try {
            const status = await post(activity);
            responseMs.push(performance.now() - t);
            if (status === 200) {
              ok++;
              sent.set(activity.id!, t);
            } else {
              errors++;
              if (errorSamples.length < 5) errorSamples.push(`HTTP ${status}`);
            }
          } catch (e) {
            errors++;
            if (errorSamples.length < 5) errorSamples.push((e as Error).message);
          }
        }
      }),
    );
    seconds = (performance.now() - started) / 1000;
  } finally {
    agent.destroy();
    stopped = await bot.stop();
    await connector.stop();
  }
  const replyMs: number[] = [];
  let unanswered = 0;
  let replies = 0;
  for (const [id, t] of sent) {
    const r = connector.replies.get(id);
    if (!r) unanswered++;
    else {
      replyMs.push(r.first - t);
      replies += r.count;
    }
  }
  return {
    conversations: opts.conversations,
    seconds,
    requests,
    ok,
    errors,
    errorSamples,
    unanswered,
    replies,
    invalidReplies: connector.invalid,
    botErrors: stopped?.errors ?? [],
    botWarnings: stopped?.warnings ?? 0,
    botExit: stopped?.code ?? null,
    replyMs: spread(replyMs),
    responseMs: spread(responseMs),
  };
}
