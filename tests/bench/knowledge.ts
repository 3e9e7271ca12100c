import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestPath } from '../../src/core/knowledge/ingest/files.js';
import { upsertDocument } from '../../src/core/knowledge/ingest/store.js';
import { SAMPLE_KB_DIR } from '../../src/core/knowledge/sample.js';
import { searchBm25 } from '../../src/core/knowledge/search/bm25.js';
import { openDb } from '../../src/core/store/db.js';
import { migrate, MIGRATIONS } from '../../src/core/store/migrations.js';
import { quantile } from './stats.js';

const WORDS =
  'funnel retention cohort dashboard replay session event tracking plan warehouse snowflake bigquery pricing growth starter enterprise seats sso scim residency gdpr soc audit encryption churn conversion checkout onboarding activation mixpanel amplitude heap trial pilot discount renewal contract invoice export api webhook segment mobile android ios sdk latency uptime sla support'.split(' ');

/** Deterministic pseudo-random generator so every run indexes the same corpus. */
function rng(seed: number) {
  let x = seed;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * Knowledge benchmark: ingest throughput of the sample KB (files/s, chunks/s), then BM25
 * latency p50/p95 over a synthetic 10,000-chunk index. Target: p95 < 10 ms.
 */
export async function benchKnowledge(opts: { chunks?: number; queries?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kb-bench-'));
  const db = openDb(join(dir, 'bench.db'));
  try {
    migrate(db, MIGRATIONS);
    const ctx = { db, clock: () => new Date() };
    const t0 = performance.now();
    const ing = await ingestPath(ctx, SAMPLE_KB_DIR);
    const ingestMs = performance.now() - t0;
    if (!ing.ok) throw new Error(ing.error.message);
    const sampleChunks = ing.value.outcomes.reduce((n, o) => n + o.chunks, 0);

    // 10,000 chunks: 500 documents of 20 paragraphs of ~60 words, one chunk per heading.
    const target = opts.chunks ?? 10_000;
    const rand = rng(42);
    // A Zipf-like vocabulary of 5,000 filler words with the domain words mixed in at 10%, so a
    // query term matches a realistic share of chunks instead of nearly all of them.
    const word = () => (rand() < 0.1 ? WORDS[Math.floor(rand() * WORDS.length)] : `w${Math.floor(5000 * rand() ** 2)}`);
    const sentence = () => Array.from({ length: 12 }, word).join(' ') + '.';
    const docs = Math.ceil(target / 20);
    const t1 = performance.now();
    let made = 0;
    for (let d = 0; d < docs; d++) {
      const parts = [`# Synthetic document ${d}`];
      for (let p = 0; p < 20 && made < target; p++, made++) parts.push(`## Section ${p}`, Array.from({ length: 5 }, sentence).join(' '));
      upsertDocument(ctx, { scope: 'kb', source: `bench/doc-${d}.md`, title: `Synthetic document ${d}`, format: 'markdown', text: parts.join('\n\n') });
    }
    const bulkMs = performance.now() - t1;
    const total = (db.prepare('SELECT count(*) AS n FROM kb_chunks').get() as { n: number }).n;

    const queries = Array.from({ length: opts.queries ?? 300 }, () => Array.from({ length: 1 + Math.floor(rand() * 4) }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' '));
    for (const q of queries.slice(0, 30)) searchBm25(ctx, q, { limit: 8 }); // warm-up: page cache and statement cache
    const lat: number[] = [];
    for (const q of queries) {
      const s = performance.now();
      searchBm25(ctx, q, { limit: 8 });
      lat.push(performance.now() - s);
    }
    const r2 = (x: number) => Math.round(x * 100) / 100;
    return {
      sample_ingest: { files: ing.value.outcomes.length, chunks: sampleChunks, ms: Math.round(ingestMs), files_per_s: Math.round(ing.value.outcomes.length / (ingestMs / 1000)) },
      bulk_ingest: { chunks: made, ms: Math.round(bulkMs), chunks_per_s: Math.round(made / (bulkMs / 1000)) },
      bm25: { chunks_indexed: total, queries: queries.length, p50_ms: r2(quantile(lat, 0.5)), p95_ms: r2(quantile(lat, 0.95)), target_p95_ms: 10 },
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/tests\//, 'tests/'))) {
  console.log(JSON.stringify(await benchKnowledge(), null, 2));
}
