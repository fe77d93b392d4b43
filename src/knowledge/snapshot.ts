import { existsSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { readKnowledgeBase, KnowledgeError, type KbProblem } from './loader.js';
import { loadTopics, type OutOfScopeTopic } from './topics.js';
import { loadSynonyms } from './synonyms.js';
import { loadConcepts, checkEntryConcepts, type Concept } from './concepts.js';
import { CharterRetriever } from './retriever.js';
import { DEFAULT_CONFIDENCE_THRESHOLD } from './confidence.js';
import type { KbEntry } from './types.js';
import { loadPolicy, type Policy } from '../policy/index.js';
import { loadPrivacyShield, type PrivacyShield } from '../privacy/shield.js';
import { loadDirectory, DirectoryError, type Directory } from '../escalation/directory.js';

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

/** Validates every knowledge file and returns all problems (empty when everything is valid). */
export function checkKnowledge(dir: string, directoryFile?: string): { problems: KbProblem[]; snapshot?: KnowledgeSnapshot } {
  const problems: KbProblem[] = [];
  const kb = readKnowledgeBase(dir);
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

/**
 * Holds the current snapshot and reloads it live when a file changes. An invalid edit is logged
 * with every problem and the previous, valid knowledge keeps serving.
 */
export class LiveKnowledge {
  private snapshot: KnowledgeSnapshot;
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;

  constructor(
    readonly dir: string,
    private readonly logger: Logger,
    private readonly threshold?: number,
    private readonly directoryFile?: string,
  ) {
    this.snapshot = loadKnowledge(dir, threshold, directoryFile);
  }

  current(): KnowledgeSnapshot {
    return this.snapshot;
  }

  /** Reloads now; returns the problems (empty when the new knowledge is in service). */
  reload(): KbProblem[] {
    const { problems, snapshot } = checkKnowledge(this.dir, this.directoryFile);
    if (!snapshot) {
      this.logger.error({ problems: problems.length, details: problems.slice(0, 20) }, 'knowledge reload rejected, previous knowledge kept');
      return problems;
    }
    this.snapshot = this.threshold === undefined ? snapshot : { ...snapshot, threshold: this.threshold };
    this.logger.info({ entries: snapshot.entries.length }, 'knowledge reloaded');
    return [];
  }

  /** Watches the knowledge folder (debounced); safe to call once. */
  watch(debounceMs = 300): void {
    if (this.watcher) return;
    try {
      this.watcher = watch(this.dir, { recursive: true }, () => {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.reload(), debounceMs);
      });
      this.watcher.on('error', (e) => this.logger.warn({ err: e.message }, 'knowledge watcher stopped'));
    } catch (e) {
      this.logger.warn({ err: (e as Error).message }, 'cannot watch the knowledge folder; live reload disabled');
    }
  }

  close(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
  }
}
