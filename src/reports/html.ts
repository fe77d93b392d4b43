import { frenchDay, parisDay } from './days.js';
import { frDuration, frNumber, frShare, oneLine, plural } from './format.js';
import { intentLabel, verdictLabel } from './labels.js';
import { isEmptyReport, LISTED_GROUPS, type Report } from './model.js';
import { barChart, divergingChart, esc, resetChartIds, timeSeriesChart } from './svg.js';
import { cellText, channelsLine, reportTables, usageIntents, type Table, type TableName } from './tables.js';

/**
 * The report as one self-contained French HTML page: inline CSS and SVG, no script, no external
 * resource (a Content-Security-Policy forbids any), every stored text escaped. Each chart has a
 * title and a description and is followed by the table of its numbers.
 */

const CSS = `
:root { color-scheme: light; }
body { font-family: "Marianne", Arial, Helvetica, sans-serif; color: #161616; margin: 0; background: #f6f6f6; line-height: 1.45; }
header { background: #000091; color: #fff; padding: 24px 32px; }
header h1 { margin: 0 0 4px; font-size: 1.6rem; }
header p { margin: 0; }
main { max-width: 1100px; margin: 0 auto; padding: 8px 24px 40px; }
section { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 8px 24px 20px; margin: 20px 0; }
h2 { font-size: 1.25rem; color: #000091; border-bottom: 2px solid #000091; padding-bottom: 4px; }
.figures { display: flex; flex-wrap: wrap; gap: 12px; list-style: none; padding: 0; }
.figures li { flex: 1 1 180px; border-left: 4px solid #000091; background: #f5f5fe; padding: 8px 12px; }
.figures strong { display: block; font-size: 1.6rem; }
.note { background: #fff4e5; border-left: 4px solid #b34000; padding: 6px 12px; }
.empty { font-style: italic; color: #3a3a3a; }
.chart { max-width: 100%; height: auto; display: block; margin: 8px 0 12px; font-family: inherit; font-size: 13px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 0.92rem; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
th, td { border: 1px solid #ccc; padding: 4px 8px; vertical-align: top; text-align: left; }
th { background: #eeeeee; }
td.num, th.num { text-align: right; }
td.num { white-space: nowrap; }
.scroll { overflow-x: auto; }
ol.groups li { margin: 0 0 10px; }
ol.groups .count { font-weight: bold; color: #000091; }
ol.groups ul { margin: 2px 0 0; color: #3a3a3a; }
footer { text-align: center; color: #555; font-size: 0.85rem; padding: 16px; }
@media print { body { background: #fff; } section { break-inside: avoid; border: none; } header { color: #000; background: #fff; border-bottom: 3px solid #000091; } }
`;

function htmlTable(t: Table): string {
  if (!t.rows.length) return `<p class="empty">${esc(t.empty)}</p>`;
  const head = t.columns.map((c) => `<th scope="col"${c.numeric ? ' class="num"' : ''}>${esc(c.label)}</th>`).join('');
  const rows = t.rows.map((row) => `<tr>${row.map((c, i) => `<td${t.columns[i]?.numeric ? ' class="num"' : ''}>${esc(oneLine(cellText(c)))}</td>`).join('')}</tr>`).join('\n');
  return `<div class="scroll"><table data-table="${esc(t.name)}"><caption>${esc(t.title)}</caption><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table></div>`;
}

function section(id: string, title: string, body: string[]): string {
  return `<section id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">${esc(title)}</h2>\n${body.join('\n')}\n</section>`;
}

function questionsSection(r: Report, t: Table): string {
  if (!r.questions.groups.length) return section('questions', t.title, [`<p class="empty">${esc(t.empty)}</p>`]);
  const top = r.questions.groups.slice(0, 10);
  const chart = barChart(
    'Les groupes de questions sans réponse sûre les plus fréquents',
    top.map((g) => ({ label: g.representative, value: g.count })),
    { labelWidth: 360 },
  );
  const more = r.questions.groups.length - LISTED_GROUPS;
  const list = r.questions.groups
    .slice(0, LISTED_GROUPS)
    .map((g) => {
      const dates = g.first === g.last ? `le ${frenchDay(g.first)}` : `du ${frenchDay(g.first)} au ${frenchDay(g.last)}`;
      const examples = g.examples.length ? `<ul>${g.examples.map((e) => `<li>« ${esc(oneLine(e))} »</li>`).join('')}</ul>` : '';
      return `<li><span class="count">${frNumber(g.count)} ×</span> « ${esc(oneLine(g.representative))} » <small>(${esc(dates)}, confiance max. ${frNumber(g.bestConfidence, 2)})</small>${examples}</li>`;
    })
    .join('\n');
  return section('questions', `${t.title} (${plural(r.questions.total, 'question')}, ${plural(r.questions.groups.length, 'groupe')})`, [
    '<p>Questions auxquelles l’assistant n’a pas trouvé de réponse sûre (aucune réponse, ou le passage le plus proche donné avec réserve), telles qu’enregistrées après masquage des données personnelles. Les plus fréquentes sont les premières à ajouter à la FAQ.</p>',
    chart,
    `<ol class="groups">\n${list}\n</ol>`,
    ...(more > 0 ? [`<p>… et ${esc(plural(more, 'autre groupe', 'autres groupes'))}, dans le tableau ci-dessous.</p>`] : []),
    `<details><summary>Tableau des groupes</summary>${htmlTable(t)}</details>`,
  ]);
}

function usageSection(r: Report, byName: Map<TableName, Table>): string {
  const usage = byName.get('usage')!;
  if (!r.usage.total) return section('usage', 'Intentions et verdicts dans le temps', [`<p class="empty">${esc(usage.empty)}</p>`]);
  const intents = usageIntents(r);
  const labels = r.usage.buckets.map((b) => (r.usage.granularity === 'week' ? `sem. ${b.start.slice(5)}` : b.start.slice(5)));
  const series = timeSeriesChart(
    r.usage.granularity === 'week' ? 'Échanges par semaine, par intention' : 'Échanges par jour, par intention',
    labels,
    intents.map((i) => ({ label: intentLabel(i), values: r.usage.buckets.map((b) => b.byIntent[i] ?? 0) })),
    { label: 'Sans réponse sûre', values: r.usage.buckets.map((b) => b.notSure) },
  );
  const intentChart = barChart('Intentions sur la période', r.usage.intents.map((i) => ({ label: intentLabel(i.intent), value: i.turns, display: `${frNumber(i.turns)} (${frShare(i.turns, r.usage.total)})` })));
  const verdicts = r.usage.verdicts.length
    ? barChart('Verdicts des vérifications d’outil', r.usage.verdicts.map((v) => ({ label: verdictLabel(v.verdict), value: v.turns })), { color: '#6e445a' })
    : '';
  return section('usage', 'Intentions et verdicts dans le temps', [
    series,
    `<details><summary>Tableau : ${esc(usage.title.toLowerCase())}</summary>${htmlTable(usage)}</details>`,
    intentChart,
    htmlTable(byName.get('intents')!),
    verdicts,
    htmlTable(byName.get('verdicts')!),
  ]);
}

function feedbackSection(t: Table, r: Report): string {
  if (!r.feedback.length) return section('feedback', t.title, [`<p class="empty">${esc(t.empty)}</p>`]);
  const chart = divergingChart('Avis par sujet (les 15 moins bien notés)', r.feedback.slice(0, 15).map((f) => ({ label: f.title, up: f.up, down: f.down })));
  return section('feedback', t.title, [chart, htmlTable(t)]);
}

function entriesSection(t: Table, r: Report): string {
  if (!r.entries.length) return section('entries', t.title, [`<p class="empty">${esc(t.empty)}</p>`]);
  const chart = barChart('Entrées de la FAQ les plus servies (15 premières)', r.entries.slice(0, 15).map((e) => ({ label: e.title, value: e.turns })), { labelWidth: 360, color: '#3558a2' });
  return section('entries', t.title, [chart, `<details><summary>Tableau : toutes les entrées servies</summary>${htmlTable(t)}</details>`]);
}

function ticketsSection(r: Report, byName: Map<TableName, Table>): string {
  const t = byName.get('tickets')!;
  const body: string[] = [];
  if (r.tickets.total.opened) {
    const scopes = r.tickets.byScope.filter((s) => s.toClaim.median !== undefined);
    if (scopes.length) {
      body.push(barChart('Délai médian de prise en charge, par périmètre', scopes.map((s) => ({ label: s.label, value: s.toClaim.median!, display: frDuration(s.toClaim.median) })), { color: '#18753c' }));
    }
    body.push(htmlTable(t));
  } else body.push(`<p class="empty">${esc(t.empty)}</p>`);
  body.push(htmlTable(byName.get('open-tickets')!));
  return section('tickets', 'Demandes aux ambassadeurs', body);
}

export function renderHtml(r: Report, only?: TableName): string {
  resetChartIds();
  const tables = reportTables(r);
  const byName = new Map(tables.map((t) => [t.name, t]));
  const period = `du ${frenchDay(r.period.since)} au ${frenchDay(r.period.until)}`;
  const notes = r.notes.map((n) => `<p class="note">${esc(n)}</p>`);
  let sections: string[];
  if (only) sections = [section(only, byName.get(only)!.title, [htmlTable(byName.get(only)!)])];
  else if (isEmptyReport(r)) {
    sections = [section('rien', 'Rien à signaler', ['<p class="empty">Aucun échange, aucune question sans réponse sûre, aucun avis et aucune demande aux ambassadeurs sur la période.</p>'])];
  } else {
    const figures = [
      ['Échanges', frNumber(r.usage.total), r.usage.total ? channelsLine(r) : ''],
      ['Sans réponse sûre', frNumber(r.usage.notSure), `${frShare(r.usage.notSure, r.usage.total)} des échanges`],
      ['Questions à reprendre', frNumber(r.questions.total), plural(r.questions.groups.length, 'groupe')],
      ['Demandes ouvertes', frNumber(r.tickets.total.opened), `${frNumber(r.tickets.open.length)} encore en attente ou en cours`],
    ];
    sections = [
      section('bref', 'En bref', [`<ul class="figures">${figures.map(([k, v, d]) => `<li>${esc(k!)}<strong>${esc(v!)}</strong><small>${esc(d!)}</small></li>`).join('')}</ul>`]),
      questionsSection(r, byName.get('questions')!),
      feedbackSection(byName.get('feedback')!, r),
      entriesSection(byName.get('entries')!, r),
      usageSection(r, byName),
      ticketsSection(r, byName),
    ];
  }
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`Rapport de l’assistant charte IA — ${period}`)}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>Rapport de l’assistant charte IA</h1><p>${esc(`${period} (jours en heure de Paris) — établi le ${frenchDay(parisDay(r.generatedAt))}`)}</p></header>
<main>
${[...notes, ...sections].join('\n')}
</main>
<footer>Données conservées ${esc('après masquage des données personnelles')} ; aucune question n’est associée à une personne.</footer>
</body>
</html>
`;
}
