import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { KbEntry } from '../knowledge/types.js';
import { readKnowledgeBase } from '../knowledge/loader.js';
import { CsvError, parseCsv } from './csv.js';
import { readXlsx, XlsxError } from './xlsx.js';
import { decodeUtf8, describeBadBytes } from './encoding.js';
import { changedFields, readSheet, rowEntry } from './sheet.js';
import { entryMarkdown, writeFilesAtomically, type EntryFields, type FileWrite } from './entry-file.js';
import { runCheck } from './check.js';
import { staleDaysOf } from './check-command.js';
import { formatFinding } from './findings.js';
import { err, out, type KbContext } from './context.js';

/** The cells of a CSV or XLSX file, or the reason it cannot be read. */
export function readTable(file: string): string[][] | string {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (e) {
    return `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
  }
  const zip = buf.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  if (zip || /\.xlsx$/i.test(file)) {
    try {
      return readXlsx(buf);
    } catch (e) {
      if (e instanceof XlsxError) return `${basename(file)}: ${e.message}`;
      throw e;
    }
  }
  const decoded = decodeUtf8(buf);
  if ('error' in decoded) return `${basename(file)} is ${describeBadBytes(decoded.error)}; in Excel, save as "CSV UTF-8 (comma delimited)"`;
  try {
    return parseCsv(decoded.text);
  } catch (e) {
    if (e instanceof CsvError) return `${basename(file)}, line ${e.line}: ${e.message}`;
    throw e;
  }
}

interface Change {
  id: string;
  kind: 'added' | 'modified' | 'unchanged' | 'missing' | 'deleted';
  fields?: string[];
  note?: string;
}

/**
 * `kb import FILE [--dry-run] [--delete-missing]`: applies a reviewed sheet. Everything is
 * validated first (the sheet, each row as an entry file, then the whole knowledge with the
 * changes, in a copy); only then are the files written, all through temporary files and renames.
 */
export function importCommand(ctx: KbContext): number {
  const file = ctx.args[0];
  if (!file) {
    err(ctx, 'kb import: give the spreadsheet to import, e.g. "charte-ia kb import faq.xlsx --dry-run"');
    return 2;
  }
  const table = readTable(file);
  if (typeof table === 'string') {
    err(ctx, `kb import: ${table}; nothing imported`);
    return 1;
  }
  const sheet = readSheet(table);
  const today = ctx.today.toISOString().slice(0, 10);
  const current = readKnowledgeBase(ctx.dir).entries;
  const byId = new Map<string, KbEntry>(current.map((e) => [e.id, e]));
  const problems = [...sheet.problems];
  const changes: Change[] = [];
  const writes: FileWrite[] = [];
  const faqDir = join(ctx.dir, 'faq');
  // Rows are checked even when others are wrong (one message per problem), unless columns are missing.
  if (!sheet.problems.some((p) => /missing column/.test(p))) {
    for (const row of sheet.rows) {
      const base = byId.get(row.id);
      const built = rowEntry(row, base, today);
      if (!built.fields) {
        problems.push(...built.problems);
        continue;
      }
      let fields: EntryFields = built.fields;
      // The review date only moves forward: an older sheet (exported before the last import) keeps the file's date.
      if (base && fields.updated < base.updated) fields = { ...fields, updated: base.updated };
      if (!base) {
        const unreadable = existsSync(join(faqDir, `${row.id}.md`));
        changes.push({ id: row.id, kind: 'added', note: unreadable ? `replaces faq/${row.id}.md, which could not be read` : undefined });
      } else {
        const changed = changedFields(base, fields);
        if (!changed.length) {
          changes.push({ id: row.id, kind: 'unchanged' });
          continue;
        }
        let note: string | undefined;
        if (!changed.includes('updated')) {
          fields = { ...fields, updated: today };
          note = `updated set to ${today}`;
        }
        changes.push({ id: row.id, kind: 'modified', fields: changed.filter((f) => f !== 'updated' || !note), note });
      }
      writes.push({ path: join(faqDir, `${row.id}.md`), text: entryMarkdown(fields) });
    }
  }
  if (problems.length) {
    err(ctx, `kb import: ${problems.length} problem(s) in ${basename(file)}; nothing imported:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    return 1;
  }
  const inSheet = new Set(sheet.rows.map((r) => r.id));
  const deletes: string[] = [];
  for (const e of current) {
    if (inSheet.has(e.id)) continue;
    if (ctx.values['delete-missing']) {
      deletes.push(join(ctx.dir, e.file));
      changes.push({ id: e.id, kind: 'deleted' });
    } else changes.push({ id: e.id, kind: 'missing', note: 'not in the sheet: kept (--delete-missing deletes it)' });
  }

  // The whole knowledge with the changes, checked in a copy before anything is written.
  const staleDays = staleDaysOf(ctx);
  const stage = mkdtempSync(join(tmpdir(), 'charte-ia-import-'));
  let errors: string[];
  try {
    cpSync(ctx.dir, stage, { recursive: true });
    for (const w of writes) writeFileSync(join(stage, 'faq', basename(w.path)), w.text);
    for (const d of deletes) unlinkSync(join(stage, 'faq', basename(d)));
    const check = runCheck({ dir: stage, directoryFile: ctx.directoryFile, staleDays: typeof staleDays === 'number' ? staleDays : 365, today: ctx.today });
    errors = check.findings.filter((f) => f.severity === 'error').map(formatFinding);
  } catch (e) {
    err(ctx, `kb import: cannot check the changes in a copy of the knowledge (${stage}): ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}; nothing imported`);
    return 1;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  const report = formatChanges(changes);
  if (errors.length) {
    err(ctx, `kb import: with these changes the knowledge would have ${errors.length} error(s); nothing imported:\n${errors.map((e) => `  ${e}`).join('\n')}\n\n${report}`);
    return 1;
  }
  if (ctx.values['dry-run']) {
    out(ctx, `${report}\ndry run: nothing written (${writes.length} file(s) would be written, ${deletes.length} deleted)`);
    return 0;
  }
  // New entries first, so that a modified entry never points, even for a moment, to one not yet written.
  const added = new Set(changes.filter((c) => c.kind === 'added').map((c) => `${c.id}.md`));
  writes.sort((a, b) => Number(!added.has(basename(a.path))) - Number(!added.has(basename(b.path))));
  try {
    writeFilesAtomically(writes);
    for (const d of deletes) if (existsSync(d)) unlinkSync(d);
  } catch (e) {
    err(ctx, `kb import: cannot write the entries: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}; nothing imported`);
    return 1;
  }
  out(ctx, `${report}\n${writes.length} file(s) written, ${deletes.length} deleted in ${faqDir}`);
  return 0;
}

function formatChanges(changes: readonly Change[]): string {
  const lines: string[] = [];
  for (const kind of ['added', 'modified', 'deleted', 'missing'] as const) {
    for (const c of changes.filter((x) => x.kind === kind)) {
      const detail = [c.fields?.length ? c.fields.join(', ') : '', c.note ?? ''].filter(Boolean).join('; ');
      lines.push(`${kind.padEnd(9)} ${c.id}${detail ? `: ${detail}` : ''}`);
    }
  }
  const unchanged = changes.filter((c) => c.kind === 'unchanged').length;
  lines.push(`unchanged ${unchanged} entr${unchanged === 1 ? 'y' : 'ies'}`);
  return lines.join('\n');
}
