import type { Logger } from 'pino';
import type { Stores } from '../escalation-types.js';
import { PgDatabase, type PgOptions } from './connection.js';
import { PgConversationStore } from './conversations.js';
import { PgFaqDraftStore } from './drafts.js';
import { PgFeedbackStore } from './feedback.js';
import { PgKeyValueStore } from './kv.js';
import { PgLeaseStore } from './leases.js';
import { PG_MIGRATIONS, runPgMigrations, type PgMigration } from './migrations.js';
import { PgConversationRefStore } from './refs.js';
import { PgTicketStore } from './tickets.js';
import { PgUsageLog } from './usage.js';
import { PgUnansweredLog } from './unanswered.js';

export { StoreConnectionError, describeUrl, PgDatabase, type PgOptions } from './connection.js';
export { PG_MIGRATIONS, PgSchemaVersionError, type PgMigration } from './migrations.js';

export interface PgStores extends Stores {
  conversations: PgConversationStore;
  leases: PgLeaseStore;
  readonly db: PgDatabase;
  readonly schemaVersion: number;
}

export interface PgStoresOptions extends PgOptions {
  logger?: Logger;
  /** Migrations to run (tests add a further one); default PG_MIGRATIONS. */
  migrations?: readonly PgMigration[];
}

/**
 * Guarantees of the PostgreSQL stores (same as the SQLite ones, see openSqliteStores):
 * - a write is committed when its promise resolves (the server's durability settings apply);
 * - tickets.create with a first message writes both in one transaction;
 * - tickets.claim: exactly one winner among concurrent claimers, across connections and replicas;
 * - ticket numbers are never reused; deleting a ticket deletes its messages;
 * - rows that do not match the expected shape raise StoreDataError naming the table and row.
 *
 * Connects (StoreConnectionError when the server does not answer), runs pending migrations under the
 * migration lock (PgSchemaVersionError for a newer schema) and returns every store on one pool.
 */
export async function openPostgresStores(opts: PgStoresOptions): Promise<PgStores> {
  const db = new PgDatabase(opts);
  let report;
  try {
    await db.connect();
    report = await runPgMigrations(db, opts.migrations ?? PG_MIGRATIONS, opts.logger);
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  opts.logger?.debug({ database: db.target, schema: opts.schema, schemaVersion: report.to }, 'PostgreSQL stores opened');
  return {
    db,
    schemaVersion: report.to,
    conversations: new PgConversationStore(db),
    tickets: new PgTicketStore(db),
    refs: new PgConversationRefStore(db),
    feedback: new PgFeedbackStore(db),
    unanswered: new PgUnansweredLog(db),
    drafts: new PgFaqDraftStore(db),
    kv: new PgKeyValueStore(db),
    usage: new PgUsageLog(db),
    leases: new PgLeaseStore(db),
    close: () => db.close(),
  };
}
