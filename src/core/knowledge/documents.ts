import { z } from 'zod';
import { KbChunkSchema, KbDocumentSchema, type KbChunk, type KbDocument } from '../../contract/index.js';
import type { StoreContext } from '../store/context.js';

const DOC_COLUMNS = 'id, scope, source, title, format, sha256, bytes, chunk_count, modified_at, ingested_at, updated_at';

const ChunkRowSchema = z.object({
  rowid: z.number().int(),
  id: z.string(),
  doc_id: z.string(),
  scope: z.string(),
  source: z.string(),
  ordinal: z.number().int(),
  heading_path: z.string(),
  text: z.string(),
  start: z.number().int(),
  end: z.number().int(),
});

/** SELECT list that yields a chunk row joined with its document's source. */
export const CHUNK_SELECT = `SELECT c.rowid AS rowid, c.id AS id, c.doc_id AS doc_id, c.scope AS scope, d.source AS source,
  c.ordinal AS ordinal, c.heading_path AS heading_path, c.text AS text, c.start AS start, c.end AS end
  FROM kb_chunks c JOIN kb_documents d ON d.id = c.doc_id`;

/** Parses a row of CHUNK_SELECT; the row was written by this module, so a mismatch is a bug. */
export function toChunk(row: unknown): KbChunk & { rowid: number } {
  const r = ChunkRowSchema.parse(row);
  const path = z.array(z.string()).parse(JSON.parse(r.heading_path));
  return { ...KbChunkSchema.parse({ ...r, heading_path: path }), rowid: r.rowid };
}

/** Documents of a scope (the shared knowledge base by default), by source. */
export function listDocuments(ctx: StoreContext, scope = 'kb'): KbDocument[] {
  return ctx.db
    .prepare(`SELECT ${DOC_COLUMNS} FROM kb_documents WHERE scope = ? ORDER BY source`)
    .all(scope)
    .map((r) => KbDocumentSchema.parse(r));
}

/** One document by id, or null. */
export function getDocument(ctx: StoreContext, id: string): KbDocument | null {
  const row = ctx.db.prepare(`SELECT ${DOC_COLUMNS} FROM kb_documents WHERE id = ?`).get(id);
  return row ? KbDocumentSchema.parse(row) : null;
}

/** A document by where it came from, or null. */
export function findDocument(ctx: StoreContext, scope: string, source: string): (KbDocument & { text: string }) | null {
  const row = ctx.db.prepare(`SELECT ${DOC_COLUMNS}, text FROM kb_documents WHERE scope = ? AND source = ?`).get(scope, source);
  return row ? KbDocumentSchema.extend({ text: z.string() }).parse(row) : null;
}

/** The extracted text of a document (what chunk offsets point into). */
export function documentText(ctx: StoreContext, id: string): string | null {
  const row = ctx.db.prepare('SELECT text FROM kb_documents WHERE id = ?').get(id) as { text: string } | undefined;
  return row ? row.text : null;
}

/** Deletes a document and its chunks (the FTS index follows by trigger). */
export function removeDocument(ctx: StoreContext, id: string): boolean {
  return ctx.db.transaction(() => {
    ctx.db.prepare('DELETE FROM kb_chunks WHERE doc_id = ?').run(id);
    return ctx.db.prepare('DELETE FROM kb_documents WHERE id = ?').run(id).changes > 0;
  })();
}

/** One chunk by its public id, or null. */
export function getChunk(ctx: StoreContext, id: string): KbChunk | null {
  const row = ctx.db.prepare(`${CHUNK_SELECT} WHERE c.id = ?`).get(id);
  if (!row) return null;
  const { rowid: _rowid, ...chunk } = toChunk(row);
  return chunk;
}

/** A document's chunks in reading order. */
export function chunksOf(ctx: StoreContext, docId: string): KbChunk[] {
  return ctx.db
    .prepare(`${CHUNK_SELECT} WHERE c.doc_id = ? ORDER BY c.ordinal`)
    .all(docId)
    .map((r) => {
      const { rowid: _rowid, ...chunk } = toChunk(r);
      return chunk;
    });
}
