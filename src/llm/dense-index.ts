import type { KbEntry } from '../knowledge/types.js';
import { plain } from '../replies.js';
import type { LlmClient } from './client.js';
import { contentKey, readEmbeddingCache, writeEmbeddingCache, type CacheRead } from './embedding-cache.js';

/**
 * The dense side of hybrid retrieval: one unit vector per knowledge entry, ranked by cosine
 * similarity to the question's vector. Built once per knowledge snapshot, in the background.
 */

/** What an entry is embedded as: its title, the phrasings of its question, its answer without markup. */
export function entryText(entry: KbEntry): string {
  return [entry.title, ...entry.questions, plain(entry.body)].join('\n');
}

export class InvalidVectorsError extends Error {
  constructor(detail: string) {
    super(`the embeddings endpoint returned unusable vectors: ${detail}`);
    this.name = 'InvalidVectorsError';
  }
}

/** A unit vector (throws InvalidVectorsError on a wrong dimension, a non-number or a zero vector). */
export function unit(vector: unknown, dims?: number): Float64Array {
  if (!Array.isArray(vector) || vector.length === 0) throw new InvalidVectorsError('not a list of numbers');
  if (dims !== undefined && vector.length !== dims) throw new InvalidVectorsError(`dimension ${vector.length} instead of ${dims}`);
  let norm = 0;
  for (const x of vector) {
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new InvalidVectorsError('not a list of finite numbers');
    norm += x * x;
  }
  if (norm === 0) throw new InvalidVectorsError('a zero vector');
  const n = Math.sqrt(norm);
  return Float64Array.from(vector as number[], (x) => x / n);
}

export interface DenseBuild {
  index: DenseIndex;
  /** Entries whose vector came from the disk cache / from the endpoint. */
  cached: number;
  embedded: number;
  cache: CacheRead['status'];
  /** Why the cache could not be written (the index is used all the same; the next load embeds again). */
  writeError?: string;
}

export class DenseIndex {
  private constructor(
    readonly model: string,
    readonly dims: number,
    private readonly ids: readonly string[],
    private readonly vectors: readonly Float64Array[],
  ) {}

  /**
   * Vectors for `entries`: from the cache of `cacheDir` when the text is unchanged, else from the
   * endpoint (in one batch call), then the cache is rewritten with exactly the current entries.
   */
  static async build(entries: readonly KbEntry[], client: LlmClient, cacheDir: string, timeoutMs: number): Promise<DenseBuild> {
    const model = client.embeddingsModel;
    if (!model) throw new Error('EMBEDDINGS_MODEL is not set');
    const texts = entries.map(entryText);
    const keys = texts.map((t) => contentKey(model, t));
    const cache = readEmbeddingCache(cacheDir, model);
    if (entries.length === 0) return { index: new DenseIndex(model, 0, [], []), cached: 0, embedded: 0, cache: cache.status };
    let missing = keys.map((k, i) => (cache.vectors.has(k) ? -1 : i)).filter((i) => i >= 0);
    const raw = new Map<string, number[]>();
    for (const k of keys) {
      const v = cache.vectors.get(k);
      if (v) raw.set(k, v);
    }
    if (missing.length) {
      const fresh = await client.embed(missing.map((i) => texts[i]!), timeoutMs);
      missing.forEach((i, j) => raw.set(keys[i]!, fresh[j]!));
      // The endpoint now gives another dimension for this model name: the cached vectors are stale.
      const dims = fresh[0]?.length;
      const embeddedNow = new Set(missing);
      const stale = keys.map((k, i) => (!embeddedNow.has(i) && raw.get(k)?.length !== dims ? i : -1)).filter((i) => i >= 0);
      if (stale.length) {
        const again = await client.embed(stale.map((i) => texts[i]!), timeoutMs);
        stale.forEach((i, j) => raw.set(keys[i]!, again[j]!));
        missing = [...missing, ...stale];
      }
    }
    const first = raw.get(keys[0]!);
    const dims = Array.isArray(first) ? first.length : 0;
    const vectors = keys.map((k) => unit(raw.get(k), dims));
    let writeError: string | undefined;
    if (missing.length || cache.status !== 'ok' || cache.vectors.size !== keys.length) {
      try {
        writeEmbeddingCache(cacheDir, model, new Map(keys.map((k) => [k, raw.get(k)!])));
      } catch (e) {
        writeError = (e as NodeJS.ErrnoException).code ?? (e as Error).name;
      }
    }
    const index = new DenseIndex(model, dims, entries.map((e) => e.id), vectors);
    return { index, cached: keys.length - missing.length, embedded: missing.length, cache: cache.status, ...(writeError ? { writeError } : {}) };
  }

  /** Ids of the `k` entries closest to `query` (a raw vector), best first. */
  rank(query: readonly number[], k: number): string[] {
    const q = unit(query, this.dims);
    const scored = this.vectors.map((v, i) => {
      let dot = 0;
      for (let d = 0; d < v.length; d++) dot += (v[d] as number) * (q[d] as number);
      return { i, dot };
    });
    scored.sort((a, b) => b.dot - a.dot);
    return scored.slice(0, k).map((s) => this.ids[s.i]!);
  }

  get size(): number {
    return this.ids.length;
  }
}
