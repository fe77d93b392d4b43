import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, basename } from 'node:path';
import { parseDocument, isMap, type Document as YamlDocument } from 'yaml';
import { kbFrontMatterSchema } from './schema.js';
import type { KbEntry } from './types.js';

/** One precise problem in a knowledge file, meant for the DTNUM editor. */
export interface KbProblem {
  file: string;
  line?: number;
  field?: string;
  message: string;
  fix?: string;
}

export class KnowledgeError extends Error {
  constructor(readonly problems: KbProblem[]) {
    super(formatProblems(problems));
    this.name = 'KnowledgeError';
  }
}

export function formatProblem(p: KbProblem): string {
  const where = `${p.file}${p.line ? `:${p.line}` : ''}${p.field ? ` [${p.field}]` : ''}`;
  return `${where}: ${p.message}${p.fix ? ` (fix: ${p.fix})` : ''}`;
}

export function formatProblems(problems: KbProblem[]): string {
  return `${problems.length} problem(s) in the knowledge base:\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`;
}

interface ParsedFile {
  entry?: KbEntry;
  problems: KbProblem[];
}

const FENCE = /^---[ \t]*$/;

/** Parses one FAQ file's text. Never throws: every problem is returned. */
export function parseFaqFile(file: string, text: string): ParsedFile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) {
    return {
      problems: [{ file, line: 1, message: 'the file must start with a "---" line opening the front matter', fix: 'add "---", the id/title/questions/sources fields, then "---" before the answer' }],
    };
  }
  const close = lines.findIndex((l, i) => i > 0 && FENCE.test(l));
  if (close < 0) {
    return { problems: [{ file, line: 1, message: 'the front matter is never closed', fix: 'add a "---" line between the fields and the answer' }] };
  }
  const yamlText = lines.slice(1, close).join('\n');
  const body = lines.slice(close + 1).join('\n').trim();
  const doc = parseDocument(yamlText, { uniqueKeys: true, prettyErrors: true });
  const problems: KbProblem[] = [];
  for (const err of doc.errors) {
    const line = err.linePos?.[0]?.line;
    problems.push({ file, line: line ? line + 1 : undefined, message: `invalid YAML: ${err.message.split('\n')[0]}`, fix: 'check indentation, colons and quotes (quote values containing ":" or "#")' });
  }
  if (problems.length) return { problems };
  if (!isMap(doc.contents)) {
    return { problems: [{ file, line: 2, message: 'the front matter must be a list of "key: value" fields' }] };
  }
  const result = kbFrontMatterSchema.safeParse(doc.toJS());
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.path.join('.');
      const unknown = issue.code === 'unrecognized_keys' ? issue.keys : undefined;
      problems.push({
        file,
        line: lineOf(doc, issue.path, unknown?.[0], yamlText),
        field: unknown ? unknown.join(', ') : field || undefined,
        message: unknown ? `unknown field(s): ${unknown.join(', ')}` : issue.message,
        fix: unknown ? 'allowed fields are id, title, questions, tags, concepts, sources, related, updated' : undefined,
      });
    }
  }
  if (!body) problems.push({ file, line: close + 2, message: 'the answer (text after the front matter) is empty', fix: 'write the answer below the closing "---"' });
  if (problems.length || !result.success) return { problems };
  const fm = result.data;
  const expected = basename(file, '.md');
  if (fm.id !== expected) {
    problems.push({ file, line: lineOf(doc, ['id'], undefined, yamlText), field: 'id', message: `id "${fm.id}" differs from the file name`, fix: `rename the file to ${fm.id}.md or set id: ${expected}` });
    return { problems };
  }
  return {
    problems,
    entry: { id: fm.id, title: fm.title, questions: fm.questions, tags: fm.tags, concepts: fm.concepts, sources: fm.sources, updated: fm.updated, related: fm.related, body, file },
  };
}

/** Line (1-based, in the whole file) of a front-matter path, for error messages. */
function lineOf(doc: YamlDocument, path: (string | number)[], key: string | undefined, yamlText: string): number | undefined {
  const target = key ? [...path, key] : path;
  for (let n = target.length; n > 0; n--) {
    const node = doc.getIn(target.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return yamlText.slice(0, node.range[0]).split('\n').length + 1;
    if (key && n === target.length) {
      const m = new RegExp(`^${key}\\s*:`, 'm').exec(yamlText);
      if (m) return yamlText.slice(0, m.index).split('\n').length + 1;
    }
  }
  return undefined;
}

/** Cross-file checks: duplicate ids, dangling `related` references. */
export function checkEntries(entries: KbEntry[]): KbProblem[] {
  const problems: KbProblem[] = [];
  const byId = new Map<string, KbEntry>();
  for (const e of entries) {
    const prev = byId.get(e.id);
    if (prev) problems.push({ file: e.file, field: 'id', message: `duplicate id "${e.id}" (also in ${prev.file})`, fix: 'give each entry its own id' });
    else byId.set(e.id, e);
  }
  for (const e of entries) {
    for (const r of e.related) {
      if (!byId.has(r)) problems.push({ file: e.file, field: 'related', message: `related entry "${r}" does not exist`, fix: 'use the id of an existing entry or remove it' });
      if (r === e.id) problems.push({ file: e.file, field: 'related', message: 'an entry cannot be related to itself' });
    }
  }
  return problems;
}

export interface LoadResult {
  entries: KbEntry[];
  problems: KbProblem[];
}

/** Reads every `faq/*.md` under the knowledge dir; collects all problems instead of stopping at the first. */
export function readKnowledgeBase(knowledgeDir: string): LoadResult {
  const faqDir = join(knowledgeDir, 'faq');
  if (!existsSync(faqDir)) {
    return { entries: [], problems: [{ file: faqDir, message: 'the FAQ folder does not exist', fix: 'set KNOWLEDGE_DIR to a folder containing faq/*.md' }] };
  }
  // Hidden files are editors' locks and temporaries (emacs ".#x.md"), never entries.
  const files = readdirSync(faqDir).filter((f) => f.endsWith('.md') && !f.startsWith('.')).sort();
  const entries: KbEntry[] = [];
  const problems: KbProblem[] = [];
  for (const f of files) {
    const rel = join('faq', f);
    const parsed = parseFaqFile(rel, readFileSync(join(faqDir, f), 'utf8'));
    problems.push(...parsed.problems);
    if (parsed.entry) entries.push(parsed.entry);
  }
  if (files.length === 0) problems.push({ file: faqDir, message: 'no .md entry found' });
  problems.push(...checkEntries(entries));
  return { entries, problems };
}

/** Loads the knowledge base or throws a KnowledgeError listing every problem (start-up fails fast). */
export function loadKnowledgeBase(knowledgeDir: string): KbEntry[] {
  const { entries, problems } = readKnowledgeBase(knowledgeDir);
  if (problems.length) throw new KnowledgeError(problems);
  return entries;
}
