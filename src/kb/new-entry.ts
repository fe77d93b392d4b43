import { existsSync, linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFaqFile, readKnowledgeBase, formatProblem } from '../knowledge/loader.js';
import type { KbSource } from '../knowledge/types.js';
import { decodeUtf8, describeBadBytes } from './encoding.js';
import { entryMarkdown, tempNameFor, type EntryFields } from './entry-file.js';
import { readConcepts } from './entries.js';
import { parseSource } from './source-text.js';
import { Prompter } from './prompter.js';
import { runCheck } from './check.js';
import { staleDaysOf } from './check-command.js';
import { formatFinding } from './findings.js';
import { err, out, type KbContext } from './context.js';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const splitList = (values: readonly string[] | undefined) => (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);

interface Draft {
  id?: string;
  title?: string;
  questions: string[];
  sources: string[];
  concepts: string[];
  tags: string[];
  related: string[];
  body?: string;
}

/** Problem with an id for a new entry, or undefined when it is free and well-formed. */
function idProblem(id: string, taken: Set<string>, faqDir: string): string | undefined {
  if (!KEBAB.test(id)) return `id "${id}" must be kebab-case: lower-case letters, digits and dashes (e.g. mirai-acces)`;
  if (taken.has(id) || existsSync(join(faqDir, `${id}.md`))) return `id "${id}" is already taken (faq/${id}.md exists): choose another id, or edit that file`;
  return undefined;
}

/** Fills what the flags left out by asking on the terminal; false when the input ended. */
async function promptMissing(d: Draft, p: Prompter, known: { taken: Set<string>; concepts: Set<string>; faqDir: string }): Promise<boolean> {
  p.say('New FAQ entry (leave an optional field empty to skip it).');
  while (!d.id || idProblem(d.id, known.taken, known.faqDir)) {
    if (d.id) p.say(`  ${idProblem(d.id, known.taken, known.faqDir)}`);
    const id = await p.ask('Id (kebab-case, e.g. mirai-acces): ');
    if (id === undefined) return false;
    d.id = id.trim();
  }
  while (!d.title || d.title.trim().length < 5) {
    const t = await p.ask('Title (the question as the bot shows it, 5 characters or more): ');
    if (t === undefined) return false;
    d.title = t.trim();
  }
  const lists: [keyof Pick<Draft, 'questions' | 'sources' | 'concepts' | 'tags' | 'related'>, string, number, ((s: string) => string | undefined)?][] = [
    ['questions', 'Phrasings: the ways agents ask the question, one per line (an empty line ends the list)', 1, (s) => (s.length < 3 ? 'a phrasing must be a real question' : undefined)],
    ['sources', 'Sources, one per line, as "doc | section | label" (e.g. circulaire | § 2 | Circulaire de diffusion de la charte, § 2); an empty line ends the list', 1, (s) => { const r = parseSource(s); return typeof r === 'string' ? r : undefined; }],
    ['concepts', 'Concepts this entry answers (ids from concepts.yaml), one per line; an empty line ends the list', 0, (s) => (known.concepts.has(s) ? undefined : `concept "${s}" is not defined in concepts.yaml`)],
    ['tags', 'Tags, one per line; an empty line ends the list', 0],
    ['related', 'Related entries (ids), one per line; an empty line ends the list', 0, (s) => (known.taken.has(s) ? undefined : `entry "${s}" does not exist`)],
  ];
  for (const [field, question, min, check] of lists) {
    if (d[field].length) continue;
    const list = await p.askList(question, { check, min });
    if (!list) return false;
    d[field] = list;
  }
  if (!d.body?.trim()) {
    const body = await p.askText('Answer, in French (several lines allowed; end with a line holding only a dot "."):');
    if (body === undefined) return false;
    d.body = body;
  }
  return true;
}

/**
 * Puts the finished temporary file in place without ever replacing an existing one: a hard link
 * fails if the target exists; where the file system has no hard links, a rename after a check.
 */
function publishWithoutOverwrite(temp: string, target: string): void {
  try {
    linkSync(temp, target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw e;
    if (existsSync(target)) throw Object.assign(new Error('the file exists already'), { code: 'EEXIST' });
    renameSync(temp, target);
  }
}

/** `kb new`: writes a well-formed entry file in faq/, never overwriting, never half-written. */
export async function newCommand(ctx: KbContext): Promise<number> {
  const v = ctx.values;
  const faqDir = join(ctx.dir, 'faq');
  if (!existsSync(faqDir)) {
    err(ctx, `kb new: the FAQ folder ${faqDir} does not exist (check --knowledge or KNOWLEDGE_DIR)`);
    return 1;
  }
  const existing = readKnowledgeBase(ctx.dir).entries;
  const taken = new Set(existing.map((e) => e.id));
  let body = v.body;
  if (v['body-file']) {
    let buf: Buffer;
    try {
      buf = readFileSync(v['body-file']);
    } catch (e) {
      err(ctx, `kb new: cannot read --body-file ${v['body-file']}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return 1;
    }
    const decoded = decodeUtf8(buf);
    if ('error' in decoded) {
      err(ctx, `kb new: --body-file ${v['body-file']} is ${describeBadBytes(decoded.error)}; save it as UTF-8`);
      return 1;
    }
    body = decoded.text.replace(/\r\n?/g, '\n');
  }
  const draft: Draft = { id: v.id, title: v.title, questions: v.question ?? [], sources: v.source ?? [], concepts: splitList(v.concept), tags: splitList(v.tag), related: splitList(v.related), body };
  const complete = () => draft.id && draft.title && draft.questions.length && draft.sources.length && draft.body?.trim();
  const interactive = ctx.io.interactive ?? ctx.io.stdin.isTTY === true;
  if (!complete() && interactive) {
    const p = new Prompter(ctx.io);
    try {
      if (!(await promptMissing(draft, p, { taken, concepts: new Set(readConcepts(ctx.dir).map((c) => c.id)), faqDir }))) {
        err(ctx, 'kb new: input ended before the entry was complete; nothing written');
        return 1;
      }
    } finally {
      p.close();
    }
  }
  const problems: string[] = [];
  if (!draft.id) problems.push('--id is missing (kebab-case, e.g. mirai-acces)');
  else {
    const bad = idProblem(draft.id, taken, faqDir);
    if (bad) problems.push(bad);
  }
  if (!draft.title) problems.push('--title is missing (the question as the bot shows it)');
  if (!draft.questions.length) problems.push('--question is missing (repeat it for each way agents ask the question)');
  if (!draft.sources.length) problems.push('--source is missing (e.g. --source "circulaire | § 2 | Circulaire de diffusion de la charte, § 2")');
  if (!draft.body?.trim()) problems.push('the answer is missing (--body TEXT or --body-file FILE)');
  const sources: KbSource[] = [];
  for (const s of draft.sources) {
    const parsed = parseSource(s);
    if (typeof parsed === 'string') problems.push(parsed);
    else sources.push(parsed);
  }
  const known = new Set(readConcepts(ctx.dir).map((c) => c.id));
  for (const c of draft.concepts) if (!known.has(c)) problems.push(`concept "${c}" is not defined in concepts.yaml`);
  for (const r of draft.related) if (!taken.has(r)) problems.push(`related entry "${r}" does not exist`);
  if (problems.length) {
    const missing = problems.some((p) => / is missing/.test(p));
    err(ctx, `kb new: nothing written:\n${problems.map((p) => `  - ${p}`).join('\n')}${missing && !interactive ? '\n(run it on a terminal to be asked for the missing fields)' : ''}`);
    return 1;
  }
  const fields: EntryFields = {
    id: draft.id!,
    title: draft.title!.trim(),
    questions: draft.questions.map((x) => x.trim()),
    tags: draft.tags,
    concepts: draft.concepts,
    sources,
    related: draft.related,
    updated: ctx.today.toISOString().slice(0, 10),
    body: draft.body!.trim(),
  };
  const text = entryMarkdown(fields);
  const rel = join('faq', `${fields.id}.md`);
  const parsed = parseFaqFile(rel, text);
  if (parsed.problems.length || !parsed.entry) {
    err(ctx, `kb new: nothing written:\n${parsed.problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
    return 1;
  }
  const target = join(ctx.dir, rel);
  const temp = tempNameFor(target);
  try {
    writeFileSync(temp, text, { flag: 'wx' });
    try {
      publishWithoutOverwrite(temp, target);
    } finally {
      if (existsSync(temp)) unlinkSync(temp);
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    err(ctx, `kb new: cannot create ${target}: ${code === 'EEXIST' ? 'the file exists already' : (code ?? (e as Error).message)}; nothing written`);
    return 1;
  }
  out(ctx, `created ${target}`);
  const staleDays = staleDaysOf(ctx);
  const check = runCheck({ dir: ctx.dir, directoryFile: ctx.directoryFile, staleDays: typeof staleDays === 'number' ? staleDays : 365, today: ctx.today });
  const mine = check.findings.filter((f) => f.file === rel || f.message.includes(`"${fields.id}"`));
  const errors = check.findings.filter((f) => f.severity === 'error').length;
  if (mine.length) out(ctx, `kb check on the new entry:\n${mine.map(formatFinding).join('\n')}`);
  else out(ctx, 'kb check: no problem with the new entry');
  if (errors) err(ctx, `the knowledge folder has ${errors} error(s) (run "charte-ia kb check")`);
  return errors ? 1 : 0;
}
