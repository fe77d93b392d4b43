/**
 * The concept layer (`knowledge/concepts.yaml`), owned by the KB editors:
 *
 *   concepts:
 *     - id: concertation
 *       label: "Concertation et dialogue social sur la charte"
 *       words: [concertation, consulter, dialogue social, syndicat, représentants du personnel]
 *
 * A concept groups the words agents use for one subject of the charter's domain, whatever their
 * wording; an FAQ entry lists, in its `concepts:` field, the concepts it answers. A question
 * naming a concept's word then reaches the entries that answer that concept even when it shares
 * no word with them ("qui a été consulté ?" → the working-group entry).
 * Unlike synonyms, concepts do not rewrite the text: a word may point to several concepts.
 */
import { readFileSync } from 'node:fs';
import { parseDocument, isMap } from 'yaml';
import { z } from 'zod';
import type { KbEntry } from './types.js';
import type { KbProblem } from './loader.js';

export const CONCEPT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const conceptSchema = z
  .object({
    id: z.string().regex(CONCEPT_ID, 'id must be kebab-case (lower-case letters, digits, dashes)'),
    label: z.string().min(3, 'label must say in French what the concept is about'),
    words: z
      .array(z.string().trim().min(2, 'each word or expression must have at least 2 letters'), {
        invalid_type_error: 'words must be a list, e.g. [concertation, dialogue social]',
      })
      .min(1, 'a concept needs at least one word'),
  })
  .strict();

const fileSchema = z.object({ concepts: z.array(z.unknown()) }).strict();

export interface Concept {
  id: string;
  label: string;
  words: string[];
}

export interface ConceptsResult {
  concepts: Concept[];
  problems: KbProblem[];
}

/** Validates the text of a concepts file; never throws, every problem is returned. */
export function parseConcepts(text: string, file: string): ConceptsResult {
  const problems: KbProblem[] = [];
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { uniqueKeys: true, prettyErrors: true });
  for (const err of doc.errors) {
    problems.push({ file, line: err.linePos?.[0]?.line, message: `invalid YAML: ${err.message.split('\n')[0]}`, fix: 'check indentation, dashes and brackets' });
  }
  if (problems.length) return { concepts: [], problems };
  if (!isMap(doc.contents)) return { concepts: [], problems: [{ file, line: 1, message: 'expected a mapping with a "concepts" list', fix: 'start the file with "concepts:"' }] };
  const top = fileSchema.safeParse(doc.toJS());
  if (!top.success) return { concepts: [], problems: [{ file, message: 'expected a mapping with a "concepts" list and nothing else', fix: 'start the file with "concepts:" and indent each concept under it' }] };
  const concepts: Concept[] = [];
  const ids = new Set<string>();
  top.data.concepts.forEach((raw, index) => {
    const node = doc.getIn(['concepts', index], true) as { range?: [number, number, number] } | undefined;
    const line = node?.range ? text.slice(0, node.range[0]).split('\n').length : undefined;
    const parsed = conceptSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const unknown = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : undefined;
        problems.push({
          file,
          line,
          field: `concepts.${index}${issue.path.length ? `.${issue.path.join('.')}` : ''}`,
          message: unknown ? `unknown field(s): ${unknown}` : issue.message,
          fix: unknown ? 'a concept has only id, label and words' : undefined,
        });
      }
      return;
    }
    const c = parsed.data;
    if (ids.has(c.id)) {
      problems.push({ file, line, field: `concepts.${c.id}`, message: `duplicate concept id "${c.id}"`, fix: 'merge the two concepts or rename one' });
      return;
    }
    ids.add(c.id);
    concepts.push({ id: c.id, label: c.label, words: [...new Set(c.words)] });
  });
  return { concepts, problems };
}

export function loadConcepts(file: string, shownAs = file): ConceptsResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { concepts: [], problems: [{ file: shownAs, message: `cannot read the file: ${(e as Error).message}` }] };
  }
  return parseConcepts(text, shownAs);
}

/** Cross-checks entries and concepts: every concept an entry lists must exist. */
export function checkEntryConcepts(entries: readonly KbEntry[], concepts: readonly Concept[], conceptsFile: string): KbProblem[] {
  const known = new Set(concepts.map((c) => c.id));
  const problems: KbProblem[] = [];
  for (const e of entries) {
    for (const id of e.concepts ?? []) {
      if (!known.has(id)) {
        problems.push({ file: e.file, field: 'concepts', message: `concept "${id}" is not defined in ${conceptsFile}`, fix: `add it to ${conceptsFile} or remove it from the entry` });
      }
    }
  }
  return problems;
}

/** Concepts no entry answers (a warning for `kb check`: their words then reach nothing). */
export function unusedConcepts(entries: readonly KbEntry[], concepts: readonly Concept[]): Concept[] {
  const used = new Set(entries.flatMap((e) => e.concepts ?? []));
  return concepts.filter((c) => !used.has(c.id));
}
