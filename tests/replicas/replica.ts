import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';

/**
 * One replica of the bot as operators run it: `node bin/charte-ia.js start` in its own process, with
 * the environment given (PostgreSQL, Matrix double, Teams local mode on 127.0.0.1), JSON logs kept.
 */
export interface Replica {
  name: string;
  port: number;
  base: string;
  child: ChildProcess;
  /** Parsed JSON log lines so far (non-JSON lines as { raw }). */
  logs: Record<string, unknown>[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once /readyz answers 200. */
  ready(timeoutMs?: number): Promise<void>;
  logged(msg: string): boolean;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** The parent's environment without anything that would configure the bot differently. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(MATRIX_|Microsoft|TEAMS_|HTTP_|RATE_LIMIT_|DATABASE_|REPLICA_|LOG_|LLM_|EMBEDDINGS_)/.test(k)) env[k] = v;
  }
  return env;
}

export async function startReplica(name: string, env: Record<string, string>): Promise<Replica> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/charte-ia.js'), 'start'], {
    cwd: PROJECT_ROOT,
    env: { ...baseEnv(), NODE_ENV: 'production', HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1', REPLICA_NAME: name, LOG_FORMAT: 'json', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let pending = '';
  const collect = (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ raw: line });
      }
    }
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const base = `http://127.0.0.1:${port}`;
  return {
    name,
    port,
    base,
    child,
    logs,
    exited,
    logged: (msg) => logs.some((l) => l.msg === msg),
    async ready(timeoutMs = 45_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`replica ${name} exited at start-up: ${JSON.stringify(logs.slice(-5))}`);
        try {
          if ((await fetch(`${base}/readyz`)).ok) return;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) throw new Error(`replica ${name} not ready after ${timeoutMs} ms: ${JSON.stringify(logs.slice(-5))}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
  };
}
