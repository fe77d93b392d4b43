import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createServer } from 'node:net';
import { cardProblems, cardText } from './support/cards.js';
import { teamsRig, type TeamsRig } from './support/teams-app.js';
import { WsReader } from './support/ws-reader.js';
import type { CardJson } from '../../adapters/teams/render.js';

/**
 * End to end through the Microsoft 365 Agents Playground (devDependency), headless: the playground
 * plays Teams (personal chat, its own mock Bot Connector), the bot runs in local mode. Skipped only
 * when the playground cannot start on this machine (the reason is printed).
 */

let rig: TeamsRig | undefined;
let child: ChildProcess | undefined;
let reader: WsReader | undefined;
let base = '';
let unavailable = '';

function playgroundCli(): string | undefined {
  try {
    const pkg = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/package.json');
    const cli = join(dirname(pkg), 'cli.js');
    return existsSync(cli) ? cli : undefined;
  } catch {
    return undefined;
  }
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

async function startPlayground(cli: string, endpoint: string): Promise<number> {
  const proc = spawn(process.execPath, [cli, '-e', endpoint, '-c', 'msteams', '-p', String(await freePort()), '--dt'], {
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let output = '';
  return new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "Listening on" after 30 s: ${output.slice(-500)}`)), 30_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /Listening on (\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`playground exited (${code}): ${output.slice(-500)}`));
    });
  });
}

beforeAll(async () => {
  const cli = playgroundCli();
  if (!cli) {
    unavailable = '@microsoft/m365agentsplayground is not installed (npm install with devDependencies)';
    return;
  }
  rig = await teamsRig();
  try {
    const port = await startPlayground(cli, rig.endpoint);
    base = `http://127.0.0.1:${port}`;
    reader = await WsReader.connect(`ws://127.0.0.1:${port}/_ws_conversation/v1/conversations/stream`);
  } catch (e) {
    unavailable = `the Agents Playground could not start here: ${(e as Error).message}`;
  }
}, 60_000);

afterAll(async () => {
  reader?.close();
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  await rig?.close();
});

interface PlaygroundMessage {
  action?: string;
  message?: { attachments?: { contentType: string; content: CardJson }[] };
}

describe('Agents Playground, end to end', () => {
  it('answers a tool question in the personal chat with its verdict card', async (ctx) => {
    if (unavailable) {
      console.warn(`SKIPPED: ${unavailable}`);
      ctx.skip();
    }
    const config = (await (await fetch(`${base}/_internal/v1/config`)).json()) as { config: { personalChat: { id: string }; currentUser: { id: string; aadObjectId: string } } };
    const chat = config.config.personalChat.id;
    const sent = await fetch(`${base}/_conversation/v1/conversations/${chat}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: { id: config.config.currentUser.id }, text: 'Puis-je utiliser ChatGPT pour résumer un article de presse ?', textFormat: 'plain' }),
    });
    expect(sent.status).toBe(200);
    const card = await reader!.waitFor((m) => {
      const msg = m as PlaygroundMessage;
      const c = msg.action === 'createMessage' ? msg.message?.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content : undefined;
      return c && /Autorisé|Non autorisé/.test(cardText(c)) ? c : undefined;
    });
    expect(cardProblems(card)).toEqual([]);
    expect(card.body[0]).toMatchObject({ type: 'Container', style: 'warning' });
    expect(cardText(card)).toMatch(/Autorisé sous conditions/);
    // The core saw the Teams user by their AAD object id, and kept the playground's conversation reference.
    const ref = await rig!.app.stores.refs.get('teams', config.config.currentUser.aadObjectId);
    expect(ref).toMatchObject({ data: { serviceUrl: expect.stringMatching(/^http:\/\/localhost:\d+\/_connector/) } });
  });
});
