import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * Entry embeddings cached on disk, one file per embeddings model, each vector keyed by the hash of
 * the model name and the exact text embedded: an edited entry gets a new key, an unchanged one is
 * never sent again. The file is validated on read; a corrupt or foreign file is ignored (and
 * replaced on the next write), never trusted.
 */

const cacheSchema = z
  .object({
    version: z.literal(1),
    model: z.string().min(1),
    vectors: z.record(z.string().regex(/^[0-9a-f]{64}$/), z.array(z.number().finite()).min(1).max(65_536)),
  })
  .strict();

export type CacheFile = z.infer<typeof cacheSchema>;

/** Key of one embedded text: sha-256 of the model name and the text. */
export function contentKey(model: string, text: string): string {
  return createHash('sha256').update(model).update('\0').update(text).digest('hex');
}

export function cacheFileName(model: string): string {
  const slug = model.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60);
  return `embeddings-${slug}-${createHash('sha256').update(model).digest('hex').slice(0, 8)}.json`;
}

export type CacheRead = { vectors: Map<string, number[]>; status: 'ok' | 'missing' | 'corrupt' };

/** Reads the cache of `model` in `dir`; a missing, unreadable or invalid file gives an empty cache. */
export function readEmbeddingCache(dir: string, model: string): CacheRead {
  let raw: string;
  try {
    raw = readFileSync(join(dir, cacheFileName(model)), 'utf8');
  } catch {
    return { vectors: new Map(), status: 'missing' };
  }
  try {
    const parsed = cacheSchema.safeParse(JSON.parse(raw));
    if (!parsed.success || parsed.data.model !== model) return { vectors: new Map(), status: 'corrupt' };
    return { vectors: new Map(Object.entries(parsed.data.vectors)), status: 'ok' };
  } catch {
    return { vectors: new Map(), status: 'corrupt' };
  }
}

/** Writes the cache atomically (temporary file, then rename): a reader never sees half a file. */
export function writeEmbeddingCache(dir: string, model: string, vectors: ReadonlyMap<string, number[]>): void {
  mkdirSync(dir, { recursive: true });
  const file: CacheFile = { version: 1, model, vectors: Object.fromEntries(vectors) };
  const target = join(dir, cacheFileName(model));
  const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, JSON.stringify(file));
  renameSync(tmp, target);
}
