import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';

/**
 * Looks for raw personal values in traces: log text, every column of every table of a SQLite file,
 * and the raw bytes of the database, its WAL and shared-memory files. Each value is searched in
 * several normalisations (as written, without spaces, with dots or dashes between its groups, only
 * its letters and digits, accents folded, any case), so a value stored "0612487390" is found
 * when the agent wrote "06 12 48 73 90".
 */

export interface RawValue {
  type: string;
  value: string;
}

export interface Hit {
  /** Where it was found: "log", "db:tickets.question", "file:charte.db-wal"… */
  where: string;
  type: string;
  value: string;
  /** The normalised form that matched. */
  needle: string;
  /** A few characters around the match (for the failure message). */
  around: string;
}

interface Needle {
  text: string;
  /** Digits only: must not touch other digits (a timestamp is not a leak). */
  digitsOnly: boolean;
  /** Match whole words only, as written (surnames alone). */
  word: boolean;
}

const SEPARATORS = /[\s\u00A0\u202F.\-/]+/g;

/** Lower case, accents folded, typographic apostrophes straightened. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[’‘]/g, "'").replace(/[\u00A0\u202F]/g, ' ').toLowerCase();
}

/** The forms a value may take once it has gone through code, JSON or a database. */
export function needlesOf(v: RawValue): Needle[] {
  const out = new Map<string, Needle>();
  const add = (text: string, opts: Partial<Needle> = {}) => {
    const t = opts.word ? text : fold(text);
    if (t.trim().length < 4) return;
    if (!out.has(t + String(opts.word))) out.set(t + String(opts.word), { text: t, digitsOnly: /^\d+$/.test(t), word: opts.word ?? false });
  };
  const value = v.value;
  add(value);
  add(value.replace(/\s+/g, ' '));
  const groups = value.split(SEPARATORS).filter(Boolean);
  if (groups.length > 1 && /\d/.test(value)) {
    for (const sep of ['', ' ', '.', '-', '/']) add(groups.join(sep));
  }
  if (v.type === 'person_name') {
    // A surname alone, as written ("BENALI", "Leroy"): whole word, exact case. A first name alone
    // is not searched (the same first name may belong to anyone).
    const tokens = value.split(/[\s\u00A0]+/);
    for (const token of tokens.length > 1 ? tokens.slice(1) : tokens) if (/^\p{Lu}/u.test(token) && token.length >= 4) add(token, { word: true });
  }
  if (v.type === 'email') {
    const local = value.split('@')[0] ?? '';
    if (local.length >= 6) add(local);
  }
  if (v.type === 'address') {
    const street = value.split(',')[0] ?? '';
    if (street !== value) add(street);
  }
  return [...out.values()];
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function patternOf(n: Needle): RegExp {
  if (n.word) return new RegExp(`(?<![\\p{L}\\p{N}])${escape(n.text)}(?![\\p{L}\\p{N}])`, 'gu');
  if (n.digitsOnly) return new RegExp(`(?<!\\d)${escape(n.text)}(?!\\d)`, 'g');
  return new RegExp(escape(n.text), 'g');
}

/** Every raw value found in a text (the text is folded like the needles, except for whole words). */
export function scanText(where: string, text: string, values: readonly RawValue[]): Hit[] {
  const hits: Hit[] = [];
  const folded = fold(text);
  for (const v of values) {
    for (const n of needlesOf(v)) {
      const hay = n.word ? text : folded;
      const m = patternOf(n).exec(hay);
      if (m) hits.push({ where, type: v.type, value: v.value, needle: n.text, around: hay.slice(Math.max(0, m.index - 40), m.index + n.text.length + 40) });
    }
  }
  return hits;
}

/** Every value found in any column of any row of any table (read through SQLite: WAL included). */
export function scanDatabase(file: string, values: readonly RawValue[]): Hit[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const hits: Hit[] = [];
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    for (const { name } of tables) {
      const rows = db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).all() as Record<string, unknown>[];
      for (const row of rows) {
        for (const [column, cell] of Object.entries(row)) {
          if (cell === null || cell === undefined) continue;
          const text = Buffer.isBuffer(cell) ? cell.toString('utf8') : String(cell);
          hits.push(...scanText(`db:${name}.${column}`, text, values));
        }
      }
    }
    return hits;
  } finally {
    db.close();
  }
}

/**
 * Every value found in the raw bytes of a file (free pages, WAL frames, journal: whatever the
 * database engine wrote, even if no row shows it any more). Bytes are read as UTF-8 then folded.
 */
export function scanFile(path: string, values: readonly RawValue[], label = path): Hit[] {
  if (!existsSync(path)) return [];
  const bytes = readFileSync(path);
  // Control bytes between pages or fields are turned into spaces so text around them stays readable.
  return scanText(`file:${label}`, bytes.toString('utf8').replace(/[\u0000-\u0008\u000e-\u001f\ufffd]/g, ' '), values);
}

/** The database file and its WAL / shared-memory companions. */
export function scanDatabaseFiles(file: string, values: readonly RawValue[]): Hit[] {
  return ['', '-wal', '-shm', '-journal'].flatMap((suffix) => scanFile(file + suffix, values, `${file.split('/').pop()}${suffix}`));
}

/** One line per hit, for a readable failure. */
export function describeHits(hits: readonly Hit[]): string {
  return hits.map((h) => `${h.where}: ${h.type} « ${h.value} » (as « ${h.needle} ») … ${h.around.replace(/\s+/g, ' ')} …`).join('\n');
}
