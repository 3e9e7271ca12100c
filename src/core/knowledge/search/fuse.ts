import type { RankedChunk } from './bm25.js';

// k = 60 is the constant of the original RRF paper; it damps the head of each list so that a
// chunk ranked well by both rankers beats one ranked first by only one.
const RRF_K = 60;

/** Reciprocal rank fusion of several rankings of the same chunks. */
export function reciprocalRankFusion(lists: ReadonlyArray<readonly RankedChunk[]>, limit: number, k = RRF_K): RankedChunk[] {
  const fused = new Map<number, RankedChunk>();
  for (const list of lists) {
    list.forEach((r, i) => {
      const add = 1 / (k + i + 1);
      const prev = fused.get(r.rowid);
      fused.set(r.rowid, prev ? { ...prev, score: prev.score + add } : { ...r, score: add });
    });
  }
  return [...fused.values()].sort((a, b) => b.score - a.score || a.rowid - b.rowid).slice(0, limit);
}
