/**
 * The data lexicon (knowledge/data-lexicon.yaml): terms mapped to data categories, negation cues,
 * qualifiers ("anonymisé", "déjà publié"), category implications and PII-type mapping.
 * Validated with zod; every error names the file, the item and the field.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { PolicyConfigError, describeIssue, frenchErrorMap } from './config-error.js';
import { PatternSyntaxError, PhraseMatcher, WordSet, parsePattern } from './matcher.js';
import { DATA_CATEGORIES, type DataCategory } from './types.js';

const category = z.enum(DATA_CATEGORIES as [DataCategory, ...DataCategory[]]);
const term = z.string().trim().min(1);
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'identifiant attendu : minuscules, chiffres et tirets');

const entrySchema = z
  .object({
    id,
    /** Categories the terms reveal (may be empty when only the negated form matters). */
    categories: z.array(category),
    terms: z.array(term).min(1),
    /** Patterns that, when they overlap a match, cancel it ("au nom de" for "nom"). */
    except: z.array(term).default([]),
    /** What a negated mention means: dropped, or another category ("sans aucune donnée" → public). */
    whenNegated: z.enum(['drop', 'public', 'internal']).default('drop'),
    /** False for terms that already carry their negation ("non publié", "pas encore diffusé"). */
    negatable: z.boolean().default(true),
    note: z.string().optional(),
  })
  .strict();

const qualifierSchema = z
  .object({
    id,
    terms: z.array(term).min(1),
    /** Categories cancelled for matches within `window` words, in the same clause. */
    cancels: z.array(category).min(1),
    window: z.number().int().min(1).max(8).default(5),
    /** Limits the qualifier to the matches of these entries (ids); all entries when absent. */
    entries: z.array(id).min(1).optional(),
    note: z.string().optional(),
  })
  .strict();

const lexiconSchema = z
  .object({
    version: z.literal(1),
    implies: z.record(category, z.array(category)).default({}),
    piiTypes: z
      .object({ default: z.array(category).min(1), overrides: z.record(z.string(), z.array(category)).default({}) })
      .strict(),
    negation: z
      .object({
        window: z.number().int().min(1).max(8),
        cues: z.array(term).min(1),
        fillers: z.array(term).default([]),
        breakers: z.array(term).default([]),
      })
      .strict(),
    qualifiers: z.array(qualifierSchema).default([]),
    entries: z.array(entrySchema).min(1),
  })
  .strict();

export type LexiconEntry = z.infer<typeof entrySchema>;
export type LexiconQualifier = z.infer<typeof qualifierSchema>;

export interface CompiledLexicon {
  file: string;
  entries: LexiconEntry[];
  qualifiers: LexiconQualifier[];
  matcher: PhraseMatcher<number>;
  exceptMatcher: PhraseMatcher<number>;
  qualifierMatcher: PhraseMatcher<number>;
  negation: { window: number; cues: WordSet; fillers: WordSet; breakers: WordSet };
  implies: Partial<Record<DataCategory, DataCategory[]>>;
  piiTypes: { default: DataCategory[]; overrides: Record<string, DataCategory[]> };
}

/** Validate and compile a lexicon from its YAML text. `file` labels error messages. */
export function parseLexicon(yamlText: string, file = 'knowledge/data-lexicon.yaml'): CompiledLexicon {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText);
  } catch (err) {
    throw new PolicyConfigError(file, [`YAML illisible : ${(err as Error).message}`]);
  }
  const parsed = lexiconSchema.safeParse(raw, { errorMap: frenchErrorMap });
  if (!parsed.success) {
    throw new PolicyConfigError(file, parsed.error.issues.map((i) => describeIssue(i, raw, ['entries', 'qualifiers'])));
  }
  const lex = parsed.data;
  const problems: string[] = [];

  const seen = new Map<string, string>();
  const checkId = (kind: string, index: number, value: string): void => {
    const prev = seen.get(value);
    if (prev) problems.push(`${kind}[${index}] (id « ${value} ») : identifiant déjà utilisé par ${prev}`);
    else seen.set(value, `${kind}[${index}]`);
  };

  const patterns: { source: string; payload: number }[] = [];
  const excepts: { source: string; payload: number }[] = [];
  lex.entries.forEach((e, i) => {
    checkId('entries', i, e.id);
    if (e.categories.length === 0 && e.whenNegated === 'drop') {
      problems.push(`entries[${i}] (id « ${e.id} »), champ categories : vide alors que whenNegated vaut « drop » (l'entrée ne produirait rien)`);
    }
    collect(problems, `entries[${i}] (id « ${e.id} »), champ terms`, e.terms, i, patterns);
    collect(problems, `entries[${i}] (id « ${e.id} »), champ except`, e.except, i, excepts);
  });
  const qualifierPatterns: { source: string; payload: number }[] = [];
  const entryIds = new Set(lex.entries.map((e) => e.id));
  lex.qualifiers.forEach((q, i) => {
    checkId('qualifiers', i, q.id);
    q.entries?.forEach((e, j) => {
      if (!entryIds.has(e)) problems.push(`qualifiers[${i}] (id « ${q.id} »), champ entries[${j}] : entrée « ${e} » inconnue`);
    });
    collect(problems, `qualifiers[${i}] (id « ${q.id} »), champ terms`, q.terms, i, qualifierPatterns);
  });

  let negation: CompiledLexicon['negation'] | undefined;
  try {
    negation = {
      window: lex.negation.window,
      cues: new WordSet(lex.negation.cues),
      fillers: new WordSet(lex.negation.fillers),
      breakers: new WordSet(lex.negation.breakers),
    };
  } catch (err) {
    problems.push(`champ negation : ${(err as Error).message}`);
  }
  if (problems.length || !negation) throw new PolicyConfigError(file, problems);

  return {
    file,
    entries: lex.entries,
    qualifiers: lex.qualifiers,
    matcher: new PhraseMatcher(patterns),
    exceptMatcher: new PhraseMatcher(excepts),
    qualifierMatcher: new PhraseMatcher(qualifierPatterns),
    negation,
    implies: lex.implies,
    piiTypes: lex.piiTypes,
  };
}

/** Check every pattern of a list (so that all syntax errors are reported at once). */
function collect(problems: string[], where: string, terms: string[], payload: number, out: { source: string; payload: number }[]): void {
  terms.forEach((t, j) => {
    try {
      parsePattern(t);
      out.push({ source: t, payload });
    } catch (err) {
      if (err instanceof PatternSyntaxError) problems.push(`${where}[${j}] : ${err.message}`);
      else throw err;
    }
  });
}

export function loadLexicon(path: string, label = path): CompiledLexicon {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new PolicyConfigError(label, [`fichier illisible : ${(err as Error).message}`]);
  }
  return parseLexicon(text, label);
}
