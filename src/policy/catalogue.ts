/**
 * The tool catalogue (knowledge/tools.yaml), edited by DTNUM: every tool agents name, with its
 * aliases and its tier (business_app | mirai | public_ai). Validated with zod; errors name the
 * file, the tool (index and id) and the field. Duplicate ids, or aliases shared by two tools,
 * are errors.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { PolicyConfigError, describeIssue, frenchErrorMap } from './config-error.js';
import { fuzzyKeys } from './fuzzy.js';
import { PatternSyntaxError, PhraseMatcher, canonicalPattern } from './matcher.js';
import { fold } from './text.js';
import type { ToolTier } from './types.js';

const TIERS = ['business_app', 'mirai', 'public_ai'] as const satisfies readonly ToolTier[];

const toolSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'identifiant attendu : minuscules, chiffres et tirets'),
    name: z.string().trim().min(1),
    tier: z.enum(TIERS),
    /** Patterns (see matcher.ts): names, versions, common misspellings. */
    aliases: z.array(z.string().trim().min(1)).min(1),
    /** Exact, case-sensitive spellings for names that are also French words ("Le Chat", "Notion"). */
    caseSensitiveAliases: z.array(z.string().trim().min(2)).default([]),
    /** A generic mention ("un traducteur en ligne", "l'application métier…"), not a product. */
    generic: z.boolean().default(false),
    /** Single-word aliases get typo tolerance (one edit) unless this is false. */
    fuzzy: z.boolean().default(true),
    notes: z.string().trim().min(1),
  })
  .strict();

const catalogueSchema = z
  .object({
    version: z.literal(1),
    /** Folded words never taken for a misspelt tool name ("clause" is not "Claude"). */
    fuzzyExclusions: z.array(z.string().trim().min(1)).default([]),
    /** Capitalised words that are not AI tools, ignored when looking for an unknown tool name. */
    notTools: z.array(z.string().trim().min(1)).default([]),
    tools: z.array(toolSchema).min(1),
  })
  .strict();

export type CatalogueTool = z.infer<typeof toolSchema>;

export interface FuzzyAlias {
  word: string;
  tool: number;
}

export interface CompiledCatalogue {
  file: string;
  tools: CatalogueTool[];
  byId: Map<string, CatalogueTool>;
  matcher: PhraseMatcher<number>;
  caseSensitive: { text: string; tool: number }[];
  fuzzyIndex: Map<string, FuzzyAlias[]>;
  fuzzyExclusions: Set<string>;
  notTools: Set<string>;
}

const PLAIN_WORD = /^[a-z0-9]+$/;
const FUZZY_MIN = 5;

/** Validate and compile a catalogue from its YAML text. `file` labels error messages. */
export function parseCatalogue(yamlText: string, file = 'knowledge/tools.yaml'): CompiledCatalogue {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText);
  } catch (err) {
    throw new PolicyConfigError(file, [`YAML illisible : ${(err as Error).message}`]);
  }
  const parsed = catalogueSchema.safeParse(raw, { errorMap: frenchErrorMap });
  if (!parsed.success) {
    throw new PolicyConfigError(file, parsed.error.issues.map((i) => describeIssue(i, raw, ['tools'])));
  }
  const cat = parsed.data;
  const problems: string[] = [];
  const ids = new Map<string, number>();
  const aliasOwner = new Map<string, { tool: number; field: string }>();
  const patterns: { source: string; payload: number }[] = [];
  const caseSensitive: CompiledCatalogue['caseSensitive'] = [];
  const fuzzyIndex = new Map<string, FuzzyAlias[]>();

  cat.tools.forEach((tool, i) => {
    const where = `tools[${i}] (id « ${tool.id} »)`;
    const prev = ids.get(tool.id);
    if (prev !== undefined) problems.push(`${where}, champ id : identifiant déjà utilisé par tools[${prev}]`);
    else ids.set(tool.id, i);

    const claim = (key: string, field: string): void => {
      const owner = aliasOwner.get(key);
      if (owner && owner.tool !== i) {
        const other = cat.tools[owner.tool];
        problems.push(`${where}, champ ${field} : alias « ${key} » déjà utilisé par tools[${owner.tool}] (id « ${other?.id} »)`);
      } else if (!owner) aliasOwner.set(key, { tool: i, field });
    };

    tool.aliases.forEach((alias, j) => {
      let key: string;
      try {
        key = canonicalPattern(alias);
      } catch (err) {
        if (err instanceof PatternSyntaxError) {
          problems.push(`${where}, champ aliases[${j}] : ${err.message}`);
          return;
        }
        throw err;
      }
      claim(key, `aliases[${j}]`);
      patterns.push({ source: alias, payload: i });
      const word = fold(alias).trim();
      if (!tool.generic && tool.fuzzy && PLAIN_WORD.test(word) && word.length >= FUZZY_MIN) {
        for (const k of fuzzyKeys(word)) {
          const list = fuzzyIndex.get(k);
          const entry = { word, tool: i };
          if (list) list.push(entry);
          else fuzzyIndex.set(k, [entry]);
        }
      }
    });
    tool.caseSensitiveAliases.forEach((alias, j) => {
      try {
        claim(canonicalPattern(alias), `caseSensitiveAliases[${j}]`);
      } catch (err) {
        if (err instanceof PatternSyntaxError) problems.push(`${where}, champ caseSensitiveAliases[${j}] : ${err.message}`);
        else throw err;
        return;
      }
      caseSensitive.push({ text: alias, tool: i });
    });
  });
  if (problems.length) throw new PolicyConfigError(file, problems);

  return {
    file,
    tools: cat.tools,
    byId: new Map(cat.tools.map((t) => [t.id, t])),
    matcher: new PhraseMatcher(patterns),
    caseSensitive,
    fuzzyIndex,
    fuzzyExclusions: new Set(cat.fuzzyExclusions.map((w) => fold(w).trim())),
    notTools: new Set(cat.notTools.map((w) => fold(w).trim())),
  };
}

export function loadCatalogue(path: string, label = path): CompiledCatalogue {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new PolicyConfigError(label, [`fichier illisible : ${(err as Error).message}`]);
  }
  return parseCatalogue(text, label);
}
