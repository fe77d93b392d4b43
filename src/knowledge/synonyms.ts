/**
 * Loads and validates the synonyms table (`knowledge/synonyms.yaml`):
 *
 *   groups:
 *     - [intelligence artificielle, ia, i.a., ai]   # first = canonical form
 *     - [application, appli, app, logiciel]
 *
 * Variants are compared in folded form (case and accents ignored): the same variant may not appear
 * in two groups. Repeats inside one group are merged silently.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { fold } from './analyzer.js';

const fileSchema = z.object({ groups: z.array(z.unknown()) }, {
  invalid_type_error: 'expected a mapping with a "groups" key',
  required_error: 'the file is empty',
});

const groupSchema = z
  .array(z.string({ invalid_type_error: 'every variant must be a string' }), {
    invalid_type_error: 'a group must be a list of strings, e.g. [application, appli, app]',
  })
  .min(1, 'a group must not be empty');

/** Error raised on an unreadable or invalid synonyms file; the message names the file. */
export class SynonymsError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`Invalid synonyms file ${file}: ${detail}`);
    this.name = 'SynonymsError';
  }
}

function describe(issue: z.ZodIssue): string {
  const where = issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
  return `${issue.message}${where}`;
}

/** Validates parsed YAML content; `file` is only used in error messages. */
export function parseSynonyms(content: unknown, file: string): string[][] {
  const top = fileSchema.safeParse(content);
  if (!top.success) {
    const issue = top.error.issues[0];
    throw new SynonymsError(file, issue ? describe(issue) : 'expected a mapping with a "groups" list');
  }
  const owner = new Map<string, number>();
  const groups: string[][] = [];
  top.data.groups.forEach((raw, index) => {
    const parsed = groupSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SynonymsError(file, `group ${index}: ${issue ? describe(issue) : 'invalid group'}`);
    }
    const group: string[] = [];
    const seen = new Set<string>();
    for (const variant of parsed.data) {
      const key = fold(variant).trim().replace(/\s+/g, ' ');
      if (key === '') throw new SynonymsError(file, `group ${index}: empty variant`);
      if (seen.has(key)) continue;
      const previous = owner.get(key);
      if (previous !== undefined) {
        throw new SynonymsError(file, `group ${index}: variant "${variant}" already appears in group ${previous}`);
      }
      seen.add(key);
      owner.set(key, index);
      group.push(variant.trim());
    }
    groups.push(group);
  });
  return groups;
}

/** Reads, parses and validates a synonyms YAML file. */
export function loadSynonyms(file: string): string[][] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SynonymsError(file, `cannot read the file (${(err as Error).message})`);
  }
  let content: unknown;
  try {
    content = parse(text);
  } catch (err) {
    throw new SynonymsError(file, `YAML syntax error: ${(err as Error).message}`);
  }
  return parseSynonyms(content, file);
}
