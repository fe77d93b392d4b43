import { existsSync, watch, type FSWatcher } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Logger } from 'pino';
import { readKnowledgeBase, checkEntries, formatProblem, KnowledgeError, type KbProblem } from './loader.js';
import { loadTopics, type OutOfScopeTopic } from './topics.js';
import { loadSynonyms } from './synonyms.js';
import { loadConcepts, checkEntryConcepts, type Concept } from './concepts.js';
import { CharterRetriever } from './retriever.js';
import { DEFAULT_CONFIDENCE_THRESHOLD } from './confidence.js';
import type { KbEntry } from './types.js';
import { loadPolicy, type Policy } from '../policy/index.js';
import { loadPrivacyShield, type PrivacyShield } from '../privacy/shield.js';
import { loadDirectory, DirectoryError, type Directory } from '../escalation/directory.js';
import { encodingProblems } from './encoding.js';

/**
 * Everything DTNUM edits, loaded and validated together: FAQ entries and their index, synonyms,
 * out-of-scope topics, tool catalogue and data lexicon, privacy lists. A snapshot is immutable;
 * a reload builds a new one and swaps it in only if every file is valid.
 */
export interface KnowledgeSnapshot {
  dir: string;
  loadedAt: number;
  entries: KbEntry[];
  byId: Map<string, KbEntry>;
  retriever: CharterRetriever;
  concepts: Concept[];
  threshold: number;
  topics: OutOfScopeTopic[];
  policy: Policy;
  shield: PrivacyShield;
  directory: Directory;
}

export const KNOWLEDGE_FILES = {
  synonyms: 'synonyms.yaml',
  concepts: 'concepts.yaml',
  topics: 'hors-perimetre.yaml',
  ambassadors: 'ambassadors.yaml',
} as const;

/** Runs one loader, turning its error into a problem for `kb check` instead of stopping at the first. */
function attempt<T>(file: string, problems: KbProblem[], load: () => T): T | undefined {
  try {
    return load();
  } catch (e) {
    if (e instanceof KnowledgeError) problems.push(...e.problems);
    else problems.push({ file, message: (e as Error).message });
    return undefined;
  }
}

/** A FAQ entry that is not (yet) in faq/, checked together with the others (a draft being published). */
export interface ExtraEntry {
  /** Parsed entry; its `file` is where it will live, e.g. "faq/mon-entree.md". */
  entry: KbEntry;
}

/**
 * Validates every knowledge file and returns all problems (empty when everything is valid).
 * `extra` entries are validated as if they were already in faq/ (publishing a draft).
 */
export function checkKnowledge(dir: string, directoryFile?: string, extra: ExtraEntry[] = []): { problems: KbProblem[]; snapshot?: KnowledgeSnapshot } {
  // Bytes first: a file saved as Latin-1 is reported as such, not as the odd errors it causes further on.
  const encoding = encodingProblems(dir, directoryFile ? [directoryFile] : []);
  if (encoding.length) {
    // The other files are still checked, so that one pass lists everything; the badly encoded
    // files' own consequences (odd characters, parse errors) are left out.
    const bad = new Set(encoding.map((p) => p.file));
    return { problems: [...encoding, ...checkKnowledgeFiles(dir, directoryFile, extra).problems.filter((p) => !bad.has(p.file))] };
  }
  return checkKnowledgeFiles(dir, directoryFile, extra);
}

function checkKnowledgeFiles(dir: string, directoryFile: string | undefined, extra: ExtraEntry[]): { problems: KbProblem[]; snapshot?: KnowledgeSnapshot } {
  const problems: KbProblem[] = [];
  let kb: { entries: KbEntry[]; problems: KbProblem[] };
  try {
    kb = readKnowledgeBase(dir);
  } catch (e) {
    // A file removed or renamed between listing and reading (an editor saving): refused, the next event reloads.
    const err = e as NodeJS.ErrnoException;
    const file = err.path ? err.path.replace(`${dir}/`, '') : 'faq/';
    return { problems: [{ file, message: `the file changed while it was read (${err.code ?? err.message})`, fix: 'wait for the save to finish; the bot reloads by itself' }] };
  }
  if (extra.length) {
    // Cross-entry checks are redone with the extra entries (their ids may be duplicates or targets of `related`).
    const entries = [...kb.entries, ...extra.map((x) => x.entry)];
    const crossBefore = new Set(checkEntries(kb.entries).map(formatProblem));
    kb = { entries, problems: [...kb.problems.filter((p) => !crossBefore.has(formatProblem(p))), ...checkEntries(entries)] };
  }
  problems.push(...kb.problems);
  const synonymsFile = join(dir, KNOWLEDGE_FILES.synonyms);
  const synonyms = existsSync(synonymsFile) ? attempt(KNOWLEDGE_FILES.synonyms, problems, () => loadSynonyms(synonymsFile)) : [];
  const conceptsFile = join(dir, KNOWLEDGE_FILES.concepts);
  const concepts = existsSync(conceptsFile) ? loadConcepts(conceptsFile, KNOWLEDGE_FILES.concepts) : { concepts: [], problems: [] };
  problems.push(...concepts.problems, ...checkEntryConcepts(kb.entries, concepts.concepts, KNOWLEDGE_FILES.concepts));
  const topicsFile = join(dir, KNOWLEDGE_FILES.topics);
  const topics = existsSync(topicsFile) ? attempt(KNOWLEDGE_FILES.topics, problems, () => loadTopics(topicsFile)) : [];
  const policy = attempt('tools.yaml / data-lexicon.yaml', problems, () => loadPolicy(dir));
  const shield = attempt('privacy/', problems, () => loadPrivacyShield(dir));
  const directoryPath = directoryFile ?? join(dir, KNOWLEDGE_FILES.ambassadors);
  let directory: Directory | undefined;
  try {
    directory = loadDirectory(directoryPath);
  } catch (e) {
    if (e instanceof DirectoryError) problems.push(...e.problems.map((message) => ({ file: e.file, message })));
    else problems.push({ file: directoryPath, message: (e as Error).message });
  }
  if (problems.length || !synonyms || !topics || !policy || !shield || !directory) return { problems };
  const retriever = CharterRetriever.fromEntries(kb.entries, { synonyms, concepts: concepts.concepts });
  for (const { concept, word } of retriever.emptyConceptWords) {
    problems.push({ file: KNOWLEDGE_FILES.concepts, field: `concepts.${concept}`, message: `"${word}" has only stop words, so it can never match`, fix: 'use a meaningful word or expression' });
  }
  if (problems.length) return { problems };
  return {
    problems,
    snapshot: {
      dir,
      loadedAt: Date.now(),
      entries: kb.entries,
      byId: new Map(kb.entries.map((e) => [e.id, e])),
      retriever,
      concepts: concepts.concepts,
      threshold: DEFAULT_CONFIDENCE_THRESHOLD,
      topics,
      policy,
      shield,
      directory,
    },
  };
}

/** Loads the knowledge or throws a KnowledgeError listing every problem (start-up fails fast). */
export function loadKnowledge(dir: string, threshold?: number, directoryFile?: string): KnowledgeSnapshot {
  const { problems, snapshot } = checkKnowledge(dir, directoryFile);
  if (!snapshot) throw new KnowledgeError(problems);
  return threshold === undefined ? snapshot : { ...snapshot, threshold };
}

/** What one reload did, for listeners (the DTNUM admin notifier, tests). */
export interface ReloadOutcome {
  ok: boolean;
  problems: KbProblem[];
  /** Identifies a failure: the same problems give the same signature (one message per distinct failure). */
  signature: string;
  /**
   * False for a refusal that may be an editor's save in progress (a watch event): the watcher checks
   * again once the files have been quiet for `settleMs` and that outcome is settled.
   */
  settled: boolean;
  entries: number;
}

export interface WatchOptions {
  /** Quiet time after the last file event before reloading (editors write in bursts). */
  debounceMs?: number;
  /** Quiet time after a refused reload before checking again and settling the refusal. */
  settleMs?: number;
  /** Absolute folders whose changes are not knowledge (knowledge/drafts/). */
  ignore?: string[];
}

/** Editors' temporary and backup files (vim, emacs, JetBrains, VS Code, LibreOffice), never knowledge. */
const EDITOR_NOISE = /(?:^|\/)(?:\.[^/]*|[^/]*~|[^/]*\.(?:swp|swx|swo|tmp|bak|part|crdownload)|4913|___jb_\w+___)$/i;

/**
 * Holds the current snapshot and reloads it live when a file changes. A reload builds a complete
 * new snapshot before swapping one reference, so a reader gets the old or the new knowledge, never a
 * mix. An invalid edit is refused, logged with every problem, and the previous knowledge keeps serving.
 */
export class LiveKnowledge {
  private snapshot: KnowledgeSnapshot;
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;
  private recheck?: NodeJS.Timeout;
  private rewatch?: NodeJS.Timeout;
  private readonly listeners: ((o: ReloadOutcome) => void)[] = [];
  private lastLogged?: string;

  constructor(
    readonly dir: string,
    private readonly logger: Logger,
    private readonly threshold?: number,
    /** The ambassador directory when it is not <dir>/ambassadors.yaml. */
    readonly directoryFile?: string,
  ) {
    this.snapshot = loadKnowledge(dir, threshold, directoryFile);
  }

  current(): KnowledgeSnapshot {
    return this.snapshot;
  }

  /** Called after every reload, valid or refused. */
  onReload(listener: (o: ReloadOutcome) => void): void {
    this.listeners.push(listener);
  }

  /** Reloads now; returns the problems (empty when the new knowledge is in service). Never throws. */
  reload(): KbProblem[] {
    return this.reloadAs(true).problems;
  }

  private reloadAs(settled: boolean): ReloadOutcome {
    let problems: KbProblem[];
    let snapshot: KnowledgeSnapshot | undefined;
    try {
      ({ problems, snapshot } = checkKnowledge(this.dir, this.directoryFile));
    } catch (e) {
      problems = [{ file: this.dir, message: `unexpected error while loading: ${(e as Error).message}` }];
    }
    let outcome: ReloadOutcome;
    if (snapshot) {
      this.snapshot = this.threshold === undefined ? snapshot : { ...snapshot, threshold: this.threshold };
      this.lastLogged = undefined;
      this.logger.info({ entries: snapshot.entries.length }, 'knowledge reloaded');
      outcome = { ok: true, problems: [], signature: '', settled: true, entries: snapshot.entries.length };
    } else {
      if (!problems.length) problems = [{ file: this.dir, message: 'the knowledge could not be loaded' }];
      const signature = problems.map(formatProblem).sort().join('\n');
      const details = problems.slice(0, 20).map(formatProblem);
      if (!settled) {
        this.logger.warn({ problems: problems.length, details }, 'knowledge reload refused (an edit may be in progress; checking again shortly), previous knowledge kept');
      } else if (signature !== this.lastLogged) {
        this.lastLogged = signature;
        this.logger.error({ problems: problems.length, details }, 'knowledge reload rejected, previous knowledge kept');
      } else {
        this.logger.debug({ problems: problems.length }, 'knowledge reload rejected again (same problems)');
      }
      outcome = { ok: false, problems, signature, settled, entries: this.snapshot.entries.length };
    }
    for (const listener of this.listeners) {
      try {
        listener(outcome);
      } catch (e) {
        this.logger.error({ err: (e as Error).message }, 'knowledge reload listener failed');
      }
    }
    return outcome;
  }

  /** Watches the knowledge folder (debounced, editor noise and ignored folders skipped); safe to call once. */
  watch(options: WatchOptions | number = {}): void {
    if (this.watcher) return;
    const o = typeof options === 'number' ? { debounceMs: options } : options;
    const debounceMs = o.debounceMs ?? 300;
    const settleMs = o.settleMs ?? 2_000;
    const ignore = (o.ignore ?? []).map((d) => relative(this.dir, d)).filter((r) => r && !r.startsWith('..') && !isAbsolute(r));
    const relevant = (name: string | null) => {
      if (!name) return true;
      const n = name.split(sep).join('/');
      return !EDITOR_NOISE.test(n) && !ignore.some((r) => n === r || n.startsWith(`${r.split(sep).join('/')}/`));
    };
    const run = () => {
      clearTimeout(this.recheck);
      const outcome = this.reloadAs(false);
      // A refusal may be a half-written file: check again once things are quiet, and settle it then.
      if (!outcome.ok) this.recheck = setTimeout(() => this.reloadAs(true), settleMs);
    };
    try {
      this.watcher = watch(this.dir, { recursive: true }, (_event, name) => {
        if (!relevant(name)) return;
        clearTimeout(this.recheck);
        clearTimeout(this.timer);
        this.timer = setTimeout(run, debounceMs);
      });
      this.watcher.on('error', (e) => {
        this.logger.warn({ err: e.message }, 'knowledge watcher stopped; watching again in 5 s');
        this.watcher?.close();
        this.watcher = undefined;
        this.rewatch = setTimeout(() => {
          this.watch(o);
          this.timer = setTimeout(run, debounceMs);
        }, 5_000);
        this.rewatch.unref();
      });
    } catch (e) {
      this.logger.warn({ err: (e as Error).message }, 'cannot watch the knowledge folder; live reload disabled');
    }
  }

  close(): void {
    clearTimeout(this.timer);
    clearTimeout(this.recheck);
    clearTimeout(this.rewatch);
    this.watcher?.close();
    this.watcher = undefined;
  }
}
