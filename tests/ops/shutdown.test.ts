import { describe, it, expect, afterEach } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PROJECT_ROOT } from '../../src/config.js';
import { AGENT, personalConversation, personalMessage } from '../teams/support/activities.js';

/**
 * Graceful shutdown of the real command: `node bin/charte-ia.js start` as a child process on port 0
 * with a SQLite file, a Teams turn in flight (its reply held by a slow Bot Connector), then SIGTERM.
 */

interface Bot {
  child: ChildProcess;
  base: string;
  logs: Record<string, unknown>[];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

const children: ChildProcess[] = [];
const servers: Server[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const s of servers.splice(0)) s.closeAllConnections(), s.close();
});

function startBot(env: Record<string, string>, readyMessage = 'charte-ia ready'): Promise<Bot> {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'charte-ia.js'), 'start'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, HTTP_PORT: '0', HTTP_HOST: '127.0.0.1', LOG_FORMAT: 'json', LOG_LEVEL: 'info', KNOWLEDGE_WATCH: 'false', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  const logs: Record<string, unknown>[] = [];
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() })),
  );
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        try {
          const entry = JSON.parse(line) as Record<string, unknown>;
          logs.push(entry);
          if (entry.msg === readyMessage) resolve({ child, base: String(entry.url), logs, exit });
        } catch {
          logs.push({ raw: line });
        }
      }
    });
    void exit.then(({ code }) => reject(new Error(`the bot exited (${code}) before it was ready: ${JSON.stringify(logs.slice(-5))}`)));
  });
}

/** A Bot Connector that answers each reply only after `holdMs`; `received` resolves on the first one. */
async function slowConnector(holdMs: number) {
  let onReceived: () => void = () => undefined;
  const received = new Promise<void>((r) => (onReceived = r));
  const replies: { path: string; answeredAt?: number }[] = [];
  const server = createServer((req, res) => {
    const call: { path: string; answeredAt?: number } = { path: req.url ?? '' };
    replies.push(call);
    req.resume();
    onReceived();
    setTimeout(() => {
      call.answeredAt = performance.now();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `activity-${replies.length}` }));
    }, holdMs);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, received, replies };
}

const post = (base: string, body: unknown) => fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('charte-ia start: graceful shutdown', () => {
  it('on SIGTERM, refuses new work, delivers the reply in flight, closes the store and exits 0 within seconds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shutdown-'));
    const db = join(dir, 'charte-ia.db');
    const bot = await startBot({ DATABASE_PATH: db });
    expect(existsSync(`${db}-wal`)).toBe(true);
    const connector = await slowConnector(1_500);
    const inFlight = post(bot.base, personalMessage(connector.url, AGENT, 'Puis-je utiliser ChatGPT pour résumer un article de presse ?'));
    await connector.received;
    const signalledAt = performance.now();
    bot.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    // While draining: probes answer, new work is refused.
    expect((await fetch(`${bot.base}/healthz`)).status).toBe(200);
    expect((await fetch(`${bot.base}/readyz`)).status).toBe(503);
    expect((await post(bot.base, personalMessage(connector.url, AGENT, 'aide'))).status).toBe(503);
    expect((await inFlight).status).toBe(200);
    const { code, signal, at } = await bot.exit;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(at - signalledAt).toBeLessThan(5_000);
    // The reply was delivered before the process ended, and only one (the refused message got none).
    expect(connector.replies).toHaveLength(1);
    expect(connector.replies[0]!.path).toContain(encodeURIComponent(personalConversation(AGENT).id));
    expect(connector.replies[0]!.answeredAt).toBeLessThan(at);
    expect(bot.logs.find((l) => l.msg === 'stopped')).toMatchObject({ clean: true });
    // Closed cleanly: SQLite checkpointed and removed its write-ahead log; the turn's state is there.
    expect(existsSync(`${db}-wal`)).toBe(false);
    const check = new Database(db, { readonly: true });
    try {
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      const row = check.prepare('SELECT count(*) AS n FROM conversation_state WHERE key LIKE ?').get('teams%') as { n: number };
      expect(row.n).toBe(1);
    } finally {
      check.close();
    }
  });

  it('does not wait past SHUTDOWN_GRACE_SECONDS for a turn that hangs, and still exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shutdown-'));
    const db = join(dir, 'charte-ia.db');
    const bot = await startBot({ DATABASE_PATH: db, SHUTDOWN_GRACE_SECONDS: '1' });
    const connector = await slowConnector(20_000);
    void post(bot.base, personalMessage(connector.url, AGENT, 'Qu’est-ce que MIRAI ?')).catch(() => undefined);
    await connector.received;
    const signalledAt = performance.now();
    bot.child.kill('SIGTERM');
    const { code, at } = await bot.exit;
    expect(code).toBe(0);
    expect(at - signalledAt).toBeGreaterThan(900);
    expect(at - signalledAt).toBeLessThan(4_000);
    expect(bot.logs.find((l) => l.msg === 'stopped')).toMatchObject({ clean: false });
    expect(bot.logs.some((l) => /abandoned/.test(String(l.msg)))).toBe(true);
    expect(existsSync(`${db}-wal`)).toBe(false);
  });

  it('a SIGTERM received while starting still stops in order, exit 0', async () => {
    const bot = await startBot({ DATABASE_PATH: ':memory:' }, 'http: listening (/healthz, /readyz, /metrics)');
    bot.child.kill('SIGTERM');
    const { code, signal } = await bot.exit;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(bot.logs.find((l) => l.msg === 'shutting down')).toMatchObject({ reason: 'SIGTERM' });
    expect(bot.logs.find((l) => l.msg === 'stopped')).toMatchObject({ clean: true });
  });

  it('exits 0 on SIGINT when idle', async () => {
    const bot = await startBot({ DATABASE_PATH: ':memory:' });
    const signalledAt = performance.now();
    bot.child.kill('SIGINT');
    const { code, at } = await bot.exit;
    expect(code).toBe(0);
    expect(at - signalledAt).toBeLessThan(3_000);
    expect(bot.logs.find((l) => l.msg === 'shutting down')).toMatchObject({ reason: 'SIGINT' });
  });
});
