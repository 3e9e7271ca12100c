import type Database from 'better-sqlite3';
import type { KbChunk } from '../../../contract/index.js';
import type { StoreContext } from '../../store/context.js';
import { CHUNK_SELECT, toChunk } from '../documents.js';
import { ftsQueries } from './query.js';

export interface RankedChunk {
  chunk: KbChunk;
  rowid: number;
  /** Higher is better (FTS5's bm25() is lower-is-better, so its sign is flipped). */
  score: number;
}

// Heading matches count double: a chunk under "SSO and SCIM" is about SSO even if it says it
// once. bm25() is called explicitly rather than through the table's persistent `rank`: with
// `ORDER BY rank` FTS5 runs its own sorter over every match (and drops the LIMIT when the query
// sits in a subquery), while `ORDER BY bm25(...) LIMIT k` lets SQLite keep only the top k.
const RANK = 'bm25(kb_chunks_fts, 2.0, 1.0)';
// Top-k rowids straight from the index; chunk rows are fetched for those k only. A join here
// would make the planner materialise every match before the LIMIT applies.
const TOP_K_SQL = `SELECT rowid, ${RANK} AS rank FROM kb_chunks_fts WHERE kb_chunks_fts MATCH ? ORDER BY rank LIMIT ?`;
const CHUNK_SQL = `${CHUNK_SELECT} WHERE c.rowid = ?`;
// Used when the scope is a small part of the index (one lead's memory), so top-k candidates miss it.
const SCOPED_SQL = `SELECT c.rowid AS rowid, ${RANK} AS rank
  FROM kb_chunks_fts JOIN kb_chunks c ON c.rowid = kb_chunks_fts.rowid
  WHERE kb_chunks_fts MATCH ? AND c.scope = ?
  ORDER BY rank LIMIT ?`;

interface Statements {
  topK: Database.Statement<[string, number]>;
  chunk: Database.Statement<[number]>;
  scoped: Database.Statement<[string, string, number]>;
}

// Preparing costs about as much as a small query; keep one set per connection (dies with it).
const cache = new WeakMap<Database.Database, Statements>();

function statements(db: Database.Database): Statements {
  let s = cache.get(db);
  if (!s) {
    s = { topK: db.prepare(TOP_K_SQL), chunk: db.prepare(CHUNK_SQL), scoped: db.prepare(SCOPED_SQL) };
    cache.set(db, s);
  }
  return s;
}

/** Up to `limit` chunks of `scope` for one MATCH expression, best first. */
function topChunks(st: Statements, match: string, scope: string, limit: number): RankedChunk[] {
  const candidates = Math.max(limit * 4, 32);
  const top = st.topK.all(match, candidates) as Array<{ rowid: number; rank: number }>;
  const out: RankedChunk[] = [];
  for (const t of top) {
    const row = st.chunk.get(t.rowid);
    if (!row) continue;
    const { rowid, ...chunk } = toChunk(row);
    if (chunk.scope !== scope) continue;
    out.push({ chunk, rowid, score: -t.rank });
    if (out.length === limit) return out;
  }
  // Fewer in scope than asked although the index had more matches: the scope is a small slice.
  if (top.length < candidates) return out;
  return (st.scoped.all(match, scope, limit) as Array<{ rowid: number; rank: number }>).flatMap((t) => {
    const row = st.chunk.get(t.rowid);
    if (!row) return [];
    const { rowid, ...chunk } = toChunk(row);
    return [{ chunk, rowid, score: -t.rank }];
  });
}

/**
 * BM25 over SQLite FTS5: the embedded default search. Chunks that hold every query word come
 * first; when there are fewer of them than asked, chunks that miss at most one word (for 3 to 6
 * words); only then any word (plain BM25 over an OR). bm25() costs about a microsecond per
 * matching chunk, and an OR of common words matches a large part of the index, so each step is
 * tried only when the stricter one falls short. Within a step the order is BM25's.
 */
export function searchBm25(ctx: StoreContext, query: string, opts: { scope?: string; limit?: number } = {}): RankedChunk[] {
  const q = ftsQueries(query);
  if (!q) return [];
  const scope = opts.scope ?? 'kb';
  const limit = opts.limit ?? 8;
  const st = statements(ctx.db);
  for (const match of [q.all, q.most]) {
    if (match === null || match === q.any) continue;
    const hits = topChunks(st, match, scope, limit);
    if (hits.length >= limit) return hits;
  }
  return topChunks(st, q.any, scope, limit);
}
