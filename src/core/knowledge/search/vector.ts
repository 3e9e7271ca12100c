import { ok, type Result } from '../../../contract/index.js';
import type { StoreContext } from '../../store/context.js';
import { CHUNK_SELECT, toChunk } from '../documents.js';
import type { RankedChunk } from './bm25.js';
import type { Embedder } from './embeddings.js';

/** Unit-length float32: cosine similarity becomes a dot product at query time. */
function normalise(v: readonly number[]): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  const inv = n > 0 ? 1 / Math.sqrt(n) : 0;
  return Float32Array.from(v, (x) => x * inv);
}

const toBlob = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
const fromBlob = (b: Buffer) => new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

/** Embeds every chunk of the scope that has no vector for the embedder's model yet. */
export async function indexVectors(ctx: StoreContext, embedder: Embedder, opts: { scope?: string } = {}): Promise<Result<{ embedded: number }>> {
  const rows = ctx.db
    .prepare(
      `SELECT c.rowid AS rowid, c.heading AS heading, c.text AS text FROM kb_chunks c
       WHERE c.scope = ? AND NOT EXISTS (SELECT 1 FROM kb_vectors v WHERE v.chunk_rowid = c.rowid AND v.model = ?)`,
    )
    .all(opts.scope ?? 'kb', embedder.model) as Array<{ rowid: number; heading: string; text: string }>;
  if (!rows.length) return ok({ embedded: 0 });
  // The heading path is embedded with the text: it often names the topic the paragraph omits.
  const vectors = await embedder.embed(rows.map((r) => (r.heading ? `${r.heading}\n${r.text}` : r.text)));
  if (!vectors.ok) return vectors;
  const insert = ctx.db.prepare('INSERT OR REPLACE INTO kb_vectors (chunk_rowid, model, dim, vec) VALUES (?, ?, ?, ?)');
  ctx.db.transaction(() => {
    rows.forEach((r, i) => {
      const v = normalise(vectors.value[i] ?? []);
      insert.run(r.rowid, embedder.model, v.length, toBlob(v));
    });
  })();
  return ok({ embedded: rows.length });
}

/** Brute-force cosine over the scope's vectors: fine to ~100k chunks on a laptop. */
export async function searchVector(
  ctx: StoreContext,
  embedder: Embedder,
  query: string,
  opts: { scope?: string; limit?: number } = {},
): Promise<Result<RankedChunk[]>> {
  const qv = await embedder.embed([query]);
  if (!qv.ok) return qv;
  const q = normalise(qv.value[0] ?? []);
  const rows = ctx.db
    .prepare('SELECT v.chunk_rowid AS rowid, v.vec AS vec FROM kb_vectors v JOIN kb_chunks c ON c.rowid = v.chunk_rowid WHERE v.model = ? AND c.scope = ?')
    .all(embedder.model, opts.scope ?? 'kb') as Array<{ rowid: number; vec: Buffer }>;
  const scored: Array<{ rowid: number; score: number }> = [];
  for (const r of rows) {
    const v = fromBlob(r.vec);
    if (v.length !== q.length) continue;
    let dot = 0;
    for (let i = 0; i < v.length; i++) dot += v[i]! * q[i]!;
    scored.push({ rowid: r.rowid, score: dot });
  }
  scored.sort((a, b) => b.score - a.score);
  const top = scored.slice(0, opts.limit ?? 8);
  const get = ctx.db.prepare(`${CHUNK_SELECT} WHERE c.rowid = ?`);
  return ok(
    top.map((t) => {
      const { rowid, ...chunk } = toChunk(get.get(t.rowid));
      return { chunk, rowid, score: t.score };
    }),
  );
}
