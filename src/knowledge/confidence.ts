/**
 * Calibrated confidence of a retrieval hit, in [0, 1].
 *
 * The question is first focused (focus.ts): frames, greetings and politeness removed; the
 * question sentence weighs 1, the sentences around it 0.5. Each distinct word is a unit whose
 * mass is its idf in the knowledge base times its informativeness in everyday French
 * (general-french.ts: "plutôt" ≈ 0.1, "budget" ≈ 0.5, a word absent from everyday French 1) and
 * times 0.3 for general words ("trouver", "type"). A word no entry knows has the mass of a rare
 * word times `UNKNOWN_WORD_SHARE`.
 *
 * Four signals, each in [0, 1]:
 *   coverage  C = matched / (matched + against), where matched = Σ mass·quality over the units
 *               the entry matches (quality 1 exact, 0.7 / 0.5 typo-tolerant, 0.85 through a
 *               concept the entry answers) and against = what the entry leaves out of the
 *               question sentence: each unknown word fully, each word the KB knows elsewhere for
 *               half (retriever.ts, `KNOWN_MISS_FACTOR`), context sentences not at all.
 *               "How much of what is asked does this entry cover?"
 *   strength  S = clamp((R − 0.5) / 0.5), R = score / ideal, ideal = the score of an entry having
 *               every query unit once in its title and questions (or listing its concept).
 *               "Does it match where the entry states its subject?"
 *   subject   share of the matched information found in the title, phrasings, tags, bold key
 *               facts or concepts rather than in the body alone.
 *   margin    M = (score − next score) / score for the top hit (0 for the others).
 *
 *   confidence = C^1.5 · (0.3 + 0.7·S) · (0.5 + 0.5·subject) · (0.95 + 0.05·M)
 *
 * then, in the retriever, × 0.7 when the entry's subject does not name the word the question asks
 * for (« quel **budget** »), × 0.4 when no entry knows that word, × 0.5 when the entry cannot hold
 * the kind of answer asked (a date for « quand », a number for « combien »).
 *
 * Coverage dominates: an off-topic question carries informative words no entry covers. Strength
 * and subject stop a question from passing on a passing mention in a body ("mot de passe oublié"
 * against an entry that says "ne confiez pas vos mots de passe"). The margin only breaks ties.
 * The threshold is calibrated by `npm run eval`, which prints the trade-off (answered correctly /
 * wrongly / declined, and unanswerable questions declined) for a range of thresholds.
 */

/** Below this confidence the bot says it is not sure and offers a human. */
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.1;

const COVERAGE_EXPONENT = 1.5;
const STRENGTH_FLOOR = 0.3;
/** Score / ideal ratio at which the strength signal starts (a lone mention in a body). */
const STRENGTH_START = 0.5;
const MARGIN_FLOOR = 0.95;
/** An entry that matches the question only in its body keeps this share of its confidence. */
const SUBJECT_FLOOR = 0.5;
/** Mass of an unknown word of the question, as a share of the idf of a word found in a single entry. */
export const UNKNOWN_WORD_SHARE = 0.8;

export interface ConfidenceSignals {
  /** Query information matched by the entry / total query information. */
  coverage: number;
  /** Entry score / ideal score for the query (R, may exceed 1). */
  strength: number;
  /** Relative lead over the next hit (0 for hits other than the first). */
  margin: number;
  /**
   * Share of the matched information found where the entry states its subject (title,
   * phrasings, tags, concepts) rather than in its body alone; 1 when unknown.
   */
  subject?: number;
}

const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/** Combines the three signals (see the formula at the top of this file). */
export function combineConfidence(s: ConfidenceSignals): number {
  const c = clamp01(s.coverage);
  const strength = clamp01((s.strength - STRENGTH_START) / (1 - STRENGTH_START));
  const m = clamp01(s.margin);
  const subject = s.subject === undefined ? 1 : clamp01(s.subject);
  return clamp01(
    c ** COVERAGE_EXPONENT * (STRENGTH_FLOOR + (1 - STRENGTH_FLOOR) * strength) * (MARGIN_FLOOR + (1 - MARGIN_FLOOR) * m) * (SUBJECT_FLOOR + (1 - SUBJECT_FLOOR) * subject),
  );
}

/** Mass given to a query word the knowledge base does not contain, from the entry count. */
export function unknownWordMass(entryCount: number): number {
  const rareIdf = Math.log(1 + (Math.max(1, entryCount) - 1 + 0.5) / 1.5);
  return Math.max(rareIdf, 1);
}

/** Signals of the hit at `rank` among hits sorted by decreasing score. */
export function hitSignals(
  hits: readonly { score: number; matchedMass: number; matchedMiss?: number; subjectMass?: number }[],
  rank: number,
  totalMass: number,
  idealScore: number,
): ConfidenceSignals {
  const hit = hits[rank];
  if (!hit || hit.score <= 0 || totalMass <= 0) return { coverage: 0, strength: 0, margin: 0 };
  const next = hits[rank + 1];
  // With `matchedMiss`, `totalMass` is the query's total miss weight: what the entry leaves out
  // weighs by its informativeness, what it covers by its mass.
  const against = hit.matchedMiss === undefined ? totalMass - hit.matchedMass : Math.max(0, totalMass - hit.matchedMiss);
  return {
    coverage: hit.matchedMass / (hit.matchedMass + against),
    strength: idealScore > 0 ? hit.score / idealScore : 0,
    margin: rank === 0 ? (hit.score - (next?.score ?? 0)) / hit.score : 0,
    ...(hit.subjectMass === undefined ? {} : { subject: hit.matchedMass > 0 ? hit.subjectMass / hit.matchedMass : 0 }),
  };
}
