import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { loadCatalogue } from '../policy/catalogue.js';
import { loadLexicon } from '../policy/lexicon.js';
import { PolicyConfigError } from '../policy/config-error.js';
import { LEXICON_FILE, TOOLS_FILE } from '../policy/load.js';
import { checkKnowledge, type KnowledgeSnapshot } from '../knowledge/snapshot.js';
import { readKnowledgeBase, type KbProblem } from '../knowledge/loader.js';
import { unusedConcepts } from '../knowledge/concepts.js';
import type { KbEntry } from '../knowledge/types.js';
import { finding, sortFindings, type Finding } from './findings.js';
import { splitEntry, type SplitEntry } from './front-matter.js';
import { scanKnowledgeFiles, UTF8_FIX } from './encoding.js';
import { relatedProblems, sourceProblems, staleEntries, type LinesOf } from './entry-checks.js';
import { confusionFindings, findConfusions, DEFAULT_CONFUSION_MARGIN } from './confusable.js';
import { policyConsistency } from './policy-consistency.js';
import { directoryConsistency } from './directory-consistency.js';

export interface CheckOptions {
  dir: string;
  directoryFile?: string;
  staleDays: number;
  /** Near-tie margin of the confusable-entries check. */
  margin?: number;
  today?: Date;
}

export interface CheckResult {
  findings: Finding[];
  /** The knowledge as the bot would load it; absent when an error prevents loading. */
  snapshot?: KnowledgeSnapshot;
  /** Entries that could be read (all of them when the snapshot loads). */
  entries: KbEntry[];
}

function classify(p: KbProblem): string {
  if (/duplicate/.test(p.message)) return 'duplicate-id';
  if (p.field === 'related') return 'related';
  if (/^sources/.test(p.field ?? '')) return 'sources';
  return 'schema';
}

const MISSING_FIELD_FIX: Record<string, string> = {
  sources: 'add sources: with at least one "- doc: circulaire / section: \"§ 2\" / label: …" (every answer names where it comes from)',
  questions: 'add questions: with the ways agents ask it, one "- …" line each',
  updated: 'add updated: with the date of the last review, e.g. updated: 2026-12-02',
};

/**
 * The loader's wording made clearer for editors: a missing field is named, and an entry whose
 * related entry exists but is itself invalid is not told that it "does not exist".
 */
function explain(p: KbProblem, dir: string): KbProblem {
  if (p.message === 'Required' && p.field) {
    return { ...p, message: `the field "${p.field}" is missing`, fix: MISSING_FIELD_FIX[p.field] ?? `add ${p.field}: (see the example entry in the README)` };
  }
  const related = /^related entry "([^"]+)" does not exist$/.exec(p.message);
  if (related && existsSync(join(dir, 'faq', `${related[1]}.md`))) {
    return { ...p, message: `related entry "${related[1]}" cannot be loaded (see the errors of faq/${related[1]}.md)`, fix: `fix faq/${related[1]}.md first` };
  }
  return p;
}

/** Reads a FAQ file's front matter again, for line numbers (cached per file). */
function lineReader(dir: string): LinesOf {
  const cache = new Map<string, SplitEntry | undefined>();
  return (e) => {
    if (!cache.has(e.file)) {
      let split: SplitEntry | undefined;
      try {
        split = splitEntry(readFileSync(join(dir, e.file), 'utf8'));
      } catch {
        split = undefined;
      }
      cache.set(e.file, split);
    }
    return cache.get(e.file);
  };
}

/** The label snapshot.ts gives the policy files, which it loads one after the other (first error only). */
const POLICY_LABEL = 'tools.yaml / data-lexicon.yaml';

/** Every problem of the tool catalogue and of the data lexicon, one finding each. */
function policyFileProblems(dir: string): Finding[] {
  const out: Finding[] = [];
  for (const [file, load, check] of [[TOOLS_FILE, loadCatalogue, 'tools'], [LEXICON_FILE, loadLexicon, 'lexicon']] as const) {
    try {
      load(join(dir, file), file);
    } catch (e) {
      if (!(e instanceof PolicyConfigError)) throw e;
      for (const message of e.problems) out.push(finding('error', check, { file, message, fix: `see the comments at the top of ${file}` }));
    }
  }
  return out;
}

/** Paths inside the knowledge folder are shown relative to it, like the FAQ files. */
function shortPath(dir: string, file: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(dir, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/**
 * Everything `kb check` verifies: the loader's validation (schema, duplicate ids, unknown related
 * entries, concepts, tool catalogue, lexicon, directory: errors), then what loads but misleads
 * (confusable entries, stale or imprecise entries, contradictions between files: warnings).
 */
export function runCheck(opts: CheckOptions): CheckResult {
  const { dir } = opts;
  const out: Finding[] = [];
  for (const issue of scanKnowledgeFiles(dir)) {
    out.push(finding('error', issue.kind, { file: issue.file, line: issue.line, message: issue.message, fix: issue.kind === 'encoding' ? UTF8_FIX : 'finish or cancel the edit in your editor, or delete the link' }));
  }
  let base: ReturnType<typeof checkKnowledge>;
  try {
    base = checkKnowledge(dir, opts.directoryFile);
  } catch (e) {
    out.push(finding('error', 'read', { file: dir, message: `cannot read the knowledge: ${(e as Error).message}`, fix: 'fix the file named above, then run kb check again' }));
    return { findings: sortFindings(out), entries: [] };
  }
  // The scan above and the loader word bad bytes alike (src/knowledge/encoding.ts): one line per file.
  const scanned = new Set(out.map((f) => `${f.file}\n${f.message}`));
  for (const p of base.problems) {
    if (p.file === POLICY_LABEL) continue;
    if (scanned.has(`${shortPath(dir, p.file)}\n${p.message}`)) continue;
    out.push(finding('error', classify(p), { ...explain(p, dir), file: shortPath(dir, p.file) }));
  }
  if (base.problems.some((p) => p.file === POLICY_LABEL)) out.push(...policyFileProblems(dir));
  const snapshot = base.snapshot;
  let entries: KbEntry[] = snapshot?.entries ?? [];
  if (!snapshot) {
    try {
      entries = readKnowledgeBase(dir).entries;
    } catch {
      entries = [];
    }
  }
  const linesOf = lineReader(dir);
  out.push(...staleEntries(entries, opts.staleDays, opts.today ?? new Date(), linesOf));
  out.push(...sourceProblems(entries, linesOf));
  out.push(...relatedProblems(entries, linesOf));
  if (snapshot) {
    out.push(...confusionFindings(findConfusions(snapshot.retriever, snapshot.entries, opts.margin ?? DEFAULT_CONFUSION_MARGIN), linesOf));
    out.push(...policyConsistency(snapshot.policy));
    out.push(...directoryConsistency(snapshot.directory, shortPath(dir, opts.directoryFile ?? join(dir, 'ambassadors.yaml'))));
    for (const c of unusedConcepts(snapshot.entries, snapshot.concepts)) {
      out.push(finding('note', 'concepts', { file: 'concepts.yaml', field: `concepts.${c.id}`, message: `concept "${c.id}" is listed by no entry, so its words lead nowhere`, fix: 'add it to the concepts: of the entries that answer it' }));
    }
  } else {
    out.push(finding('note', 'confusable', { file: dir, message: 'confusable entries and consistency between files are checked once the errors above are fixed' }));
  }
  return { findings: sortFindings(out), snapshot, entries };
}
