import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config.js';
import { loadSettings } from '../../src/launcher.js';
import { applyEnvFile, parseEnvFile } from '../../src/env-file.js';
import { runCli } from '../cli/run-cli.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadSettings(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

const MATRIX = { MATRIX_HOMESERVER_URL: 'https://matrix.example.invalid', MATRIX_ACCESS_TOKEN: 'syt_secret_token_value', MATRIX_BOT_USER_ID: '@bot:example.invalid' };

describe('settings of charte-ia start', () => {
  it('run on the defaults with no configuration at all', () => {
    const s = loadSettings({});
    expect(s.http).toEqual({ host: '127.0.0.1', port: 3978, maxBodyBytes: 256 * 1024, portSetting: 'HTTP_PORT' });
    expect(s.core).toMatchObject({ MAX_MESSAGE_CHARS: 6000, RATE_LIMIT_MESSAGES: 10, RATE_LIMIT_WINDOW_SECONDS: 60, SHUTDOWN_GRACE_SECONDS: 8, KNOWLEDGE_WATCH: true });
    expect(s.matrix).toBeUndefined();
    expect(s.teams.enabled).toBe(true);
    expect(s.notes).toEqual([]);
  });

  it('report every problem of every section at once, each naming the variable and the expected form', () => {
    const found = problems({
      HTTP_PORT: '80a',
      RATE_LIMIT_MESSAGES: '-1',
      CONFIDENCE_THRESHOLD: '2',
      KNOWLEDGE_WATCH: 'oui',
      LOG_LEVEL: 'verbose',
      TEAMS_ENABLED: 'yes',
      MicrosoftAppPassword: 'hunter2-secret',
      MATRIX_HOMESERVER_URL: 'https://matrix.example.invalid',
      MATRIX_ACCESS_TOKEN: 'syt_secret_token_value',
      MATRIX_BOT_USER_ID: 'bot',
      MATRIX_QUEUE_MAX: '5',
    });
    expect(found).toEqual(
      expect.arrayContaining([
        'HTTP_PORT="80a": must be a whole number from 0 to 65535',
        'RATE_LIMIT_MESSAGES="-1": must be a whole number from 0 to 10000',
        'CONFIDENCE_THRESHOLD="2": must be a number from 0 up to 1',
        'KNOWLEDGE_WATCH="oui": must be true or false',
        'LOG_LEVEL="verbose": expected one of fatal, error, warn, info, debug, trace, silent',
        'TEAMS_ENABLED="yes": must be true or false',
        expect.stringMatching(/^MicrosoftAppId: required/),
        expect.stringMatching(/^MATRIX_BOT_USER_ID="bot": a Matrix user id looks like @name:server/),
        'MATRIX_QUEUE_MAX="5": must be a whole number from 10 to 100000',
      ]),
    );
    expect(found).toHaveLength(10);
    expect(JSON.stringify(found)).not.toMatch(/hunter2|syt_secret/);
  });

  it('read TEAMS_PORT / TEAMS_HOST as former names of HTTP_PORT / HTTP_HOST, refusing a disagreement', () => {
    expect(loadSettings({ TEAMS_PORT: '4000' })).toMatchObject({ http: { port: 4000, portSetting: 'TEAMS_PORT' }, notes: [expect.stringMatching(/TEAMS_PORT is the former name of HTTP_PORT/)] });
    expect(loadSettings({ HTTP_PORT: '4001', TEAMS_PORT: '4001' }).http.port).toBe(4001);
    expect(loadSettings({ HTTP_HOST: '0.0.0.0' }).http.host).toBe('0.0.0.0');
    expect(problems({ HTTP_PORT: '4001', TEAMS_PORT: '4002' })).toEqual(['TEAMS_PORT="4002": disagrees with HTTP_PORT="4001"; TEAMS_PORT is the former name of HTTP_PORT, keep only HTTP_PORT']);
    const credentials = { MicrosoftAppId: '5e7c2f4a-1b3d-4c5e-8f9a-0b1c2d3e4f50', MicrosoftAppPassword: 'x', MicrosoftAppTenantId: '2f0e3c51-7a4b-4d7e-9b1e-5c3a9d0e7f11' };
    expect(loadSettings(credentials).http.host).toBe('0.0.0.0');
  });

  it('note Matrix variables that are set while the channel is off', () => {
    expect(loadSettings({ MATRIX_ACCESS_TOKEN: 'syt_secret_token_value', MATRIX_QUEUE_MAX: 'abc' }).notes).toEqual([
      'MATRIX_ACCESS_TOKEN, MATRIX_QUEUE_MAX set but MATRIX_HOMESERVER_URL is not: the Matrix channel is off and these are not checked',
    ]);
    expect(loadSettings(MATRIX).matrix).toMatchObject({ queueMax: 500, ratePerSecond: 1 });
  });

  it('keep the core section strict about numbers (no hexadecimal, no exponent, no blanks)', () => {
    for (const bad of ['0x10', '1e3', '12.5', 'dix']) expect(() => loadConfig({ RETENTION_DAYS: bad })).toThrow(/RETENTION_DAYS=.*must be a whole number from 1 to 3650/);
    expect(loadConfig({ RETENTION_DAYS: ' 30 ' }).RETENTION_DAYS).toBe(30);
    expect(loadConfig({ RETENTION_DAYS: '' }).RETENTION_DAYS).toBe(90);
  });
});

describe('.env file', () => {
  it('parses names, quotes, escapes and comments', () => {
    const { entries, problems: found } = parseEnvFile(
      [
        '# comment',
        '',
        'A=plain value # comment',
        'export B="line\\nnext \\"quoted\\"" # after',
        "C='no $escape \\n here'",
        'D=',
        'E= # only a comment',
        'F=#not-a-comment',
        'G=http://x/#frag',
      ].join('\n'),
      '.env',
    );
    expect(found).toEqual([]);
    expect(Object.fromEntries(entries.map((e) => [e.name, e.value]))).toEqual({
      A: 'plain value',
      B: 'line\nnext "quoted"',
      C: 'no $escape \\n here',
      D: '',
      E: '',
      F: '#not-a-comment',
      G: 'http://x/#frag',
    });
  });

  it('reports every malformed line at once, with its number', () => {
    const { problems: found } = parseEnvFile(['OK=1', 'no equals sign', '1BAD=x', 'Q="unterminated', "R='x' trailing", 'OK=2'].join('\n'), '.env');
    expect(found).toEqual([
      '.env:2: expected NAME=value (a name of letters, digits and _, then =)',
      '.env:3: expected NAME=value (a name of letters, digits and _, then =)',
      '.env:4: Q: the value opened with " has no closing " on this line',
      '.env:5: R: unexpected text after the closing quote: "trailing"',
      '.env:6: OK is already set on line 1; keep one',
    ]);
  });

  it('fills only what the environment does not define (even empty, the environment wins)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'envfile-'));
    const file = join(dir, 'settings.env');
    writeFileSync(file, 'HTTP_PORT=4100\nLOG_LEVEL=debug\nMicrosoftAppId=abc\n');
    const env: Record<string, string | undefined> = { LOG_LEVEL: 'warn', MicrosoftAppId: '' };
    const applied = applyEnvFile(env, file);
    expect(env).toEqual({ HTTP_PORT: '4100', LOG_LEVEL: 'warn', MicrosoftAppId: '' });
    expect(applied).toMatchObject({ applied: ['HTTP_PORT'], overridden: ['LOG_LEVEL', 'MicrosoftAppId'] });
    expect(() => applyEnvFile({}, join(dir, 'missing.env'))).toThrow(/no such file/);
    expect(applyEnvFile({}, undefined).entries).toBeDefined();
  });
});

describe('charte-ia config check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'config-check-'));

  it('lists every setting with its value and source, secrets masked, and exits 0 when valid', async () => {
    const file = join(dir, 'ok.env');
    writeFileSync(file, 'HTTP_PORT=4200\nMicrosoftAppPassword=from-file-secret\nMicrosoftAppId=5e7c2f4a-1b3d-4c5e-8f9a-0b1c2d3e4f50\nMicrosoftAppTenantId=2f0e3c51-7a4b-4d7e-9b1e-5c3a9d0e7f11\nTEAMS_APP_ID=x\n');
    const { code, stdout, stderr } = await runCli(['config', 'check', '--env-file', file], '', { RATE_LIMIT_MESSAGES: '20' });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\[core\]$/m);
    expect(stdout).toMatch(/^\s+HTTP_PORT\s+"4200"\s+\(\.env\)$/m);
    expect(stdout).toMatch(/^\s+RATE_LIMIT_MESSAGES\s+"20"\s+\(environment\)$/m);
    expect(stdout).toMatch(/^\s+SHUTDOWN_GRACE_SECONDS\s+"8"\s+\(default\)$/m);
    expect(stdout).toMatch(/^\s+MicrosoftAppPassword\s+"\*\*\*"\s+\(\.env\)$/m);
    expect(stdout).toMatch(/^\s+MATRIX_ACCESS_TOKEN\s+—\s+\(unset\)$/m);
    expect(stdout).toMatch(/Configuration OK/);
    expect(stdout).not.toContain('from-file-secret');
  });

  it('prints every problem at once and exits 78, never the secrets', async () => {
    const file = join(dir, 'bad.env');
    writeFileSync(file, 'HTTP_PORT=huit\nMATRIX_HOMESERVER_URL=https://hs.example.invalid\nMATRIX_ACCESS_TOKEN=syt_very_secret\nTEAMS_PROT=3000\n');
    const { code, stdout, stderr } = await runCli(['config', 'check', '--env-file', file], '', { MAX_MESSAGE_CHARS: '5' });
    expect(code).toBe(78);
    expect(stderr).toMatch(/note: \.env:4: TEAMS_PROT is not a setting of charte-ia/);
    expect(stderr).toMatch(/3 problem\(s\):/);
    expect(stderr).toMatch(/HTTP_PORT="huit": must be a whole number from 0 to 65535/);
    expect(stderr).toMatch(/MAX_MESSAGE_CHARS="5": must be a whole number from 100 to 100000/);
    expect(stderr).toMatch(/MATRIX_BOT_USER_ID="": required/);
    expect(stdout + stderr).not.toContain('syt_very_secret');
  });

  it('stops `start` before anything runs, with every problem, exit 78', async () => {
    const { code, stderr } = await runCli(['start'], '', { HTTP_PORT: 'x', RETENTION_DAYS: '0', DATABASE_PATH: ':memory:' });
    expect(code).toBe(78);
    expect(stderr).toMatch(/Invalid configuration:\n {2}- RETENTION_DAYS="0": must be a whole number from 1 to 3650\n {2}- HTTP_PORT="x": must be a whole number from 0 to 65535/);
  });

  it('names the line of a malformed .env', async () => {
    const file = join(dir, 'broken.env');
    writeFileSync(file, 'GOOD=1\noops\n');
    const { code, stderr } = await runCli(['ask', 'bonjour', '--env-file', file]);
    expect(code).toBe(78);
    expect(stderr).toContain(`${file}:2: expected NAME=value`);
  });
});
