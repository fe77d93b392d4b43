import type { Analyzer } from '../knowledge/analyzer.js';
import type { QuestionGroup } from './model.js';
import { parisDay } from './days.js';

/**
 * Groups similar questions with the project's French analyser (stems, stop words, synonyms): a
 * question joins the group whose stem profile (how many of its questions have each stem) is closest
 * by cosine, if at least MIN_SIMILARITY, else it starts a group. Stems are weighted by inverse
 * document frequency over the knowledge texts, so the words of the whole domain
 * (« IA », « ministère », « utiliser ») count little and the topic words (« budget », « DeepL »)
 * much. Greedy, one pass in time order: the same questions always give the same groups. Questions
 * with no meaningful word (« ??? », « et alors ») are grouped only with the same text.
 */

export interface LoggedQuestion {
  question: string;
  confidence: number;
  at: number;
}

/** Cosine between a question's stems and a group's profile needed to join the group. */
export const MIN_SIMILARITY = 0.5;
/** Phrasings kept per group besides the representative. */
export const MAX_EXAMPLES = 3;
/** Placeholders left by the privacy shield ([NOM], [EMAIL]…): they say nothing about the topic. */
const PLACEHOLDER = /\[[^\]\s]{1,30}\]/gu;

interface Member {
  q: LoggedQuestion;
  stems: Set<string>;
  key: string;
}

interface Cluster {
  members: Member[];
  /** Per stem: how many members have it. */
  profile: Map<string, number>;
  /** Squared norm of the weighted profile. */
  norm2: number;
}

type Weights = (stem: string) => number;

/** Stems in more than this share of the texts weigh less (as the share grows); rarer stems weigh 1. */
const COMMON_SHARE = 0.2;
const MIN_WEIGHT = 0.05;

/**
 * Weight of a stem from its document frequency over the domain texts `docs`: 1 up to COMMON_SHARE
 * of the texts, then falling with the inverse document frequency. Rare words do not weigh more than
 * topic words (two phrasings of one question seldom share their rare words), and the questions
 * themselves are not counted: words shared by many questions are what makes them a group. Without
 * domain texts every stem weighs 1.
 */
function domainWeights(docs: readonly Set<string>[]): Weights {
  if (!docs.length) return () => 1;
  const df = new Map<string, number>();
  for (const d of docs) for (const s of d) df.set(s, (df.get(s) ?? 0) + 1);
  const n = docs.length;
  const full = Math.log(1 / COMMON_SHARE);
  return (s) => Math.max(MIN_WEIGHT, Math.min(1, Math.log((n + 1) / ((df.get(s) ?? 0) + 1)) / full));
}

function exactKey(analyzer: Analyzer, text: string): string {
  return analyzer.fold(text).replace(/\s+/g, ' ').trim();
}

function similarity(stems: Set<string>, c: Cluster, w: Weights): number {
  let dot = 0;
  let self = 0;
  for (const s of stems) {
    const ws = w(s);
    dot += ws * ws * (c.profile.get(s) ?? 0);
    self += ws * ws;
  }
  return dot <= 0 ? 0 : dot / (Math.sqrt(self) * Math.sqrt(c.norm2));
}

function add(c: Cluster, member: Member, w: Weights): void {
  c.members.push(member);
  for (const s of member.stems) {
    const n = c.profile.get(s) ?? 0;
    const ws = w(s);
    c.profile.set(s, n + 1);
    c.norm2 += ws * ws * (2 * n + 1);
  }
}

function toGroup(c: Cluster, w: Weights): QuestionGroup {
  const frequency = new Map<string, number>();
  for (const m of c.members) frequency.set(m.key, (frequency.get(m.key) ?? 0) + 1);
  // The most central question; ties: the most asked text, then the earliest.
  let best = c.members[0]!;
  let bestScore = -1;
  for (const m of c.members) {
    const score = m.stems.size ? similarity(m.stems, c, w) : 1;
    if (score > bestScore + 1e-9 || (Math.abs(score - bestScore) <= 1e-9 && (frequency.get(m.key) ?? 0) > (frequency.get(best.key) ?? 0))) {
      best = m;
      bestScore = score;
    }
  }
  const seen = new Set([best.key]);
  const examples: string[] = [];
  for (const m of [...c.members].reverse()) {
    if (examples.length >= MAX_EXAMPLES) break;
    if (seen.has(m.key)) continue;
    seen.add(m.key);
    examples.push(m.q.question);
  }
  const times = c.members.map((m) => m.q.at);
  return {
    representative: best.q.question,
    count: c.members.length,
    first: parisDay(Math.min(...times)),
    last: parisDay(Math.max(...times)),
    examples,
    bestConfidence: Math.max(...c.members.map((m) => m.q.confidence)),
  };
}

const stemsOf = (analyzer: Analyzer, text: string) => new Set(analyzer.tokens(text.replace(PLACEHOLDER, ' ')));

/**
 * Groups of similar questions, largest first (then most recent, then alphabetical). `background`:
 * texts of the domain (the knowledge entries) that tell which words are common to every question.
 */
export function groupQuestions(questions: readonly LoggedQuestion[], analyzer: Analyzer, background: readonly string[] = []): QuestionGroup[] {
  const ordered = [...questions].sort((a, b) => a.at - b.at || (a.question < b.question ? -1 : a.question > b.question ? 1 : 0));
  const members: Member[] = ordered.map((q) => ({ q, stems: stemsOf(analyzer, q.question), key: exactKey(analyzer, q.question) }));
  const w = domainWeights(background.map((t) => stemsOf(analyzer, t)));
  const clusters: Cluster[] = [];
  const byStem = new Map<string, number[]>();
  const byText = new Map<string, Cluster>();
  for (const member of members) {
    const { stems, key } = member;
    if (!stems.size) {
      const same = byText.get(key) ?? { members: [], profile: new Map(), norm2: 0 };
      if (!byText.has(key)) {
        byText.set(key, same);
        clusters.push(same);
      }
      add(same, member, w);
      continue;
    }
    const candidates = new Set<number>();
    for (const s of stems) for (const i of byStem.get(s) ?? []) candidates.add(i);
    let chosen = -1;
    let best = 0;
    for (const i of [...candidates].sort((a, b) => a - b)) {
      const sim = similarity(stems, clusters[i]!, w);
      if (sim > best + 1e-9) {
        best = sim;
        chosen = i;
      }
    }
    if (chosen < 0 || best < MIN_SIMILARITY - 1e-9) {
      chosen = clusters.length;
      clusters.push({ members: [], profile: new Map(), norm2: 0 });
    }
    const c = clusters[chosen]!;
    for (const s of stems) if (!c.profile.has(s)) byStem.set(s, [...(byStem.get(s) ?? []), chosen]);
    add(c, member, w);
  }
  return clusters
    .map((c) => toGroup(c, w))
    .sort((a, b) => b.count - a.count || (a.last < b.last ? 1 : a.last > b.last ? -1 : 0) || a.representative.localeCompare(b.representative, 'fr'));
}
