import { ok, type KbFormat, type KbIngestOutcome, type Result } from '../../../contract/index.js';
import { nowIso, type StoreContext } from '../../store/context.js';
import { chunkText } from '../chunk.js';
import { findDocument } from '../documents.js';
import { chunkIdOf, docIdOf, sha256Hex } from '../ids.js';

export interface DocInput {
  scope: string;
  source: string;
  title: string;
  format: KbFormat;
  /** Extracted text; chunk offsets point into it. */
  text: string;
  /** Hash of the original bytes (or of the text when there is no file). */
  sha256?: string;
  bytes?: number;
  modified_at?: string | null;
  maxChunkChars?: number;
}

/**
 * Stores one document: skipped when its content hash is unchanged, otherwise its chunks are
 * replaced in one transaction, so a search never sees half of an old and half of a new version.
 */
export function upsertDocument(ctx: StoreContext, input: DocInput): Result<KbIngestOutcome> {
  const sha = input.sha256 ?? sha256Hex(input.text);
  const existing = findDocument(ctx, input.scope, input.source);
  const id = docIdOf(input.scope, input.source);
  if (existing && existing.sha256 === sha) {
    return ok({ source: input.source, status: 'unchanged', doc_id: existing.id, chunks: existing.chunk_count, error: null });
  }
  const chunks = chunkText(input.text, { title: input.title, ...(input.maxChunkChars ? { maxChars: input.maxChunkChars } : {}) });
  const now = nowIso(ctx);
  ctx.db.transaction(() => {
    if (existing) {
      ctx.db.prepare('DELETE FROM kb_chunks WHERE doc_id = ?').run(id);
      ctx.db
        .prepare(
          `UPDATE kb_documents SET title = ?, format = ?, sha256 = ?, text = ?, bytes = ?, chunk_count = ?, modified_at = ?, updated_at = ?
           WHERE id = ?`,
        )
        .run(input.title, input.format, sha, input.text, input.bytes ?? Buffer.byteLength(input.text), chunks.length, input.modified_at ?? null, now, id);
    } else {
      ctx.db
        .prepare(
          `INSERT INTO kb_documents (id, scope, source, title, format, sha256, text, bytes, chunk_count, modified_at, ingested_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, input.scope, input.source, input.title, input.format, sha, input.text, input.bytes ?? Buffer.byteLength(input.text), chunks.length, input.modified_at ?? null, now, now);
    }
    const insert = ctx.db.prepare(
      'INSERT INTO kb_chunks (id, doc_id, scope, ordinal, heading_path, heading, text, start, end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const c of chunks) {
      insert.run(chunkIdOf(id, c.ordinal, c.text), id, input.scope, c.ordinal, JSON.stringify(c.heading_path), c.heading_path.join(' > '), c.text, c.start, c.end);
    }
  })();
  return ok({ source: input.source, status: existing ? 'updated' : 'added', doc_id: id, chunks: chunks.length, error: null });
}
