import { describeIssues, err, KbSearchQuerySchema, ok, type KbSearchQuery, type KbSearchResult, type Result } from '../../../contract/index.js';
import type { StoreContext } from '../../store/context.js';
import { searchBm25, type RankedChunk } from './bm25.js';
import type { Embedder } from './embeddings.js';
import { reciprocalRankFusion } from './fuse.js';
import { bestSentence } from './quote.js';
import { searchVector } from './vector.js';

const toResult = (r: RankedChunk, ranker: KbSearchResult['ranker'], query: string): KbSearchResult => ({
  chunk: r.chunk,
  score: r.score,
  ranker,
  citation: { source: r.chunk.source, chunk_id: r.chunk.id, quote: bestSentence(r.chunk.text, query) },
});

/** BM25 only, synchronous: what the embedded default and the benchmarks use. */
export function searchKnowledgeSync(ctx: StoreContext, q: KbSearchQuery): Result<KbSearchResult[]> {
  const parsed = KbSearchQuerySchema.safeParse(q);
  if (!parsed.success) return err('invalid_input', `search: ${describeIssues(parsed.error.issues).join('; ')}`);
  const { query, limit, scope } = parsed.data;
  return ok(searchBm25(ctx, query, { scope, limit }).map((r) => toResult(r, 'bm25', query)));
}

/**
 * Knowledge search. With an embedder, `hybrid` fuses BM25 and cosine rankings by reciprocal
 * rank fusion; without one it is BM25. If the embeddings endpoint fails, hybrid degrades to
 * BM25 rather than leaving a rep without results; `vector` mode reports the failure.
 */
export async function searchKnowledge(ctx: StoreContext, q: KbSearchQuery, embedder: Embedder | null = null): Promise<Result<KbSearchResult[]>> {
  const parsed = KbSearchQuerySchema.safeParse(q);
  if (!parsed.success) return err('invalid_input', `search: ${describeIssues(parsed.error.issues).join('; ')}`);
  const { query, limit, scope, mode } = parsed.data;
  if (mode === 'bm25' || !embedder) {
    if (mode === 'vector') return err('unsupported', 'Vector search needs an embeddings endpoint; configure one in Settings or search with BM25.');
    return ok(searchBm25(ctx, query, { scope, limit }).map((r) => toResult(r, 'bm25', query)));
  }
  // Each ranker looks deeper than the final list so that fusion has overlap to work with.
  const depth = Math.max(limit * 4, 20);
  const vec = await searchVector(ctx, embedder, query, { scope, limit: mode === 'vector' ? limit : depth });
  if (mode === 'vector') return vec.ok ? ok(vec.value.map((r) => toResult(r, 'vector', query))) : vec;
  const bm = searchBm25(ctx, query, { scope, limit: depth });
  if (!vec.ok) return ok(bm.slice(0, limit).map((r) => toResult(r, 'bm25', query)));
  return ok(reciprocalRankFusion([bm, vec.value], limit).map((r) => toResult(r, 'rrf', query)));
}
