import { afterEach, describe, expect, it } from 'vitest';
import { openApp } from '../../src/app.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { openStores, storeEngine } from '../../src/store/open.js';
import { pgRaw, postgresUnavailable, TEST_DATABASE_URL, uniqueSchema } from './contract/backends.js';

const unavailable = await postgresUnavailable();
if (unavailable) console.warn(`SKIPPED: PostgreSQL store selection tests: no server at ${TEST_DATABASE_URL} (${unavailable})`);

const schemas: string[] = [];
afterEach(async () => {
  for (const s of schemas.splice(0)) await pgRaw(TEST_DATABASE_URL, undefined, (c) => c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`));
});

describe('choosing the store from the configuration', () => {
  it('validates DATABASE_URL and never shows it', () => {
    for (const bad of ['mysql://h/db', 'postgres://', 'postgres://host', 'not a url']) {
      let error: unknown;
      try {
        loadConfig({ DATABASE_URL: `${bad}?password=s3cret` });
      } catch (e) {
        error = e;
      }
      expect(error, bad).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain('DATABASE_URL="***": must be a PostgreSQL URL');
      expect((error as Error).message).not.toContain('s3cret');
    }
    expect(loadConfig({ DATABASE_URL: 'postgresql://u:p@db:5432/charte' }).DATABASE_URL).toBe('postgresql://u:p@db:5432/charte');
    expect(() => loadConfig({ DATABASE_SCHEMA: 'Public; drop' })).toThrow(/DATABASE_SCHEMA="Public; drop": must be a lower-case identifier/);
  });

  it('picks SQLite by default and when a database file is given, PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({});
    expect(storeEngine(config)).toBe('sqlite');
    const pg = loadConfig({ DATABASE_URL: TEST_DATABASE_URL });
    expect(storeEngine(pg)).toBe('postgres');
    expect(storeEngine(pg, { databasePath: ':memory:' })).toBe('sqlite');
  });

  it.skipIf(!!unavailable)('opens PostgreSQL stores in DATABASE_SCHEMA and serves a turn through openApp', async () => {
    const schema = uniqueSchema();
    schemas.push(schema);
    const config = loadConfig({ DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, DATABASE_POOL_MAX: '3' });
    const stores = await openStores(config);
    await stores.kv.set('ns', 'k', 'v', 1);
    await stores.close();
    const rows = await pgRaw(TEST_DATABASE_URL, schema, async (c) => (await c.query('SELECT value FROM kv')).rows);
    expect(rows).toEqual([{ value: 'v' }]);

    const app = await openApp({ config, logger: silentLogger(), watch: false });
    try {
      const replies = await app.bot.handle({ channel: 'test', conversationId: 'c1', user: { id: 'u1', name: 'U' }, text: 'Bonjour' });
      expect(replies.length).toBeGreaterThan(0);
      expect(await app.stores.conversations.get('test:c1')).toMatchObject({ updatedAt: expect.any(Number) });
    } finally {
      await app.close();
    }
    await expect(app.stores.kv.get('ns', 'k')).rejects.toThrow(/not open/);
  });

  it.skipIf(!!unavailable)('answers politely when the database fails during a turn, and recovers from dropped connections', async () => {
    const schema = uniqueSchema();
    schemas.push(schema);
    // Its own application name, so that only this app's connections are dropped below.
    const url = `${TEST_DATABASE_URL}?application_name=${schema}`;
    const app = await openApp({ config: loadConfig({ DATABASE_URL: url, DATABASE_SCHEMA: schema }), logger: silentLogger(), watch: false });
    const say = (text: string) => app.bot.handle({ channel: 'test', conversationId: 'c1', user: { id: 'u1', name: 'U' }, text });
    try {
      expect((await say('Bonjour'))[0]?.text).not.toMatch(/problème technique/);
      // The server drops every connection of the pool (restart, failover): no crash, the next turn reconnects.
      const dropped = await pgRaw(TEST_DATABASE_URL, undefined, (c) =>
        c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND state = 'idle'`, [schema]),
      );
      expect(dropped.rowCount).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 200));
      // The tables disappear under the bot (a failing database): the turn fails with the French apology.
      await pgRaw(TEST_DATABASE_URL, undefined, (c) => c.query(`ALTER SCHEMA ${schema} RENAME TO ${schema}_away`));
      schemas.push(`${schema}_away`);
      const failed = await say('Puis-je utiliser un outil d’IA pour résumer un rapport ?');
      expect(failed.map((r) => r.text).join(' ')).toMatch(/problème technique/);
      await pgRaw(TEST_DATABASE_URL, undefined, (c) => c.query(`ALTER SCHEMA ${schema}_away RENAME TO ${schema}`));
      expect((await say('Bonjour'))[0]?.text).not.toMatch(/problème technique/);
    } finally {
      await app.close();
    }
  });
});

describe('charte-ia start with an unreachable database', () => {
  it('exits with code 69 and one clear line naming the server, never the password or a stack trace', async () => {
    const { runCli } = await import('../cli/run-cli.js');
    const { code, stderr } = await runCli(['start'], '', { DATABASE_URL: 'postgres://bot:s3cret@127.0.0.1:1/charte', HTTP_PORT: '0', HTTP_HOST: '127.0.0.1' });
    expect(code).toBe(69);
    expect(stderr).toMatch(/^charte-ia: Cannot connect to PostgreSQL at postgres:\/\/bot@127\.0\.0\.1:1\/charte: connect ECONNREFUSED/m);
    expect(stderr).not.toContain('s3cret');
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
