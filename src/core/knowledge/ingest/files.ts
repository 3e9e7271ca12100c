import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { err, ok, type KbIngestOutcome, type KbIngestReport, type Result } from '../../../contract/index.js';
import type { StoreContext } from '../../store/context.js';
import { findDocument } from '../documents.js';
import { sha256Hex } from '../ids.js';
import { extractDoc, formatOf } from './formats.js';
import { upsertDocument } from './store.js';

export interface IngestOptions {
  /** Default `kb`, the shared knowledge base. */
  scope?: string;
  maxChunkChars?: number;
}

const failed = (source: string, e: { code: string; message: string }): KbIngestOutcome => ({
  source,
  status: 'failed',
  doc_id: null,
  chunks: 0,
  error: { code: e.code, message: e.message },
});

/** Ingests one file; an unreadable or malformed file is a failed outcome, never a throw. */
export async function ingestFile(ctx: StoreContext, path: string, opts: IngestOptions = {}): Promise<KbIngestOutcome> {
  const source = resolve(path);
  const scope = opts.scope ?? 'kb';
  const format = formatOf(source);
  if (!format) return failed(source, { code: 'unsupported', message: `${source}: only .md, .txt, .html and .pdf files can be added.` });
  let bytes: Buffer;
  let modified: string;
  try {
    bytes = readFileSync(source);
    modified = statSync(source).mtime.toISOString();
  } catch (e) {
    return failed(source, { code: 'not_found', message: `Cannot read ${source}: ${(e as Error).message}` });
  }
  const sha = sha256Hex(bytes);
  // Skip extraction too (PDF parsing is the slow part) when the bytes have not changed.
  const existing = findDocument(ctx, scope, source);
  if (existing && existing.sha256 === sha) {
    return { source, status: 'unchanged', doc_id: existing.id, chunks: existing.chunk_count, error: null };
  }
  const doc = await extractDoc(bytes, source, format);
  if (!doc.ok) return failed(source, doc.error);
  const r = upsertDocument(ctx, { scope, source, title: doc.value.title, format, text: doc.value.text, sha256: sha, bytes: bytes.length, modified_at: modified, ...(opts.maxChunkChars ? { maxChunkChars: opts.maxChunkChars } : {}) });
  return r.ok ? r.value : failed(source, r.error);
}

/** Every supported file under a folder, depth first, sorted for a stable order; dot-files skipped. */
export function listSupportedFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listSupportedFiles(p));
    else if (e.isFile() && formatOf(p)) out.push(p);
  }
  return out;
}

/** Sums outcomes into the report the CLI and the Knowledge screen show. */
export function reportOf(outcomes: KbIngestOutcome[], startedMs: number): KbIngestReport {
  const n = (s: KbIngestOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  return { outcomes, added: n('added'), updated: n('updated'), unchanged: n('unchanged'), failed: n('failed'), duration_ms: Math.round(performance.now() - startedMs) };
}

/**
 * Ingests a file or a folder. One bad file (a malformed PDF) is reported in its outcome and the
 * rest of the folder still goes in. Only a path that does not exist is an error.
 */
export async function ingestPath(ctx: StoreContext, path: string, opts: IngestOptions = {}): Promise<Result<KbIngestReport>> {
  const t0 = performance.now();
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    return err('not_found', `${path} does not exist. Give a file (.md, .txt, .html, .pdf) or a folder of them.`);
  }
  const files = isDir ? listSupportedFiles(path) : [path];
  const outcomes: KbIngestOutcome[] = [];
  for (const f of files) outcomes.push(await ingestFile(ctx, f, opts));
  return ok(reportOf(outcomes, t0));
}
