import { ms } from './stats.js';
import { runTeamsLoad } from './load/driver.js';

/**
 * `npm run bench` section: the real bot under load on its Teams endpoint. Defaults: 200 concurrent
 * conversations for 30 s; LOAD_CONVERSATIONS, LOAD_SECONDS and LOAD_MAX_REQUESTS change them
 * (e.g. LOAD_SECONDS=5 for a quick run). Loopback only, bounded in time and in requests.
 */

function envInt(name: string, fallback: number, max: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? Math.min(Math.floor(v), max) : fallback;
}

export async function benchTeamsLoad(): Promise<[string, string][]> {
  const conversations = envInt('LOAD_CONVERSATIONS', 200, 2_000);
  const seconds = envInt('LOAD_SECONDS', 30, 600);
  const maxRequests = envInt('LOAD_MAX_REQUESTS', 200_000, 1_000_000);
  const r = await runTeamsLoad({ conversations, durationMs: seconds * 1000, maxRequests });
  const line = (s: typeof r.replyMs) => `p50 ${ms(s.p50)}   p95 ${ms(s.p95)}   p99 ${ms(s.p99)}   max ${ms(s.max)}`;
  return [
    ['load', `${r.conversations} concurrent conversations, ${r.seconds.toFixed(1)} s, ${r.requests.toLocaleString('en')} messages`],
    ['throughput', `${(r.requests / (r.seconds || 1)).toFixed(0)} req/s`],
    ['replies received by the connector', `${r.replies.toLocaleString('en')} (${r.unanswered} message(s) unanswered, ${r.invalidReplies} invalid)`],
    ['errors', `${r.errors}${r.errorSamples.length ? ` (${r.errorSamples.join('; ')})` : ''}; bot log lines: ${r.botErrors.length} error(s), ${r.botWarnings} warning(s); exit code after SIGTERM ${r.botExit}`],
    ['POST → first reply at the connector', line(r.replyMs)],
    ['POST → HTTP response (turn done)', line(r.responseMs)],
  ];
}
