import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../src/config.js';

/**
 * The real bot, as operators run it (`charte-ia start`), in its own process: Teams in local mode on
 * 127.0.0.1, a fresh SQLite file in a temporary folder, no Matrix, no console, JSON logs at warn
 * level collected (errors are counted). Stopped with SIGTERM, as a service manager would.
 */

export interface BotProcess {
  endpoint: string;
  /** Stops the bot; resolves with its exit code and the error-level log lines it wrote. */
  stop(): Promise<{ code: number | null; errors: string[]; warnings: number }>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function startBotProcess(startTimeoutMs = 60_000): Promise<BotProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'charte-ia-load-'));
  const port = await freePort();
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(MATRIX_|Microsoft|TEAMS_|HTTP_|RATE_LIMIT_|DATABASE_PATH|LOG_)/.test(k)) env[k] = v;
  Object.assign(env, {
    NODE_ENV: 'production',
    TEAMS_PORT: String(port),
    TEAMS_HOST: '127.0.0.1',
    DATABASE_PATH: join(dir, 'load.db'),
    KNOWLEDGE_WATCH: 'false',
    // Each simulated agent types far faster than a person: the per-user limit (tested in tests/ops)
    // would answer most messages with « patientez » and measure the limiter, not the bot.
    RATE_LIMIT_MESSAGES: '0',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
  });
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/charte-ia.js'), 'start'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const errors: string[] = [];
  let warnings = 0;
  let pending = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      let level = 0;
      try {
        level = (JSON.parse(line) as { level?: number }).level ?? 0;
      } catch {
        level = 50; // not a log line: a crash trace
      }
      if (level >= 50) errors.push(line.slice(0, 500));
      else if (level >= 40) warnings++;
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const endpoint = `http://127.0.0.1:${port}/api/messages`;
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the bot exited at start-up (code ${child.exitCode}): ${errors.join(' | ')}`);
    try {
      // Ready, not only alive: the HTTP server answers probes while the knowledge still loads.
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('the bot was not ready (/readyz) in time');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    endpoint,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      return { code, errors, warnings };
    },
  };
}
