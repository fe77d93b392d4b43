import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from 'pino';

export type SynchronousMode = 'NORMAL' | 'FULL';

export interface ConnectionOptions {
  logger?: Logger;
  /**
   * WAL + NORMAL (default): a committed transaction is in the WAL file (written through the OS) before
   * the call returns, so it survives a crash or SIGKILL of the process; only an OS crash or power loss
   * can lose the last commits (never corrupting the file). FULL also fsyncs every commit.
   */
  synchronous?: SynchronousMode;
}

export function isMemoryPath(path: string): boolean {
  return path === ':memory:' || path === '';
}

/**
 * Opens a connection with the project's pragmas: busy_timeout 5000 ms (concurrent writers wait instead
 * of failing), WAL journal for files, foreign keys enforced.
 */
export function openConnection(path: string, opts: ConnectionOptions = {}): Database.Database {
  const memory = isMemoryPath(path);
  if (!memory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = new Database(memory ? ':memory:' : path);
  try {
    db.pragma('busy_timeout = 5000');
    if (!memory) {
      const mode = String(db.pragma('journal_mode = WAL', { simple: true })).toLowerCase();
      if (mode !== 'wal') {
        opts.logger?.warn({ file: path, journalMode: mode }, 'SQLite could not switch to WAL journal mode');
      }
      db.pragma(`synchronous = ${opts.synchronous ?? 'NORMAL'}`);
    }
    db.pragma('foreign_keys = ON');
    if (db.pragma('foreign_keys', { simple: true }) !== 1) {
      throw new Error(`SQLite database "${path}": foreign key enforcement could not be enabled`);
    }
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
