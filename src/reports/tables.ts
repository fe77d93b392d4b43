import type { Report, DurationStats } from './model.js';
import { frDuration, frNumber, frShare, minutes } from './format.js';
import { channelLabel, INTENT_ORDER, intentLabel, intentShort, statusLabel, verdictLabel } from './labels.js';

/**
 * The report as named tables, shared by every renderer: the CSV writes the raw values, the text and
 * HTML pages the display texts. Table names are what `--table` accepts.
 */

/** A number with its French display (« 2 h 05 » for 125 minutes); `value` null when unknown. */
export interface Measure {
  value: number | null;
  text: string;
}
export type Cell = string | number | Measure;

export interface Column {
  label: string;
  numeric?: boolean;
  /** Unit of the raw values in the CSV (durations in minutes, shares in %). */
  unit?: 'min' | '%';
  /** Shorter label for the terminal. */
  short?: string;
}

export interface Table {
  name: TableName;
  title: string;
  columns: Column[];
  rows: Cell[][];
  /** Shown instead of an empty table. */
  empty: string;
}

export const TABLE_NAMES = ['questions', 'feedback', 'entries', 'usage', 'intents', 'verdicts', 'tickets', 'open-tickets'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export function cellText(c: Cell): string {
  if (typeof c === 'number') return frNumber(c);
  return typeof c === 'string' ? c : c.text;
}

export function cellValue(c: Cell): string | number | null {
  return typeof c === 'object' ? c.value : c;
}

const duration = (ms: number | undefined): Measure => ({ value: minutes(ms), text: frDuration(ms) });
const confidence = (x: number): Measure => ({ value: Math.round(x * 1000) / 1000, text: frNumber(x, 2) });

function durationCells(d: DurationStats): Cell[] {
  return [d.count, duration(d.median), duration(d.p90)];
}

/** Intents in display order, those of the period only. */
export function usageIntents(r: Report): string[] {
  const present = new Set(r.usage.intents.map((i) => i.intent));
  return [...INTENT_ORDER.filter((i) => present.has(i)), ...[...present].filter((i) => !INTENT_ORDER.includes(i)).sort()];
}

export function reportTables(r: Report): Table[] {
  const intents = usageIntents(r);
  const perWeek = r.usage.granularity === 'week';
  return [
    {
      name: 'questions',
      title: 'Questions sans réponse sûre, regroupées',
      columns: [{ label: 'Nombre', numeric: true }, { label: 'Première fois' }, { label: 'Dernière fois' }, { label: 'Confiance max.', short: 'Conf.', numeric: true }, { label: 'Question représentative' }, { label: 'Autres formulations' }],
      rows: r.questions.groups.map((g) => [g.count, g.first, g.last, confidence(g.bestConfidence), g.representative, g.examples.join(' | ')]),
      empty: 'Aucune question sans réponse sûre sur la période.',
    },
    {
      name: 'feedback',
      title: 'Avis des agents (utile / pas utile), les moins bien notés d’abord',
      columns: [{ label: 'Sujet' }, { label: 'Titre' }, { label: 'Utile', numeric: true }, { label: 'Pas utile', numeric: true }, { label: 'Réponses servies', short: 'Servies', numeric: true }],
      rows: r.feedback.map((f) => [f.subject, f.title, f.up, f.down, f.served === undefined ? { value: null, text: '–' } : f.served]),
      empty: 'Aucun avis enregistré.',
    },
    {
      name: 'entries',
      title: 'Réponses les plus servies',
      columns: [{ label: 'Entrée' }, { label: 'Titre' }, { label: 'Réponses servies', short: 'Servies', numeric: true }, { label: 'Confiance moyenne', short: 'Conf. moy.', numeric: true }],
      rows: r.entries.map((e) => [e.entryId, e.title, e.turns, e.meanConfidence === null ? { value: null, text: '–' } : confidence(e.meanConfidence)]),
      empty: 'Aucune réponse tirée de la FAQ sur la période.',
    },
    {
      name: 'usage',
      title: perWeek ? 'Échanges par semaine (semaine du lundi…)' : 'Échanges par jour',
      columns: [{ label: perWeek ? 'Semaine du' : 'Jour' }, { label: 'Échanges', numeric: true }, ...intents.map((i) => ({ label: intentLabel(i), short: intentShort(i), numeric: true })), { label: 'Sans réponse sûre', short: 'Sans rép. sûre', numeric: true }],
      rows: r.usage.total ? r.usage.buckets.map((b) => [b.start, b.turns, ...intents.map((i) => b.byIntent[i] ?? 0), b.notSure]) : [],
      empty: 'Aucun échange enregistré sur la période.',
    },
    {
      name: 'intents',
      title: 'Intentions sur la période',
      columns: [{ label: 'Intention' }, { label: 'Échanges', numeric: true }, { label: 'Part', numeric: true, unit: '%' }],
      rows: r.usage.intents.map((i) => [intentLabel(i.intent), i.turns, { value: Math.round((1000 * i.turns) / r.usage.total) / 10, text: frShare(i.turns, r.usage.total) }]),
      empty: 'Aucun échange enregistré sur la période.',
    },
    {
      name: 'verdicts',
      title: 'Verdicts des vérifications d’outil',
      columns: [{ label: 'Verdict' }, { label: 'Nombre', numeric: true }],
      rows: r.usage.verdicts.map((v) => [verdictLabel(v.verdict), v.turns]),
      empty: 'Aucune vérification d’outil sur la période.',
    },
    {
      name: 'tickets',
      title: 'Demandes aux ambassadeurs, par périmètre',
      columns: [
        { label: 'Périmètre' },
        { label: 'Ouvertes', numeric: true },
        { label: 'Encore ouvertes', short: 'En cours', numeric: true },
        { label: 'Clôturées', short: 'Closes', numeric: true },
        { label: 'Prises en charge', short: 'Prises', numeric: true },
        { label: 'Délai de prise en charge, médiane', short: 'Prise méd.', numeric: true, unit: 'min' },
        { label: 'Délai de prise en charge, 90 %', short: 'Prise 90 %', numeric: true, unit: 'min' },
        { label: 'Répondues', short: 'Répondues', numeric: true },
        { label: 'Délai de première réponse, médiane', short: 'Réponse méd.', numeric: true, unit: 'min' },
        { label: 'Délai de première réponse, 90 %', short: 'Réponse 90 %', numeric: true, unit: 'min' },
      ],
      rows: r.tickets.total.opened
        ? [...r.tickets.byScope, r.tickets.total].map((t) => [t.label, t.opened, t.stillOpen, t.closed, ...durationCells(t.toClaim), ...durationCells(t.toAnswer)])
        : [],
      empty: 'Aucune demande ouverte sur la période.',
    },
    {
      name: 'open-tickets',
      title: 'Demandes encore ouvertes (toutes dates)',
      columns: [{ label: 'N°', numeric: true }, { label: 'Périmètre' }, { label: 'État' }, { label: 'Ouverte le' }, { label: 'Depuis', numeric: true, unit: 'min' }],
      rows: r.tickets.open.map((t) => [t.id, t.label, statusLabel(t.status), t.opened, duration(t.ageMs)]),
      empty: 'Aucune demande en attente : tout est traité.',
    },
  ];
}

/** One line on the channels used, e.g. « Teams : 120 (80 %), Tchap : 30 (20 %) ». */
export function channelsLine(r: Report): string {
  return r.usage.channels.map((c) => `${channelLabel(c.channel)} : ${frNumber(c.turns)} (${frShare(c.turns, r.usage.total)})`).join(', ');
}
