import type { Logger } from 'pino';
import type { Stores } from '../escalation-types.js';
import { openConnection, type SynchronousMode } from './connection.js';
import { SqliteConversationStore } from './conversations.js';
import { SqliteFaqDraftStore } from './drafts.js';
import { SqliteFeedbackStore } from './feedback.js';
import { SqliteKeyValueStore } from './kv.js';
import { MIGRATIONS, runMigrations } from './migrations.js';
import { SqliteConversationRefStore } from './refs.js';
import { SqliteTicketStore } from './tickets.js';
import { SqliteUnansweredLog } from './unanswered.js';
import { SqliteUsageLog } from './usage.js';

export { StoreDataError } from './rows.js';
export { SchemaVersionError, MIGRATIONS, type Migration } from './migrations.js';
export { UnknownTicketError } from './tickets.js';

/** Default database file used by the application. */
export const DEFAULT_SQLITE_PATH = './data/charte-ia.db';

export interface SqliteStoresOptions {
  logger?: Logger;
  /** See ConnectionOptions.synchronous: NORMAL (default) survives process kills, FULL also power loss. */
  synchronous?: SynchronousMode;
}

/** Stores plus the SQLite-only extras (conversation retention purge, schema version). */
export interface SqliteStores extends Stores {
  conversations: SqliteConversationStore;
  readonly path: string;
  readonly schemaVersion: number;
}

/**
 * Guarantees of the SQLite stores:
 * - a write is committed when its promise resolves; with WAL + synchronous NORMAL it survives a crash or
 *   SIGKILL of the process (tests/store/durability.test.ts), an OS crash or power loss may lose the last
 *   commits but never corrupts the file (choose `synchronous: 'FULL'` to fsync every commit);
 * - tickets.create with a first message writes both in one transaction;
 * - tickets.claim: exactly one winner among concurrent claimers, across connections and processes;
 * - ticket numbers are never reused; deleting a ticket deletes its messages;
 * - rows that do not match the expected shape raise StoreDataError naming the table and row.
 *
 * Opens (creating it and its parent directory if needed) the SQLite database at `path`, or an in-memory
 * one for ":memory:", runs pending migrations and returns every store on that single connection.
 * Throws SchemaVersionError when the file was written by a newer version of the application.
 */
export function openSqliteStores(path: string, opts: SqliteStoresOptions = {}): SqliteStores {
  const db = openConnection(path, opts);
  let report;
  try {
    report = runMigrations(db, path, MIGRATIONS, opts.logger);
  } catch (err) {
    db.close();
    throw err;
  }
  opts.logger?.debug({ file: path, schemaVersion: report.to }, 'SQLite stores opened');
  const stores: SqliteStores = {
    path,
    schemaVersion: report.to,
    conversations: new SqliteConversationStore(db),
    tickets: new SqliteTicketStore(db),
    refs: new SqliteConversationRefStore(db),
    feedback: new SqliteFeedbackStore(db),
    unanswered: new SqliteUnansweredLog(db),
    drafts: new SqliteFaqDraftStore(db),
    kv: new SqliteKeyValueStore(db),
    usage: new SqliteUsageLog(db),
    async close(): Promise<void> {
      if (db.open) db.close();
    },
  };
  return stores;
}
