/**
 * Baseline for `npm run eval`: LangChain's stock BM25 retriever (whitespace tokenisation, no
 * French analysis, no field weights) over the same entries, to compare with CharterRetriever.
 */
import { BM25Retriever } from '@langchain/community/retrievers/bm25';
import { Document } from '@langchain/core/documents';
import type { KbEntry } from './types.js';

/** Ids of the `k` best entries for `query` according to the stock BM25 retriever (score > 0). */
export async function stockBm25Search(entries: readonly KbEntry[], query: string, k: number): Promise<string[]> {
  if (entries.length === 0 || k <= 0) return [];
  const docs = entries.map(
    (e) => new Document({ pageContent: [e.title, ...e.questions, e.body].join('\n'), metadata: { id: e.id } }),
  );
  const retriever = BM25Retriever.fromDocuments(docs, { k, includeScore: true });
  const results = await retriever.invoke(query);
  return results
    .filter((d) => typeof d.metadata.bm25Score !== 'number' || d.metadata.bm25Score > 0)
    .map((d) => String(d.metadata.id));
}
