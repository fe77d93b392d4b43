/**
 * Reciprocal rank fusion (Cormack, Clarke & Büttcher, 2009): each ranking gives an item
 * 1 / (k + rank), rank counted from 1; the scores add up over the rankings. Only ranks matter,
 * so a lexical BM25 score and a cosine similarity fuse without calibration.
 */

/** The constant of the original paper: it damps the weight of the very first ranks. */
export const RRF_K = 60;

export interface Fused {
  id: string;
  score: number;
}

/** Fuses rankings of ids (best first); ties keep the order of first appearance. */
export function reciprocalRankFusion(rankings: readonly (readonly string[])[], k: number = RRF_K): Fused[] {
  const scores = new Map<string, number>();
  for (const ranking of rankings) {
    const seen = new Set<string>();
    ranking.forEach((id, i) => {
      if (seen.has(id)) return; // an id counts once per ranking, at its best rank
      seen.add(id);
      scores.set(id, (scores.get(id) ?? 0) + 1 / (k + i + 1));
    });
  }
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}
