import { join } from 'node:path';
import { parseFaqFile } from '../knowledge/loader.js';
import type { KbEntry, KbSource } from '../knowledge/types.js';
import { entryMarkdown, type EntryFields } from './entry-file.js';
import { formatSource, parseSource } from './source-text.js';

/**
 * FAQ entries as spreadsheet rows, one row per entry. Lists are written one item per line inside
 * the cell (phrasings, sources) or separated by commas (concepts, tags, related); a source reads
 * "doc | section | label".
 */
export const COLUMNS = ['id', 'title', 'questions', 'concepts', 'tags', 'sources', 'related', 'updated', 'body'] as const;
export type Column = (typeof COLUMNS)[number];
/** Columns a sheet must have; the others keep the entry's current value when absent. */
export const REQUIRED: readonly Column[] = ['id', 'title', 'questions', 'sources', 'body'];
/** Column widths of the exported workbook, in characters. */
export const WIDTHS: readonly number[] = [28, 40, 60, 28, 20, 50, 36, 12, 90];

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function entryRow(e: KbEntry): string[] {
  const cells: Record<Column, string> = {
    id: e.id,
    title: e.title,
    questions: e.questions.join('\n'),
    concepts: (e.concepts ?? []).join(', '),
    tags: e.tags.join(', '),
    sources: e.sources.map(formatSource).join('\n'),
    related: e.related.join(', '),
    updated: e.updated,
    body: e.body,
  };
  return COLUMNS.map((c) => cells[c]);
}

export function entriesTable(entries: readonly KbEntry[]): string[][] {
  return [[...COLUMNS], ...entries.map(entryRow)];
}

/** One data row of an imported sheet: its number (1-based, as the spreadsheet shows it) and cells. */
export interface SheetRow {
  row: number;
  id: string;
  cells: Partial<Record<Column, string>>;
}

export interface ReadSheet {
  columns: Column[];
  rows: SheetRow[];
  problems: string[];
}

const items = (cell: string, separators: RegExp) => cell.split(separators).map((s) => s.trim()).filter(Boolean);

/** Header and rows of a sheet, with every structural problem (missing columns, ids) named by row. */
export function readSheet(table: readonly (readonly string[])[]): ReadSheet {
  const problems: string[] = [];
  const headerAt = table.findIndex((r) => r.some((c) => c.trim()));
  if (headerAt < 0) return { columns: [], rows: [], problems: ['the sheet is empty: its first row must name the columns (id, title, questions, sources, body…)'] };
  const header = table[headerAt]!.map((c) => c.trim().toLowerCase());
  const where = new Map<Column, number>();
  header.forEach((name, i) => {
    if (!name) return;
    if (!(COLUMNS as readonly string[]).includes(name)) {
      problems.push(`row ${headerAt + 1}: unknown column "${table[headerAt]![i]}" (the columns are ${COLUMNS.join(', ')})`);
      return;
    }
    if (where.has(name as Column)) problems.push(`row ${headerAt + 1}: column "${name}" appears twice`);
    else where.set(name as Column, i);
  });
  const missing = REQUIRED.filter((c) => !where.has(c));
  if (missing.length) problems.push(`row ${headerAt + 1}: missing column(s) ${missing.join(', ')} (the header row must name ${REQUIRED.join(', ')}; ${COLUMNS.filter((c) => !REQUIRED.includes(c)).join(', ')} are optional)`);
  const rows: SheetRow[] = [];
  const seen = new Map<string, number>();
  for (let r = headerAt + 1; r < table.length; r++) {
    const raw = table[r]!;
    if (!raw.some((c) => c.trim())) continue;
    const cells: SheetRow['cells'] = {};
    for (const [col, i] of where) cells[col] = raw[i] ?? '';
    const id = (cells.id ?? '').trim();
    const n = r + 1;
    if (!id) {
      problems.push(`row ${n}: the id is empty (every row needs the id of its entry; a new entry needs a new kebab-case id)`);
      continue;
    }
    if (!KEBAB.test(id)) {
      problems.push(`row ${n}: id "${id}" must be kebab-case: lower-case letters, digits and dashes (e.g. mirai-acces)`);
      continue;
    }
    const prev = seen.get(id);
    if (prev) {
      problems.push(`row ${n}: id "${id}" is already on row ${prev} (one row per entry)`);
      continue;
    }
    seen.set(id, n);
    rows.push({ row: n, id, cells });
  }
  return { columns: [...where.keys()], rows, problems };
}

/** "2026-12-02", "02/12/2026" (French spreadsheets) or an Excel date serial → ISO date; undefined when unreadable. */
export function sheetDate(cell: string): string | undefined {
  const s = cell.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (fr) return `${fr[3]}-${fr[2]!.padStart(2, '0')}-${fr[1]!.padStart(2, '0')}`;
  if (/^\d{5}(?:\.\d+)?$/.test(s)) return new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(s)) * 86_400_000).toISOString().slice(0, 10);
  return undefined;
}

/**
 * The entry a row describes, validated exactly as the loader validates a file. Columns absent from
 * the sheet keep the current entry's value (`base`); a new entry without a date gets `today`.
 */
export function rowEntry(row: SheetRow, base: KbEntry | undefined, today: string): { fields?: EntryFields; problems: string[] } {
  const problems: string[] = [];
  const c = row.cells;
  const at = `row ${row.row} (${row.id})`;
  const sources: KbSource[] = [];
  if (c.sources !== undefined) {
    for (const line of items(c.sources, /\n/)) {
      const s = parseSource(line);
      if (typeof s === 'string') problems.push(`${at}, sources: ${s}`);
      else sources.push(s);
    }
  }
  let updated = base?.updated ?? today;
  if (c.updated !== undefined && c.updated.trim()) {
    const d = sheetDate(c.updated);
    if (d) updated = d;
    else problems.push(`${at}, updated: "${c.updated}" is not a date (write it as 2026-12-02)`);
  }
  const fields: EntryFields = {
    id: row.id,
    title: c.title !== undefined ? c.title.trim() : (base?.title ?? ''),
    questions: c.questions !== undefined ? items(c.questions, /\n/) : (base?.questions ?? []),
    concepts: c.concepts !== undefined ? items(c.concepts, /[,\n]/) : (base?.concepts ?? []),
    tags: c.tags !== undefined ? items(c.tags, /[,\n]/) : (base?.tags ?? []),
    sources: c.sources !== undefined ? sources : (base?.sources ?? []),
    related: c.related !== undefined ? items(c.related, /[,\n]/) : (base?.related ?? []),
    updated,
    body: c.body !== undefined ? c.body.replace(/\r\n?/g, '\n').trim() : (base?.body ?? ''),
  };
  if (problems.length) return { problems };
  const parsed = parseFaqFile(join('faq', `${row.id}.md`), entryMarkdown(fields));
  for (const p of parsed.problems) problems.push(`${at}, ${p.field ?? 'entry'}: ${p.message}${p.fix ? ` (fix: ${p.fix})` : ''}`);
  return problems.length ? { problems } : { fields, problems };
}

export const FIELDS: readonly (keyof EntryFields)[] = ['title', 'questions', 'concepts', 'tags', 'sources', 'related', 'updated', 'body'];

/** Names of the fields that differ between two versions of an entry. */
export function changedFields(a: EntryFields, b: EntryFields): (keyof EntryFields)[] {
  return FIELDS.filter((f) => JSON.stringify(a[f] ?? []) !== JSON.stringify(b[f] ?? []));
}
