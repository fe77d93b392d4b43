import type { Logger } from 'pino';
import type { PgDatabase, Queryable } from './connection.js';

/**
 * Versioned schema migrations of the PostgreSQL stores, the same idea as src/store/sqlite/migrations.ts:
 * append only (never edit a migration that has shipped, add a new one); each runs in its own
 * transaction together with its row in `schema_migrations`. Replicas starting at once are safe: the
 * whole run holds a session advisory lock (one per schema), the others wait, then find nothing to do.
 * Times are epoch milliseconds in BIGINT; flags are SMALLINT 0/1 like SQLite, so rows read the same.
 */
export interface PgMigration {
  version: number;
  name: string;
  /** SQL script (several statements allowed). */
  up: string;
}

const INITIAL_SCHEMA = `
CREATE TABLE conversation_state (
  key TEXT PRIMARY KEY,
  json TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX idx_conversation_state_updated ON conversation_state (updated_at);

CREATE TABLE conversation_refs (
  channel TEXT NOT NULL,
  user_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  data TEXT,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (channel, user_id)
);

CREATE TABLE tickets (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('open', 'claimed', 'closed')),
  trigger_kind TEXT NOT NULL,
  scope TEXT NOT NULL,
  agent_channel TEXT NOT NULL,
  agent_user_id TEXT NOT NULL,
  agent_conversation_id TEXT NOT NULL,
  agent_name TEXT,
  question TEXT NOT NULL,
  context TEXT NOT NULL,
  claimed_by TEXT,
  created_at BIGINT NOT NULL,
  claimed_at BIGINT,
  closed_at BIGINT,
  reminded_at BIGINT,
  escalated_to_national SMALLINT NOT NULL DEFAULT 0 CHECK (escalated_to_national IN (0, 1)),
  rating SMALLINT CHECK (rating BETWEEN 1 AND 5),
  propose_faq SMALLINT NOT NULL DEFAULT 0 CHECK (propose_faq IN (0, 1)),
  delivery_error TEXT,
  unit TEXT,
  routing TEXT CHECK (routing IN ('direct', 'fallback', 'unknown')),
  CHECK (status <> 'open' OR claimed_by IS NULL),
  CHECK (status <> 'claimed' OR claimed_by IS NOT NULL)
);
CREATE INDEX idx_tickets_agent ON tickets (agent_channel, agent_user_id, created_at);
CREATE INDEX idx_tickets_status_created ON tickets (status, created_at);
CREATE INDEX idx_tickets_status_closed ON tickets (status, closed_at);

CREATE TABLE ticket_messages (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id BIGINT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  author TEXT NOT NULL CHECK (author IN ('agent', 'ambassador', 'system')),
  author_id TEXT NOT NULL,
  text TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX idx_ticket_messages_ticket ON ticket_messages (ticket_id, id);

CREATE TABLE feedback (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  channel TEXT NOT NULL,
  user_id TEXT NOT NULL,
  subject TEXT NOT NULL,
  value TEXT NOT NULL CHECK (value IN ('up', 'down')),
  at BIGINT NOT NULL
);
CREATE INDEX idx_feedback_user ON feedback (channel, user_id);
CREATE INDEX idx_feedback_subject ON feedback (subject);

CREATE TABLE unanswered (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  question TEXT NOT NULL,
  confidence DOUBLE PRECISION NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX idx_unanswered_at ON unanswered (at);

CREATE TABLE faq_drafts (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id BIGINT NOT NULL,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  at BIGINT NOT NULL
);

CREATE TABLE kv (
  namespace TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (namespace, key)
);
CREATE INDEX idx_kv_namespace_updated ON kv (namespace, updated_at);
`;

/** Leases shared by the replicas (src/ops/lease.ts): Matrix sync and the escalation timers run on one holder. */
const LEASES = `
CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  acquired_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
`;

/** One row per bot turn for the usage report (src/reports/): no text, no user id. */
const USAGE = `
CREATE TABLE usage_turns (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  day TEXT NOT NULL CHECK (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  channel TEXT NOT NULL,
  intent TEXT NOT NULL,
  verdict TEXT,
  entry_id TEXT,
  confidence DOUBLE PRECISION,
  answered BOOLEAN NOT NULL
);
CREATE INDEX idx_usage_turns_day ON usage_turns (day);
CREATE INDEX idx_tickets_created ON tickets (created_at);
`;

/** Every migration the code knows, in order. Versions are 1, 2, 3… without gaps. */
export const PG_MIGRATIONS: readonly PgMigration[] = [
  { version: 1, name: 'initial schema', up: INITIAL_SCHEMA },
  { version: 2, name: 'replica leases', up: LEASES },
  { version: 3, name: 'usage turns and ticket creation index', up: USAGE },
];

/** The database was written by a newer version of the application. */
export class PgSchemaVersionError extends Error {
  constructor(
    readonly target: string,
    readonly databaseVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `PostgreSQL database ${target} is at schema version ${databaseVersion}, but this version of charte-ia-bot ` +
        `only knows schema versions up to ${knownVersion}. Refusing to use it: upgrade the application ` +
        `(every replica), or point DATABASE_URL at another database.`,
    );
    this.name = 'PgSchemaVersionError';
  }
}

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL
)`;

/** First key of the project's advisory locks ("CHIA"); the second names what is locked. */
export const ADVISORY_CLASS = 0x43484941;

function checkOrder(migrations: readonly PgMigration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`Migration list is malformed: entry ${i} ("${m.name}") has version ${m.version}, expected ${i + 1}`);
    }
  });
}

/** Current schema version (0 when no migration ever ran); creates the migrations table if needed. */
export async function pgSchemaVersion(db: Queryable): Promise<number> {
  await db.query(CREATE_MIGRATIONS_TABLE);
  const { rows } = await db.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
  return rows[0]?.v ?? 0;
}

export interface PgMigrationReport {
  from: number;
  to: number;
  applied: string[];
}

/**
 * Brings the schema up to the last known version under the migration lock. Refuses
 * (PgSchemaVersionError) a schema newer than the code. A failing migration rolls back entirely and
 * the error names it.
 */
export async function runPgMigrations(db: PgDatabase, migrations: readonly PgMigration[] = PG_MIGRATIONS, logger?: Logger): Promise<PgMigrationReport> {
  checkOrder(migrations);
  const known = migrations.length;
  return db.withClient(async (client) => {
    // Session lock keyed by schema: replicas of one deployment wait for each other, test schemas do not.
    await client.query('SELECT pg_advisory_lock($1, hashtext(current_schema()))', [ADVISORY_CLASS]);
    try {
      const from = await pgSchemaVersion(client);
      if (from > known) throw new PgSchemaVersionError(db.target, from, known);
      const applied: string[] = [];
      for (const migration of migrations.slice(from)) {
        try {
          await client.query('BEGIN');
          await client.query(migration.up);
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, Date.now()]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw new Error(
            `PostgreSQL database ${db.target}: migration ${migration.version} ("${migration.name}") failed and was rolled back: ${(err as Error).message}`,
            { cause: err },
          );
        }
        applied.push(`${migration.version} ${migration.name}`);
      }
      const to = await pgSchemaVersion(client);
      if (applied.length > 0) logger?.info({ database: db.target, from, to, applied }, 'PostgreSQL schema migrated');
      return { from, to, applied };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, hashtext(current_schema()))', [ADVISORY_CLASS]);
    }
  });
}
