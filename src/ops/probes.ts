import type { KeyValueStore } from '../store/escalation-types.js';
import { refuseUnlessGet, sendJson, type HttpMount } from './http-server.js';
import type { PrometheusMetrics } from './prometheus.js';

/**
 * GET /readyz and GET /metrics. Readiness is a set of named checks, all of which must pass: the
 * launcher registers "startup" (every channel started, not shutting down), "knowledge", "store" and
 * one per channel that reports a status (Matrix: first sync done). The answer lists each check, so an
 * operator sees at once what is missing; it holds no personal data.
 */

export interface CheckResult {
  ok: boolean;
  detail?: string;
}

export type ReadinessCheck = () => CheckResult | Promise<CheckResult>;

/** A check that does not answer within this time fails (a probe never hangs). */
const CHECK_TIMEOUT_MS = 2_000;

export class Readiness {
  private readonly checks = new Map<string, ReadinessCheck>();

  /** Adds or replaces a check. */
  set(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  async report(): Promise<{ ready: boolean; checks: Record<string, CheckResult> }> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]): Promise<[string, CheckResult]> => {
        let timer: NodeJS.Timeout | undefined;
        try {
          const timeout = new Promise<CheckResult>((r) => (timer = setTimeout(() => r({ ok: false, detail: `no answer within ${CHECK_TIMEOUT_MS} ms` }), CHECK_TIMEOUT_MS)));
          return [name, await Promise.race([Promise.resolve().then(check), timeout])];
        } catch (e) {
          return [name, { ok: false, detail: (e as Error).message.slice(0, 200) }];
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    const checks = Object.fromEntries(entries);
    return { ready: entries.length > 0 && entries.every(([, r]) => r.ok), checks };
  }
}

/**
 * Writes one small row to prove the database accepts writes (disk full, read-only file, closed
 * connection all fail it). The result is reused for a second, so a burst of probes is one write.
 */
export function storeWritable(kv: KeyValueStore, now: () => number = Date.now): ReadinessCheck {
  let last: { at: number; result: CheckResult } | undefined;
  return async () => {
    const t = now();
    if (last && t - last.at < 1_000) return last.result;
    let result: CheckResult;
    try {
      await kv.set('ops', 'readiness-probe', String(t), t);
      result = { ok: true };
    } catch (e) {
      result = { ok: false, detail: `database write failed: ${(e as Error).message.slice(0, 200)}` };
    }
    last = { at: t, result };
    return result;
  };
}

/** Mounts /readyz (and /metrics when given); both keep answering while the server drains. */
export function mountProbes(http: HttpMount, readiness: Readiness, metrics?: PrometheusMetrics): void {
  http.route(
    '/readyz',
    async (req, res) => {
      if (refuseUnlessGet(req, res)) return;
      const { ready, checks } = await readiness.report();
      sendJson(req, res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks });
    },
    { whileDraining: true },
  );
  if (!metrics) return;
  http.route(
    '/metrics',
    async (req, res) => {
      if (refuseUnlessGet(req, res)) return;
      const text = await metrics.render();
      res.writeHead(200, { 'content-type': metrics.contentType, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : text);
    },
    { whileDraining: true },
  );
}
