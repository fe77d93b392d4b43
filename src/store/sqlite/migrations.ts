import type Database from 'better-sqlite3';
import type { Logger } from 'pino';

/**
 * Versioned schema migrations. Append only: never edit a migration that has shipped, add a new one.
 * Each runs in its own IMMEDIATE transaction together with its row in `schema_migrations`, so a
 * database is always at a well-defined version, even if the process dies mid-migration or two
 * processes open the same file at once.
 */
export interface Migration {
  version: number;
  name: string;
  /** SQL script (several statements allowed). */
  up: string;
}

const INITIAL_SCHEMA = `
CREATE TABLE conversation_state (
  key TEXT PRIMARY KEY NOT NULL,
  json TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX idx_conversation_state_updated ON conversation_state (updated_at);

CREATE TABLE conversation_refs (
  channel TEXT NOT NULL,
  user_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  data TEXT,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (channel, user_id)
) STRICT;

CREATE TABLE tickets (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
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
  created_at INTEGER NOT NULL,
  claimed_at INTEGER,
  closed_at INTEGER,
  reminded_at INTEGER,
  escalated_to_national INTEGER NOT NULL DEFAULT 0 CHECK (escalated_to_national IN (0, 1)),
  rating INTEGER CHECK (rating BETWEEN 1 AND 5),
  propose_faq INTEGER NOT NULL DEFAULT 0 CHECK (propose_faq IN (0, 1)),
  delivery_error TEXT,
  CHECK (status <> 'open' OR claimed_by IS NULL),
  CHECK (status <> 'claimed' OR claimed_by IS NOT NULL)
) STRICT;
CREATE INDEX idx_tickets_agent ON tickets (agent_channel, agent_user_id, created_at);
CREATE INDEX idx_tickets_status_created ON tickets (status, created_at);
CREATE INDEX idx_tickets_active_scope ON tickets (scope, created_at) WHERE status IN ('open', 'claimed');
CREATE INDEX idx_tickets_closed ON tickets (closed_at) WHERE status = 'closed';

CREATE TABLE ticket_messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  author TEXT NOT NULL CHECK (author IN ('agent', 'ambassador', 'system')),
  author_id TEXT NOT NULL,
  text TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX idx_ticket_messages_ticket ON ticket_messages (ticket_id, id);

CREATE TABLE feedback (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  user_id TEXT NOT NULL,
  subject TEXT NOT NULL,
  value TEXT NOT NULL CHECK (value IN ('up', 'down')),
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX idx_feedback_user ON feedback (channel, user_id);
CREATE INDEX idx_feedback_subject ON feedback (subject);

CREATE TABLE unanswered (
  id INTEGER PRIMARY KEY,
  question TEXT NOT NULL,
  confidence REAL NOT NULL,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX idx_unanswered_at ON unanswered (at);

CREATE TABLE faq_drafts (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;

CREATE TABLE kv (
  namespace TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (namespace, key)
) STRICT;
CREATE INDEX idx_kv_namespace_updated ON kv (namespace, updated_at);
`;

/**
 * The planner never picked the two partial indexes of v1 (EXPLAIN QUERY PLAN); purgeClosed needs
 * (status, closed_at). listActive/listUnclaimed use idx_tickets_status_created, listByAgent and
 * deleteByAgent idx_tickets_agent; scopes are filtered on the few active rows.
 */
const TICKET_INDEXES = `
DROP INDEX IF EXISTS idx_tickets_active_scope;
DROP INDEX IF EXISTS idx_tickets_closed;
CREATE INDEX idx_tickets_status_closed ON tickets (status, closed_at);
`;

/**
 * The agent's unit as they named it (« Préfecture du Rhône ») and how the ticket reached its scope:
 * the unit's own ambassadors (direct), a scope above them for want of an available ambassador
 * (fallback), or the national pool because the agent did not know their unit (unknown).
 */
const TICKET_UNIT = `
ALTER TABLE tickets ADD COLUMN unit TEXT;
ALTER TABLE tickets ADD COLUMN routing TEXT CHECK (routing IN ('direct', 'fallback', 'unknown'));
`;

/**
 * One row per bot turn for the usage report, without text or user: the day (Paris time), channel,
 * intent, verdict, entry served, confidence and whether the bot had a sure answer. Tickets get an
 * index on their creation time for the report's period queries.
 */
const USAGE = `
CREATE TABLE usage_turns (
  id INTEGER PRIMARY KEY,
  day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  channel TEXT NOT NULL,
  intent TEXT NOT NULL,
  verdict TEXT,
  entry_id TEXT,
  confidence REAL,
  answered INTEGER NOT NULL CHECK (answered IN (0, 1))
) STRICT;
CREATE INDEX idx_usage_turns_day ON usage_turns (day);
CREATE INDEX idx_tickets_created ON tickets (created_at);
`;

/** Every migration the code knows, in order. Versions are 1, 2, 3… without gaps. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', up: INITIAL_SCHEMA },
  { version: 2, name: 'ticket indexes matching the query plans', up: TICKET_INDEXES },
  { version: 3, name: 'ticket unit and routing', up: TICKET_UNIT },
  { version: 4, name: 'usage turns and ticket creation index', up: USAGE },
];

/** The database was written by a newer version of the application. */
export class SchemaVersionError extends Error {
  constructor(
    readonly file: string,
    readonly databaseVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `SQLite database "${file}" is at schema version ${databaseVersion}, but this version of charte-ia-bot ` +
        `only knows schema versions up to ${knownVersion}. Refusing to open it: upgrade the application, ` +
        `or point it at another database file.`,
    );
    this.name = 'SchemaVersionError';
  }
}

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at INTEGER NOT NULL
)`;

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`Migration list is malformed: entry ${i} ("${m.name}") has version ${m.version}, expected ${i + 1}`);
    }
  });
}

/** Current schema version of an open database (0 when no migration ever ran). */
export function schemaVersion(db: Database.Database): number {
  db.exec(CREATE_MIGRATIONS_TABLE);
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

export interface MigrationReport {
  from: number;
  to: number;
  applied: string[];
}

/**
 * Brings the database up to the last known version. Refuses (SchemaVersionError) a database that is
 * newer than the code. A failing migration rolls back entirely and the error names it.
 */
export function runMigrations(
  db: Database.Database,
  file: string,
  migrations: readonly Migration[] = MIGRATIONS,
  logger?: Logger,
): MigrationReport {
  checkOrder(migrations);
  const known = migrations.length;
  const from = schemaVersion(db);
  if (from > known) throw new SchemaVersionError(file, from, known);

  const currentVersion = db.prepare('SELECT MAX(version) AS v FROM schema_migrations');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: string[] = [];
  for (const migration of migrations.slice(from)) {
    const apply = db.transaction(() => {
      // Re-read under the write lock: another process may have migrated meanwhile.
      const now = (currentVersion.get() as { v: number | null }).v ?? 0;
      if (now > known) throw new SchemaVersionError(file, now, known);
      if (now >= migration.version) return false;
      db.exec(migration.up);
      record.run(migration.version, migration.name, Date.now());
      return true;
    });
    try {
      if (apply.immediate()) applied.push(`${migration.version} ${migration.name}`);
    } catch (err) {
      if (err instanceof SchemaVersionError) throw err;
      throw new Error(
        `SQLite database "${file}": migration ${migration.version} ("${migration.name}") failed and was rolled back: ${(err as Error).message}`,
        { cause: err },
      );
    }
  }
  const to = schemaVersion(db);
  if (applied.length > 0) logger?.info({ file, from, to, applied }, 'SQLite schema migrated');
  return { from, to, applied };
}
