import type { z } from 'zod';

/**
 * A row read back from the database does not have the shape the code expects (hand-edited file,
 * half-applied manual fix, bug in an older version). Names the table and the row so an operator can find it.
 */
export class StoreDataError extends Error {
  constructor(
    readonly table: string,
    readonly row: string,
    detail: string,
  ) {
    super(`Corrupted row in database table "${table}" (${row}): ${detail}`);
    this.name = 'StoreDataError';
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(value)'}: ${issue.message}`)
    .join('; ');
}

/** Validates a whole row against its schema; throws StoreDataError on mismatch. */
export function parseRow<S extends z.ZodTypeAny>(schema: S, row: unknown, table: string, rowLabel: string): z.output<S> {
  const result = schema.safeParse(row);
  if (!result.success) throw new StoreDataError(table, rowLabel, describeIssues(result.error));
  return result.data as z.output<S>;
}

/** Parses and validates a JSON text column; throws StoreDataError naming the column on failure. */
export function parseJsonColumn<S extends z.ZodTypeAny>(
  schema: S,
  text: unknown,
  table: string,
  rowLabel: string,
  column: string,
): z.output<S> {
  if (typeof text !== 'string') {
    throw new StoreDataError(table, rowLabel, `column "${column}" should hold JSON text, found ${text === null ? 'NULL' : typeof text}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new StoreDataError(table, rowLabel, `column "${column}" is not valid JSON (${(err as Error).message})`);
  }
  const result = schema.safeParse(value);
  if (!result.success) throw new StoreDataError(table, rowLabel, `column "${column}": ${describeIssues(result.error)}`);
  return result.data as z.output<S>;
}

/** SQLite has no boolean type and better-sqlite3 refuses to bind JS booleans. */
export function toFlag(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}
