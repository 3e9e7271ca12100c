import type { KbChunk } from '../../../contract/index.js';
import type { StoreContext } from '../../store/context.js';
import { toChunk } from '../documents.js';
import { ftsQuery } from './query.js';

export interface RankedChunk {
  chunk: KbChunk;
  rowid: number;
  /** Higher is better (FTS5's bm25() is lower-is-better, so its sign is flipped). */
  score: number;
}

// Heading matches count double (the table's rank is bm25(2.0, 1.0)): a chunk under "SSO and
// SCIM" is about SSO even if it says it once. The inner query lets FTS5 pick the top rows by rank
// before any join; the scope filter is applied to those candidates.
const COLUMNS = `c.rowid AS rowid, c.id AS id, c.doc_id AS doc_id, c.scope AS scope, d.source AS source,
    c.ordinal AS ordinal, c.heading_path AS heading_path, c.text AS text, c.start AS start, c.end AS end`;
const TOP_K_SQL = `SELECT ${COLUMNS}, m.rank AS rank
  FROM (SELECT rowid, rank FROM kb_chunks_fts WHERE kb_chunks_fts MATCH ? ORDER BY rank LIMIT ?) m
  JOIN kb_chunks c ON c.rowid = m.rowid
  JOIN kb_documents d ON d.id = c.doc_id
  WHERE c.scope = ?
  ORDER BY m.rank LIMIT ?`;
// Used when the scope is a small part of the index (one lead's memory), so top-k candidates miss it.
const SCOPED_SQL = `SELECT ${COLUMNS}, kb_chunks_fts.rank AS rank
  FROM kb_chunks_fts
  JOIN kb_chunks c ON c.rowid = kb_chunks_fts.rowid
  JOIN kb_documents d ON d.id = c.doc_id
  WHERE kb_chunks_fts MATCH ? AND c.scope = ?
  ORDER BY kb_chunks_fts.rank LIMIT ?`;

/** BM25 over SQLite FTS5: the embedded default search. */
export function searchBm25(ctx: StoreContext, query: string, opts: { scope?: string; limit?: number } = {}): RankedChunk[] {
  const match = ftsQuery(query);
  if (!match) return [];
  const scope = opts.scope ?? 'kb';
  const limit = opts.limit ?? 8;
  const candidates = Math.max(limit * 4, 32);
  let rows = ctx.db.prepare(TOP_K_SQL).all(match, candidates, scope, limit) as Array<Record<string, unknown>>;
  if (rows.length < limit) rows = ctx.db.prepare(SCOPED_SQL).all(match, scope, limit) as Array<Record<string, unknown>>;
  return rows.map((r) => {
    const { rowid, ...chunk } = toChunk(r);
    return { chunk, rowid, score: -Number(r['rank']) };
  });
}
