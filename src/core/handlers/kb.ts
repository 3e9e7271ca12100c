import { basename } from 'node:path';
import type { kbApi, KbSearchHit, KbUploadFile } from '../../contract/api/kb.js';
import type { KbIngestOutcome } from '../../contract/index.js';
import type { Handlers } from '../../transport/dispatch.js';
import {
  getDocument,
  ingestPath,
  knowledgeReady,
  listDocuments,
  removeDocument,
  SAMPLE_KB_DIR,
  searchKnowledgeSync,
  upsertDocument,
} from '../knowledge/index.js';
import { freshnessOf } from '../knowledge/freshness.js';
import { sha256Hex } from '../knowledge/ids.js';
import { reportOf } from '../knowledge/ingest/files.js';
import { extractDoc, formatOf } from '../knowledge/ingest/formats.js';
import * as trace from '../store/trace.js';
import type { CoreContext } from './context.js';

/** Where uploads live in the document list: a stable source per file name, so re-uploading updates it. */
export const UPLOAD_PREFIX = 'upload/';

const failed = (source: string, code: string, message: string): KbIngestOutcome => ({
  source,
  status: 'failed',
  doc_id: null,
  chunks: 0,
  error: { code, message },
});

/** The bytes of an upload, or why there are none; base64 is checked, because atob-style decoders skip junk. */
function bytesOf(f: KbUploadFile): { ok: true; bytes: Uint8Array } | { ok: false; message: string } {
  const hasText = f.content !== undefined;
  const hasB64 = f.content_base64 !== undefined;
  if (hasText === hasB64)
    return { ok: false, message: `${f.name}: send the text as content or the bytes as content_base64 (exactly one).` };
  if (hasText) return { ok: true, bytes: new TextEncoder().encode(f.content) };
  const b64 = f.content_base64!.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0)
    return { ok: false, message: `${f.name}: content_base64 is not valid base64.` };
  return { ok: true, bytes: new Uint8Array(Buffer.from(b64, 'base64')) };
}

/** Ingests one uploaded file; a bad file is a failed outcome, never a throw, so the others still go in. */
async function ingestUpload(core: CoreContext, f: KbUploadFile): Promise<KbIngestOutcome> {
  // Only the base name: an upload never names a place on disk.
  const name = basename(f.name.replace(/\\/g, '/'));
  const source = `${UPLOAD_PREFIX}${name}`;
  const format = formatOf(name);
  if (!format) return failed(source, 'unsupported', `${name}: only .md, .txt, .html and .pdf files can be added.`);
  const b = bytesOf(f);
  if (!b.ok) return failed(source, 'invalid_input', b.message);
  if (b.bytes.length === 0) return failed(source, 'invalid_input', `${name} is empty.`);
  const doc = await extractDoc(b.bytes, name, format);
  if (!doc.ok) return failed(source, doc.error.code, doc.error.message);
  if (!doc.value.text.trim())
    return failed(source, 'invalid_input', `${name} has no text to search (a scanned PDF needs OCR first).`);
  const r = upsertDocument(core.store, {
    scope: 'kb',
    source,
    title: doc.value.title,
    format,
    text: doc.value.text,
    sha256: sha256Hex(b.bytes),
    bytes: b.bytes.length,
    modified_at: null,
  });
  return r.ok ? r.value : failed(source, r.error.code, r.error.message);
}

/** Handlers of the Knowledge screen: documents with freshness, uploads, removal and cited search. */
export function kbHandlers(core: CoreContext): Handlers<typeof kbApi> {
  const ctx = core.store;
  const changed = (ids: string[]) => core.bus.emit('changed', { topic: 'knowledge', ids });
  return {
    'kb.list': () => {
      const ready = knowledgeReady(ctx);
      if (!ready.ok) return ready;
      const now = ctx.clock();
      return { ok: true, value: listDocuments(ctx, 'kb').map((d) => ({ ...d, freshness: freshnessOf(d, now) })) };
    },
    'kb.add': async ({ files }) => {
      const ready = knowledgeReady(ctx);
      if (!ready.ok) return ready;
      const t0 = performance.now();
      const outcomes: KbIngestOutcome[] = [];
      for (const f of files) outcomes.push(await ingestUpload(core, f));
      const report = reportOf(outcomes, t0);
      trace.append(ctx, {
        type: 'kb.uploaded',
        data: {
          files: outcomes.map((o) => ({ source: o.source, status: o.status, error: o.error?.code ?? null })),
          added: report.added,
          updated: report.updated,
          failed: report.failed,
        },
      });
      changed(outcomes.flatMap((o) => (o.doc_id ? [o.doc_id] : [])));
      return { ok: true, value: report };
    },
    'kb.loadSample': async () => {
      const ready = knowledgeReady(ctx);
      if (!ready.ok) return ready;
      const r = await ingestPath(ctx, SAMPLE_KB_DIR);
      if (!r.ok) return r;
      changed([]);
      return r;
    },
    'kb.remove': ({ id }) => {
      const doc = getDocument(ctx, id);
      if (!doc || doc.scope !== 'kb')
        return { ok: false, error: { code: 'not_found', message: `Document ${id} is not in the knowledge base.` } };
      removeDocument(ctx, id);
      trace.append(ctx, { type: 'kb.removed', data: { doc_id: id, source: doc.source, title: doc.title } });
      changed([id]);
      return { ok: true, value: { id, removed: true as const } };
    },
    'kb.search': ({ query, limit }) => {
      const ready = knowledgeReady(ctx);
      if (!ready.ok) return ready;
      const r = searchKnowledgeSync(ctx, { query, limit, scope: 'kb', mode: 'bm25' });
      if (!r.ok) return r;
      const titles = new Map<string, string>();
      const titleOf = (docId: string, source: string) => {
        if (!titles.has(docId)) titles.set(docId, getDocument(ctx, docId)?.title ?? basename(source));
        return titles.get(docId)!;
      };
      const hits: KbSearchHit[] = r.value.map((h) => ({
        chunk_id: h.chunk.id,
        doc_id: h.chunk.doc_id,
        title: titleOf(h.chunk.doc_id, h.chunk.source),
        source: h.chunk.source,
        heading_path: h.chunk.heading_path,
        text: h.chunk.text,
        score: h.score,
        ranker: h.ranker,
        citation: h.citation,
      }));
      return { ok: true, value: hits };
    },
  };
}
