import { frenchDay, parisDay } from './days.js';
import { clipText, frNumber, frShare, oneLine, plural } from './format.js';
import { isEmptyReport, LISTED_GROUPS, type Report } from './model.js';
import { cellText, channelsLine, reportTables, type Table, type TableName } from './tables.js';

/** The report for a terminal: French headings, aligned columns, user text on one safe line. */

/** Widest column of user text in the terminal. */
const MAX_CELL = 70;

/** Columns a string takes in a terminal (pictographs take two). */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /\p{Extended_Pictographic}/u.test(ch) ? 2 : /\p{Mark}/u.test(ch) ? 0 : 1;
  return w;
}

function pad(text: string, w: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, w - width(text)));
  return right ? fill + text : text + fill;
}

export function textTable(t: Table): string[] {
  const cells = t.rows.map((row) => row.map((c) => clipText(oneLine(cellText(c)), MAX_CELL)));
  const heads = t.columns.map((c) => c.short ?? c.label);
  const widths = heads.map((h, i) => Math.max(width(h), ...cells.map((row) => width(row[i] ?? ''))));
  const line = (row: string[]) => `  ${row.map((v, i) => pad(v, widths[i] ?? 0, t.columns[i]?.numeric === true)).join('  ')}`.trimEnd();
  return [line(heads), `  ${widths.map((w) => '─'.repeat(w)).join('  ')}`, ...cells.map(line)];
}

function heading(title: string): string[] {
  return ['', title, '═'.repeat(width(title))];
}

/** The grouped questions: one line per group, its other phrasings below it. */
function questionLines(r: Report): string[] {
  const out: string[] = [];
  r.questions.groups.slice(0, LISTED_GROUPS).forEach((g, i) => {
    const dates = g.first === g.last ? `le ${frenchDay(g.first)}` : `du ${frenchDay(g.first)} au ${frenchDay(g.last)}`;
    out.push(`  ${String(i + 1).padStart(2)}. ${pad(`${frNumber(g.count)} ×`, 6, true)}  « ${clipText(oneLine(g.representative), 110)} »`);
    out.push(`        ${dates}, confiance max. ${frNumber(g.bestConfidence, 2)}`);
    for (const e of g.examples) out.push(`        – « ${clipText(oneLine(e), 100)} »`);
  });
  const more = r.questions.groups.length - LISTED_GROUPS;
  if (more > 0) out.push(`  … et ${plural(more, 'autre groupe', 'autres groupes')} (tous : --format csv --table questions).`);
  return out;
}

function periodLine(r: Report): string {
  return `du ${frenchDay(r.period.since)} au ${frenchDay(r.period.until)} (jours en heure de Paris)`;
}

export function renderText(r: Report, only?: TableName): string {
  const tables = reportTables(r);
  if (only) {
    const t = tables.find((x) => x.name === only)!;
    return `${[t.title, ...(t.rows.length ? textTable(t) : [`  ${t.empty}`])].join('\n')}\n`;
  }
  const out = [`Rapport de l’assistant charte IA — ${periodLine(r)}`, `Établi le ${frenchDay(parisDay(r.generatedAt))}.`];
  for (const n of r.notes) out.push(`Note : ${n}`);
  if (isEmptyReport(r)) {
    out.push('', 'Rien à signaler sur la période : aucun échange, aucune question sans réponse sûre, aucun avis et aucune demande aux ambassadeurs.');
    return `${out.join('\n')}\n`;
  }
  const byName = new Map(tables.map((t) => [t.name, t]));
  const section = (name: TableName) => {
    const t = byName.get(name)!;
    out.push(...heading(t.title), ...(t.rows.length ? textTable(t) : [`  ${t.empty}`]));
  };

  out.push(...heading('En bref'));
  out.push(`  Échanges : ${frNumber(r.usage.total)}${r.usage.total ? ` (${channelsLine(r)})` : ''}`);
  out.push(`  Sans réponse sûre : ${frNumber(r.usage.notSure)} (${frShare(r.usage.notSure, r.usage.total)} des échanges)`);
  out.push(`  Questions à reprendre : ${frNumber(r.questions.total)} en ${plural(r.questions.groups.length, 'groupe')}`);
  out.push(`  Demandes aux ambassadeurs : ${frNumber(r.tickets.total.opened)} ouvertes sur la période, ${frNumber(r.tickets.open.length)} encore en attente ou en cours`);

  out.push(...heading(`Questions sans réponse sûre (${frNumber(r.questions.total)}, en ${plural(r.questions.groups.length, 'groupe')})`));
  out.push(...(r.questions.groups.length ? questionLines(r) : [`  ${byName.get('questions')!.empty}`]));
  section('feedback');
  section('entries');
  section('intents');
  section('usage');
  section('verdicts');
  section('tickets');
  section('open-tickets');
  return `${out.join('\n')}\n`;
}
