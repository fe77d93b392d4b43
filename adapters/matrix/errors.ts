/**
 * What went wrong with a homeserver request, whatever matrix-bot-sdk threw: a MatrixError (JSON error
 * body), a bare HTTP response (non-JSON error page, e.g. a proxy's 502), or a network error.
 */
export interface RequestFailure {
  status?: number;
  errcode?: string;
  retryAfterMs?: number;
  message: string;
  kind: 'rate_limited' | 'permanent' | 'transient';
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

export function describeFailure(e: unknown): RequestFailure {
  const o = (e && typeof e === 'object' ? e : {}) as Record<string, unknown>;
  const body = (o.body && typeof o.body === 'object' ? o.body : {}) as Record<string, unknown>;
  const status = num(o.statusCode);
  const errcode = typeof o.errcode === 'string' ? o.errcode : typeof body.errcode === 'string' ? body.errcode : undefined;
  const retryAfterMs = num(o.retryAfterMs) ?? num(body.retry_after_ms);
  const detail = typeof o.error === 'string' ? o.error : typeof body.error === 'string' ? body.error : undefined;
  const code = typeof o.code === 'string' ? o.code : undefined;
  const message =
    errcode || status
      ? [status ? `HTTP ${status}` : '', errcode ?? '', detail ?? ''].filter(Boolean).join(' ')
      : `${code ?? 'network error'}${e instanceof Error && e.message ? `: ${e.message}` : ''}`;
  let kind: RequestFailure['kind'] = 'transient';
  if (status === 429 || errcode === 'M_LIMIT_EXCEEDED') kind = 'rate_limited';
  else if (status !== undefined && status >= 400 && status < 500 && status !== 408) kind = 'permanent';
  return { status, errcode, retryAfterMs, message: message.slice(0, 300), kind };
}

/** Exponential back-off with jitter: base·2^attempt, capped, ±20 %. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
  const raw = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(raw * (0.8 + Math.random() * 0.4));
}

/** A sleep that `wake()` ends early (used so that stop() never waits for a back-off). */
export class Sleeper {
  private timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.timers.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      this.timers.add(entry);
    });
  }

  wakeAll(): void {
    for (const t of this.timers) {
      clearTimeout(t.timer);
      t.resolve();
    }
    this.timers.clear();
  }
}

export interface PatientOptions {
  sleeper: Sleeper;
  /** Gives up once this long has passed since the first try (the last failure is thrown). */
  maxMs: number;
  /** First back-off step for transient failures. */
  baseMs?: number;
  /** Checked before every try: when true, the last failure is thrown at once. */
  stopped?: () => boolean;
  /** Told about each wait (rate limits and transient failures alike). */
  onRetry?: (f: RequestFailure, delayMs: number) => void;
}

/**
 * Runs a homeserver call until it succeeds: a 429 waits `retry_after_ms`, network errors and 5xx
 * back off; refusals (4xx) are thrown at once, as is the last failure after `maxMs` or on stop.
 * For calls outside the send queue that must not be lost to a rate limit (joining a room…).
 */
export async function patiently<T>(work: () => Promise<T>, opts: PatientOptions): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      const f = describeFailure(e);
      if (f.kind === 'permanent' || opts.stopped?.() || Date.now() - started > opts.maxMs) throw e;
      const delay = f.kind === 'rate_limited' ? Math.min(Math.max(f.retryAfterMs ?? 1000, 50), 120_000) : backoffMs(attempt, opts.baseMs ?? 500, 30_000);
      opts.onRetry?.(f, delay);
      await opts.sleeper.sleep(delay);
      if (opts.stopped?.()) throw e;
    }
  }
}
