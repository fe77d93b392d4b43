import { clipText, frNumber, oneLine } from './format.js';

/**
 * Inline SVG charts for the HTML report: no script, no external resource, every text escaped. Each
 * chart is an image with a title and a description (role="img", aria-labelledby) and each bar has
 * its own tooltip; the page puts the same numbers in a table next to it.
 */

/** Escapes text for HTML and SVG, in element content and in quoted attributes. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Colours with at least 4.5:1 contrast on white (bars carry their value as text too). */
export const PALETTE = ['#000091', '#b34000', '#18753c', '#6e445a', '#695240', '#3558a2', '#7d4e5b', '#5e2a2b'];
const GRID = '#dddddd';
const INK = '#161616';
const MUTED = '#555555';

let serial = 0;
/** Ids unique within one page (reset by `resetChartIds` at the start of each page). */
function nextId(prefix: string): string {
  serial += 1;
  return `${prefix}-${serial}`;
}
export function resetChartIds(): void {
  serial = 0;
}

function frame(kind: string, title: string, desc: string, w: number, h: number, body: string): string {
  const t = nextId('t');
  const d = nextId('d');
  return (
    `<svg class="chart ${kind}" role="img" aria-labelledby="${t} ${d}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${t}">${esc(title)}</title><desc id="${d}">${esc(desc)}</desc>${body}</svg>`
  );
}

function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${x}" y="${y}" ${attrs}>${esc(content)}</text>`;
}

/** A round maximum for an axis (1, 2, 5 × 10ⁿ). */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * power >= max) return m * power;
  return 10 * power;
}

export interface Bar {
  label: string;
  value: number;
  /** Shown at the end of the bar instead of the number (e.g. « 2 h 05 »). */
  display?: string;
}

/** Horizontal bars, one per item, labels on the left. */
export function barChart(title: string, bars: readonly Bar[], opts: { color?: string; labelWidth?: number } = {}): string {
  const labelW = opts.labelWidth ?? 300;
  const barW = 360;
  const rowH = 26;
  const w = labelW + barW + 90;
  const h = bars.length * rowH + 12;
  const max = Math.max(0, ...bars.map((b) => b.value));
  const scale = max > 0 ? barW / max : 0;
  const rows = bars.map((b, i) => {
    const y = 6 + i * rowH;
    const len = Math.max(b.value > 0 ? 2 : 0, b.value * scale);
    const shown = b.display ?? frNumber(b.value);
    const label = oneLine(b.label);
    return (
      `<g class="bar">${text(labelW - 8, y + 17, clipText(label, Math.floor(labelW / 7.2)), `text-anchor="end" fill="${INK}"`)}` +
      `<rect x="${labelW}" y="${y + 4}" width="${len.toFixed(1)}" height="${rowH - 8}" fill="${opts.color ?? PALETTE[0]}"><title>${esc(`${label} : ${shown}`)}</title></rect>` +
      `${text(labelW + len + 6, y + 17, shown, `fill="${INK}"`)}</g>`
    );
  });
  const desc = bars.map((b) => `${oneLine(b.label)} : ${b.display ?? frNumber(b.value)}`).join(' ; ');
  return frame('bars', title, desc, w, h, rows.join(''));
}

/** « Utile » to the right, « pas utile » to the left of a middle axis, one row per subject. */
export function divergingChart(title: string, rows: readonly { label: string; up: number; down: number }[]): string {
  const labelW = 300;
  const half = 200;
  const rowH = 26;
  const w = labelW + 2 * half + 60;
  const h = rows.length * rowH + 34;
  const axis = labelW + half + 30;
  const max = Math.max(1, ...rows.flatMap((r) => [r.up, r.down]));
  const scale = half / max;
  const body = [
    text(axis - 8, 16, 'pas utile', `text-anchor="end" fill="${PALETTE[1]}"`),
    text(axis + 8, 16, 'utile', `fill="${PALETTE[2]}"`),
    `<line x1="${axis}" y1="22" x2="${axis}" y2="${h}" stroke="${MUTED}"/>`,
    ...rows.map((r, i) => {
      const y = 26 + i * rowH;
      const label = oneLine(r.label);
      const down = r.down * scale;
      const up = r.up * scale;
      return (
        `<g class="bar">${text(labelW - 8, y + 17, clipText(label, 42), `text-anchor="end" fill="${INK}"`)}` +
        `<rect class="down" x="${(axis - down).toFixed(1)}" y="${y + 4}" width="${down.toFixed(1)}" height="${rowH - 8}" fill="${PALETTE[1]}"><title>${esc(`${label} : ${r.down} pas utile`)}</title></rect>` +
        `<rect class="up" x="${axis}" y="${y + 4}" width="${up.toFixed(1)}" height="${rowH - 8}" fill="${PALETTE[2]}"><title>${esc(`${label} : ${r.up} utile`)}</title></rect>` +
        `${text(axis - down - 6, y + 17, String(r.down), `text-anchor="end" fill="${INK}"`)}${text(axis + up + 6, y + 17, String(r.up), `fill="${INK}"`)}</g>`
      );
    }),
  ];
  const desc = rows.map((r) => `${oneLine(r.label)} : ${r.up} utile, ${r.down} pas utile`).join(' ; ');
  return frame('diverging', title, desc, w, h, body.join(''));
}

export interface Series {
  label: string;
  values: readonly number[];
}

/**
 * Stacked columns over time (one column per day or week, one colour per series) and a line for
 * `line` (e.g. the turns without a sure answer), with a legend.
 */
export function timeSeriesChart(title: string, xLabels: readonly string[], stacked: readonly Series[], line?: Series): string {
  const left = 48;
  const plotH = 220;
  const top = 16;
  const n = Math.max(1, xLabels.length);
  const step = Math.max(12, Math.min(48, Math.floor(760 / n)));
  const colW = Math.max(6, step - 4);
  const plotW = n * step;
  const legendRows = Math.ceil((stacked.length + (line ? 1 : 0)) / 3);
  const w = left + plotW + 20;
  const h = top + plotH + 44 + legendRows * 20;
  const totals = xLabels.map((_, i) => stacked.reduce((s, x) => s + (x.values[i] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals, ...(line?.values ?? [])));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const parts: string[] = [];
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    parts.push(`<line x1="${left}" y1="${y(v).toFixed(1)}" x2="${left + plotW}" y2="${y(v).toFixed(1)}" stroke="${GRID}"/>`);
    parts.push(text(left - 6, y(v) + 4, frNumber(v, Number.isInteger(v) ? 0 : 1), `text-anchor="end" fill="${MUTED}" font-size="11"`));
  }
  const every = Math.ceil(n / 12);
  xLabels.forEach((label, i) => {
    const x = left + i * step + (step - colW) / 2;
    let base = 0;
    stacked.forEach((s, k) => {
      const v = s.values[i] ?? 0;
      if (v <= 0) return;
      parts.push(
        `<rect class="col" x="${x.toFixed(1)}" y="${y(base + v).toFixed(1)}" width="${colW}" height="${((v / max) * plotH).toFixed(1)}" fill="${PALETTE[k % PALETTE.length]}"><title>${esc(`${label} — ${s.label} : ${frNumber(v)}`)}</title></rect>`,
      );
      base += v;
    });
    if (i % every === 0) parts.push(text(x + colW / 2, top + plotH + 16, label, `text-anchor="middle" fill="${MUTED}" font-size="11"`));
  });
  if (line && xLabels.length) {
    const points = line.values.map((v, i) => `${(left + i * step + step / 2).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    parts.push(`<polyline class="line" points="${points}" fill="none" stroke="${INK}" stroke-width="2" stroke-dasharray="5 3"><title>${esc(line.label)}</title></polyline>`);
    line.values.forEach((v, i) => parts.push(`<circle cx="${(left + i * step + step / 2).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${INK}"><title>${esc(`${xLabels[i]} — ${line.label} : ${frNumber(v)}`)}</title></circle>`));
  }
  const legend = [...stacked.map((s, k) => ({ label: s.label, color: PALETTE[k % PALETTE.length]!, dash: false })), ...(line ? [{ label: line.label, color: INK, dash: true }] : [])];
  legend.forEach((l, i) => {
    const lx = left + (i % 3) * 250;
    const ly = top + plotH + 36 + Math.floor(i / 3) * 20;
    parts.push(
      l.dash
        ? `<line x1="${lx}" y1="${ly - 4}" x2="${lx + 14}" y2="${ly - 4}" stroke="${l.color}" stroke-width="2" stroke-dasharray="5 3"/>`
        : `<rect x="${lx}" y="${ly - 11}" width="14" height="12" fill="${l.color}"/>`,
    );
    parts.push(text(lx + 20, ly, clipText(l.label, 32), `fill="${INK}" font-size="12"`));
  });
  const desc = `${xLabels.length} périodes ; maximum ${frNumber(Math.max(0, ...totals))} échanges. ${stacked.map((s) => `${s.label} : ${frNumber(s.values.reduce((a, b) => a + b, 0))}`).join(' ; ')}${line ? ` ; ${line.label} : ${frNumber(line.values.reduce((a, b) => a + b, 0))}` : ''}.`;
  return frame('timeseries', title, desc, w, h, parts.join(''));
}
