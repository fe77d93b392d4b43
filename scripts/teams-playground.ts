/**
 * `npm run playground`: the bot (Teams endpoint in local mode) plus the Microsoft 365 Agents
 * Playground pointed at it, so anyone can chat with the bot in a Teams-like page.
 *
 *   npm run playground                  opens the playground in the browser
 *   npm run playground -- --headless    no browser (TEAMSAPPTESTER_BROWSER=none): drive it over HTTP
 *
 * Options: --port N (bot, default HTTP_PORT, TEAMS_PORT or 3978), --playground-port N (default 56150).
 * The bot runs without Microsoft credentials (local mode) and, unless DATABASE_PATH is set, on a
 * throw-away in-memory database. Ctrl+C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { headless: { type: 'boolean', default: false }, port: { type: 'string' }, 'playground-port': { type: 'string', default: '56150' } },
});
const port = Number(values.port ?? (process.env.HTTP_PORT || process.env.TEAMS_PORT || 3978));
const children: ChildProcess[] = [];

function stopAll(code: number): void {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  process.exitCode = code;
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the bot did not answer on ${url} within ${timeoutMs / 1000} s`);
}

// Set explicitly, so that a .env file cannot move the bot elsewhere (the environment wins over it).
const botEnv: Record<string, string | undefined> = { ...process.env, TEAMS_ENABLED: 'true', HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1' };
for (const key of ['TEAMS_PORT', 'TEAMS_HOST']) botEnv[key] = '';
// Local mode: no Microsoft credential, not even from a .env file (defined empty, they win over it).
for (const key of ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppTenantId', 'MicrosoftAppType']) botEnv[key] = '';
botEnv.DATABASE_PATH ??= ':memory:';
const bot = spawn(process.execPath, [join(root, 'bin', 'charte-ia.js'), 'start'], { env: botEnv, stdio: ['ignore', 'inherit', 'inherit'] });
children.push(bot);
bot.once('exit', (code) => stopAll(code ?? 1));
process.once('SIGINT', () => stopAll(0));
process.once('SIGTERM', () => stopAll(0));

try {
  await waitForHealth(`http://127.0.0.1:${port}/healthz`, 30_000);
} catch (e) {
  console.error((e as Error).message);
  stopAll(1);
}
if (bot.exitCode === null) {
  const cli = join(dirname(createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
  const env = { ...process.env, ...(values.headless ? { TEAMSAPPTESTER_BROWSER: 'none' } : {}) };
  const args = [cli, '-e', `http://localhost:${port}/api/messages`, '-c', 'msteams', '-p', values['playground-port']!, '--dt'];
  const playground = spawn(process.execPath, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
  children.push(playground);
  playground.once('exit', (code) => stopAll(code ?? 0));
  console.log(`Agents Playground → bot at http://localhost:${port}/api/messages (${values.headless ? 'headless' : 'opening the browser'}); Ctrl+C to stop.`);
}
