import { parseDocument, isMap, isScalar, isSeq, type Document, type Pair, type YAMLSeq } from 'yaml';
import { fold } from '../text.js';
import { FRENCH_STOP_WORDS } from '../knowledge/stopwords.js';

/**
 * The text of a FAQ draft file: the same front matter as knowledge/faq/*.md (so that moving it into
 * faq/ publishes it), with the provenance kept as a comment (the entry schema has no field for it)
 * and `sources: []` to complete: an ambassador's answer is not a source, so a draft cannot be served
 * until an editor names the real one. Edits go through the YAML document, comments kept.
 */

export interface DraftProvenance {
  ticket?: number;
  ambassadorId?: string;
  ambassadorName?: string;
  /** YYYY-MM-DD */
  proposed?: string;
}

export interface DraftInput {
  id: string;
  question: string;
  answers: string[];
  ticket: number;
  ambassador: { id: string; name: string };
  /** YYYY-MM-DD */
  date: string;
}

export const DRAFT_HEADER = '# Brouillon de FAQ proposé par un ambassadeur IA : à relire par la DTNUM avant publication.';
const SOURCE_TODO = [
  ' À COMPLÉTER avant publication : la source réelle de la réponse (la réponse d’un ambassadeur',
  ' n’est pas une source). Par exemple :',
  '   - doc: circulaire',
  '     section: "§ 2"',
  '     label: "Circulaire de diffusion de la charte, § 2"',
].join('\n');

const PROVENANCE = /^#\s*Provenance\s*:\s*demande #(\d+)(?:, réponse de (.+?) \[([a-z0-9-]+)\])?(?:, le (\d{4}-\d{2}-\d{2}))?/m;

/** kebab-case id from a question: its first meaningful words (no grammar words, no [NOM]-like placeholders). */
export function slugOf(text: string, maxWords = 6): string {
  const words = fold(text)
    .replace(/\[[^\]]{0,40}\]/g, ' ')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const meaningful = words.filter((w) => !FRENCH_STOP_WORDS.has(w) && w.length > 1);
  return (meaningful.length ? meaningful : words).slice(0, maxWords).join('-');
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A title: the question's first sentence, at most 150 characters. */
function titleOf(question: string): string {
  const q = oneLine(question);
  const first = /^(.{5,150}?[?.!])(?:\s|$)/.exec(q)?.[1] ?? q;
  return first.length <= 150 ? first : `${first.slice(0, 149).replace(/\s+\S*$/, '')}…`;
}

/** The draft file for a ticket closed with « faq ». */
export function renderDraft(d: DraftInput): string {
  const q = oneLine(d.question).slice(0, 300);
  const yaml = (s: string) => JSON.stringify(s);
  return [
    '---',
    DRAFT_HEADER,
    `# Provenance : demande #${d.ticket}, réponse de ${oneLine(d.ambassador.name).replace(/\[|\]/g, '')} [${d.ambassador.id}], le ${d.date}.`,
    `id: ${d.id}`,
    `title: ${yaml(titleOf(d.question))}`,
    'questions:',
    `  - ${yaml(q)}`,
    'tags: []',
    'concepts: []',
    ...SOURCE_TODO.split('\n').map((l) => `#${l}`),
    'sources: []',
    'related: []',
    `updated: ${d.date}`,
    '---',
    d.answers.map((a) => a.trim()).filter(Boolean).join('\n\n'),
    '',
  ].join('\n');
}

/** A draft file split into its front matter (a YAML document with comments) and its body. */
export interface DraftParts {
  doc: Document;
  body: string;
  /** YAML errors, in French for the admin. */
  errors: string[];
}

const FENCE = /^---[ \t]*$/;

export function splitDraft(text: string): DraftParts | string {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) return 'le fichier ne commence pas par la ligne « --- » de l’en-tête';
  const close = lines.findIndex((l, i) => i > 0 && FENCE.test(l));
  if (close < 0) return 'l’en-tête n’est pas refermé par une ligne « --- »';
  const doc = parseDocument(lines.slice(1, close).join('\n'), { uniqueKeys: true });
  const errors = doc.errors.map((e) => `YAML invalide : ${e.message.split('\n')[0]}`);
  if (!errors.length && !isMap(doc.contents)) errors.push('l’en-tête doit être une liste de champs « nom: valeur »');
  return { doc, body: lines.slice(close + 1).join('\n').trim(), errors };
}

export function joinDraft(parts: DraftParts): string {
  return `---\n${parts.doc.toString({ lineWidth: 0 })}---\n${parts.body}\n`;
}

export function provenanceOf(parts: DraftParts): DraftProvenance {
  const comments = [parts.doc.commentBefore ?? '', ...(isMap(parts.doc.contents) ? parts.doc.contents.items.map((p) => (p.key as { commentBefore?: string })?.commentBefore ?? '') : [])]
    .join('\n')
    .split('\n')
    .map((l) => `#${l}`)
    .join('\n');
  const m = PROVENANCE.exec(comments);
  if (!m) return {};
  return { ticket: Number(m[1]), ambassadorName: m[2], ambassadorId: m[3], proposed: m[4] };
}

/** A scalar field's value as a string ('' when absent or not a string). */
export function field(parts: DraftParts, key: string): string {
  const v = parts.doc.get(key);
  return typeof v === 'string' ? v : v instanceof Date ? v.toISOString().slice(0, 10) : v === undefined || v === null ? '' : String(v);
}

export function listField(parts: DraftParts, key: string): unknown[] {
  const v = parts.doc.get(key);
  return isSeq(v) ? v.items.map((i) => (isScalar(i) ? i.value : i)) : [];
}

function pairOf(parts: DraftParts, key: string): Pair | undefined {
  return isMap(parts.doc.contents) ? (parts.doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair | undefined) : undefined;
}

/** The list under `key`, created if absent, in block style. */
function seqOf(parts: DraftParts, key: string): YAMLSeq {
  let seq = parts.doc.get(key, true);
  if (!isSeq(seq)) {
    seq = parts.doc.createNode([]);
    parts.doc.set(key, seq);
  }
  const s = seq as YAMLSeq;
  s.flow = false;
  return s;
}

export type DraftEdit =
  | { kind: 'title'; value: string }
  | { kind: 'source'; doc: string; section?: string; label: string }
  | { kind: 'body'; value: string }
  | { kind: 'question'; value: string }
  | { kind: 'id'; value: string }
  | { kind: 'updated'; value: string };

/** Applies one edit in place. */
export function applyEdit(parts: DraftParts, edit: DraftEdit): void {
  switch (edit.kind) {
    case 'title':
    case 'id':
    case 'updated':
      parts.doc.set(edit.kind, edit.value);
      return;
    case 'body':
      parts.body = edit.value.trim();
      return;
    case 'question':
      seqOf(parts, 'questions').add(parts.doc.createNode(edit.value));
      return;
    case 'source': {
      const source: Record<string, string> = { doc: edit.doc };
      if (edit.section) source.section = edit.section;
      source.label = edit.label;
      seqOf(parts, 'sources').add(parts.doc.createNode(source));
      // The "to complete" note has been answered.
      const key = pairOf(parts, 'sources')?.key as { commentBefore?: string } | undefined;
      if (key?.commentBefore?.includes('À COMPLÉTER')) key.commentBefore = undefined;
      return;
    }
  }
}

/** Removes the "this is a draft" header line (the provenance comment stays in the published entry). */
export function dropDraftHeader(parts: DraftParts): void {
  const strip = (c: string | null | undefined) =>
    c
      ?.split('\n')
      .filter((l) => `#${l}` !== DRAFT_HEADER)
      .join('\n') || undefined;
  parts.doc.commentBefore = strip(parts.doc.commentBefore) ?? null;
  const first = isMap(parts.doc.contents) ? (parts.doc.contents.items[0]?.key as { commentBefore?: string } | undefined) : undefined;
  if (first) first.commentBefore = strip(first.commentBefore);
  const key = pairOf(parts, 'sources')?.key as { commentBefore?: string } | undefined;
  if (key?.commentBefore?.includes('À COMPLÉTER')) key.commentBefore = undefined;
}
