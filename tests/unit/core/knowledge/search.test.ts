import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ingestPath } from '../../../../src/core/knowledge/ingest/files.js';
import { SAMPLE_KB_DIR } from '../../../../src/core/knowledge/sample.js';
import { searchBm25 } from '../../../../src/core/knowledge/search/bm25.js';
import { openAiEmbedder } from '../../../../src/core/knowledge/search/embeddings.js';
import { reciprocalRankFusion } from '../../../../src/core/knowledge/search/fuse.js';
import { searchKnowledge, searchKnowledgeSync } from '../../../../src/core/knowledge/search/index.js';
import { ftsQuery } from '../../../../src/core/knowledge/search/query.js';
import { indexVectors } from '../../../../src/core/knowledge/search/vector.js';
import type { KbChunk } from '../../../../src/contract/index.js';
import { startFakeOpenAi, type FakeOpenAi } from './fakeOpenAi.js';
import { FIXTURES, tempStore } from './helpers.js';

const QuerySetSchema = z.array(z.object({ query: z.string(), relevant: z.array(z.object({ doc: z.string(), heading: z.string().optional() })).min(1) }));
const QUERIES = QuerySetSchema.parse(JSON.parse(readFileSync(join(FIXTURES, 'queries.json'), 'utf8')));

const isRelevant = (c: KbChunk, rel: Array<{ doc: string; heading?: string | undefined }>) =>
  rel.some((r) => basename(c.source) === r.doc && (!r.heading || c.heading_path.includes(r.heading)));

/** recall@5 (share of queries with a relevant chunk in the top 5) and MRR over the labelled set. */
function quality(rank: (q: string) => KbChunk[]) {
  let hits = 0;
  let rr = 0;
  const misses: string[] = [];
  for (const q of QUERIES) {
    const ranked = rank(q.query);
    const pos = ranked.findIndex((c) => isRelevant(c, q.relevant));
    if (pos >= 0 && pos < 5) hits++;
    else misses.push(q.query);
    if (pos >= 0) rr += 1 / (pos + 1);
  }
  return { queries: QUERIES.length, recall_at_5: hits / QUERIES.length, mrr: rr / QUERIES.length, misses };
}

let s: ReturnType<typeof tempStore>;
let fake: FakeOpenAi;
beforeAll(async () => {
  s = tempStore();
  await ingestPath(s.ctx, SAMPLE_KB_DIR);
  fake = await startFakeOpenAi();
});
afterAll(async () => {
  s.close();
  await fake.close();
});

describe('search quality on the labelled query set', () => {
  it('has at least 20 queries', () => expect(QUERIES.length).toBeGreaterThanOrEqual(20));

  it('BM25 reaches recall@5 >= 0.9 and MRR >= 0.75', () => {
    const q = quality((query) => searchBm25(s.ctx, query, { limit: 10 }).map((r) => r.chunk));
    console.log(`[knowledge] BM25 quality: ${JSON.stringify(q)}`);
    expect(q.recall_at_5).toBeGreaterThanOrEqual(0.9);
    expect(q.mrr).toBeGreaterThanOrEqual(0.75);
  });

  it('hybrid (BM25 + vectors by RRF) through an OpenAI-compatible embeddings endpoint', async () => {
    const embedder = openAiEmbedder({ baseURL: fake.baseUrl, model: 'bow-256' });
    const idx = await indexVectors(s.ctx, embedder);
    expect(idx.ok && idx.value.embedded).toBeGreaterThan(30);
    const again = await indexVectors(s.ctx, embedder);
    expect(again.ok && again.value.embedded).toBe(0);
    const ranked: Record<string, KbChunk[]> = {};
    for (const q of QUERIES) {
      const r = await searchKnowledge(s.ctx, { query: q.query, limit: 10, mode: 'hybrid' }, embedder);
      expect(r.ok).toBe(true);
      if (r.ok) {
        expect(r.value.every((x) => x.ranker === 'rrf')).toBe(true);
        ranked[q.query] = r.value.map((x) => x.chunk);
      }
    }
    const q = quality((query) => ranked[query] ?? []);
    console.log(`[knowledge] hybrid quality: ${JSON.stringify(q)}`);
    expect(q.recall_at_5).toBeGreaterThanOrEqual(0.85);
  });
});

describe('search API', () => {
  it('returns chunk, score and a verbatim citation', () => {
    const r = searchKnowledgeSync(s.ctx, { query: 'Growth plan price' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const top = r.value[0]!;
    expect(top.citation.chunk_id).toBe(top.chunk.id);
    expect(top.citation.source).toBe(top.chunk.source);
    expect(top.chunk.text).toContain(top.citation.quote);
    expect(top.citation.quote).toContain('USD 24,000');
    expect(r.value.map((x) => x.score)).toEqual([...r.value.map((x) => x.score)].sort((a, b) => b - a));
  });

  it('never lets user input become FTS5 syntax', () => {
    expect(ftsQuery('SSO" OR text:* NEAR(a b)')).toBe('"sso" OR "text" OR "near"');
    expect(ftsQuery('   ')).toBeNull();
    const r = searchKnowledgeSync(s.ctx, { query: '"unbalanced (quote* AND' });
    expect(r.ok).toBe(true);
  });

  it('rejects an empty query as invalid input and vector mode without an embedder as unsupported', async () => {
    const e = searchKnowledgeSync(s.ctx, { query: '' });
    expect(!e.ok && e.error.code).toBe('invalid_input');
    const v = await searchKnowledge(s.ctx, { query: 'funnels', mode: 'vector' }, null);
    expect(!v.ok && v.error.code).toBe('unsupported');
  });

  it('falls back to BM25 when the embeddings endpoint is down', async () => {
    const dead = openAiEmbedder({ baseURL: 'http://127.0.0.1:9/v1', model: 'bow-256' });
    const r = await searchKnowledge(s.ctx, { query: 'session replay', mode: 'hybrid' }, dead);
    expect(r.ok && r.value[0]?.ranker).toBe('bm25');
  });

  it('fuses rankings by reciprocal rank', () => {
    const mk = (rowid: number) => ({ rowid, score: 0, chunk: { id: `c${rowid}` } as KbChunk });
    const fused = reciprocalRankFusion([[mk(1), mk(2), mk(3)], [mk(3), mk(2), mk(4)]], 3);
    // 3 (ranks 3 and 1) edges out 2 (ranks 2 and 2): 1/63 + 1/61 > 2/62.
    expect(fused.map((f) => f.rowid)).toEqual([3, 2, 1]);
  });
});
